// Schema layer of the language engine: validates parsed manifests against the JSON
// Schemas generated from the upstream CRDs (scripts/gen-schemas.mjs) with the ajv
// validators precompiled by scripts/gen-validators.mjs, and turns ajv's errors into
// issues worded like the Kubernetes API server's field errors
// (../shared/docs/semantics/argo-rollouts.md §0.1, §6).
//
// A document goes to ajv only when the data-driven first pass (certainly-valid.ts) cannot vouch
// for it; ajv's errors are the ones reported. Pure functions, no editor or transport
// dependencies. Validators and schemas are loaded lazily (first use per schema id).
import * as generated from '../../../generated/validators';
import type { GeneratedValidateFunction, GeneratedValidationError, SchemaId } from '../../../generated/validators';
import { certainlyValid } from './certainly-valid';

export interface SchemaIssue {
  /**
   * Path to the offending node. For `additionalProperties` it ends with the unknown key
   * (onKey = true); for `required` it ends with the missing key, which usually does not
   * exist in the document (highlight the parent object then) or holds null.
   */
  path: (string | number)[];
  /**
   * JSON Schema keyword that failed: additionalProperties, required, type (also used for
   * int-or-string `anyOf` failures), enum, const, pattern, format, minLength, maxLength,
   * minimum, maximum, minItems, maxItems, uniqueItems, anyOf, … Two keywords are our own:
   * - `nullValue`: a field set to null (`key:` with no value) where the schema does not
   *   allow null. Not an upstream error: the API server prunes such nulls and the Go
   *   decoders treat them as unset. Suggested severity: warning or hint.
   * - `truncated`: notice appended when a document has more than MAX_SCHEMA_ISSUES issues.
   */
  keyword: string;
  /** Kubernetes API server wording, e.g. `spec.replicas: Invalid value: "three": …`. */
  message: string;
  /** ajv's params, plus `actualType` for type issues. */
  params: Record<string, unknown>;
  /** true when the range should cover the property key (unknown property), false for the value */
  onKey: boolean;
}

export const FLEET_YAML_SCHEMA_ID = 'fleet.yaml';

/** At most this many issues are reported per document (a `truncated` notice follows when more exist). */
export const MAX_SCHEMA_ISSUES = 100;

/** Longest rendering of a value inside a message. */
const MAX_VALUE_CHARS = 120;

// ---------------------------------------------------------------------------------------
// Schema lookup

let kindIndex: Map<string, SchemaId> | undefined;

function indexKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

function getKindIndex(): Map<string, SchemaId> {
  if (!kindIndex) {
    kindIndex = new Map();
    for (const entry of generated.index) {
      if (entry.apiVersion && entry.kind) kindIndex.set(indexKey(entry.apiVersion, entry.kind), entry.id);
    }
  }
  return kindIndex;
}

function isSchemaId(id: string): id is SchemaId {
  return Object.prototype.hasOwnProperty.call(generated.loaders, id);
}

/** `('argoproj.io/v1alpha1', 'Rollout')` → `'argoproj.rollout'`; unknown → undefined. */
export function schemaIdFor(apiVersion: string | undefined, kind: string | undefined): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  // Rules ask for every object, several times: remember the answer per (apiVersion, kind) as written.
  let byKind = schemaIdByKind.get(apiVersion);
  if (!byKind) {
    if (schemaIdByKind.size >= 64) schemaIdByKind.clear();
    schemaIdByKind.set(apiVersion, (byKind = new Map()));
  }
  if (byKind.has(kind)) return byKind.get(kind);
  if (byKind.size >= 64) byKind.clear();
  const id = getKindIndex().get(indexKey(apiVersion.trim(), kind.trim()));
  byKind.set(kind, id);
  return id;
}

const schemaIdByKind = new Map<string, Map<string, SchemaId | undefined>>();

/** All schema ids with a generated validator (Kubernetes kinds and `fleet.yaml`). */
export function schemaIds(): string[] {
  return generated.index.map((e) => e.id);
}

const validators = new Map<string, GeneratedValidateFunction>();
const schemas = new Map<string, object>();

function validatorFor(schemaId: string): GeneratedValidateFunction {
  let validate = validators.get(schemaId);
  if (!validate) {
    if (!isSchemaId(schemaId)) throw new Error(`unknown schema id "${schemaId}"`);
    validate = generated.loaders[schemaId]();
    validators.set(schemaId, validate);
  }
  return validate;
}

/** The JSON Schema (draft-07, with descriptions) for hover/completion; loaded on first use. */
export function schemaFor(schemaId: string): object | undefined {
  let schema = schemas.get(schemaId);
  if (!schema) {
    if (!isSchemaId(schemaId)) return undefined;
    schema = generated.schemaLoaders[schemaId]();
    schemas.set(schemaId, schema);
  }
  return schema;
}

// ---------------------------------------------------------------------------------------
// Validation

/**
 * Validates one parsed document (the plain JS value of a YAML document) against a schema.
 * Returns [] when valid. At most MAX_SCHEMA_ISSUES issues (+ a `truncated` notice).
 * Throws for an unknown schema id.
 */
export function validateWithSchema(schemaId: string, value: unknown): SchemaIssue[] {
  const validate = validatorFor(schemaId);
  if ((validate.schema !== undefined && certainlyValid(validate.schema, value)) || validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e): e is GeneratedValidationError => e != null);
  return toIssues(errors, value, validate.capped === true, (path) => isRequiredField(schemaId, path));
}

/** Whether the schema lists the last segment of `path` as required by its parent object. */
function isRequiredField(schemaId: string, path: readonly (string | number)[]): boolean {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return false;
  const parent = subschemaAt(schemaFor(schemaId), path.slice(0, -1));
  return Array.isArray(parent?.required) && parent.required.includes(key);
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  required?: string[];
}

/** Follows a document path through a (ref-free) generated schema. */
function subschemaAt(schema: object | undefined, path: readonly (string | number)[]): SchemaNode | undefined {
  let node = schema as SchemaNode | undefined;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') {
      node = Array.isArray(node.items) ? node.items[seg] : node.items;
    } else if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, seg)) {
      node = node.properties[seg];
    } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      node = node.additionalProperties;
    } else {
      return undefined;
    }
  }
  return node;
}

interface Located {
  error: GeneratedValidationError;
  path: (string | number)[];
  pathKey: string;
  value: unknown;
}

function toIssues(
  errors: GeneratedValidationError[],
  root: unknown,
  capped: boolean,
  isRequired: (path: readonly (string | number)[]) => boolean,
): SchemaIssue[] {
  // 1. anyOf: drop the branch errors, keep one issue for the anyOf itself. Branch errors
  //    have the same instancePath (or a deeper one) and a schemaPath below the anyOf's.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const branchTypes = new Map<GeneratedValidationError, string[] | null>();
  const dropped = new Set<GeneratedValidationError>();
  for (const a of anyOfs) {
    const prefix = a.schemaPath + '/';
    let types: string[] | null = [];
    for (const e of errors) {
      if (e === a || !e.schemaPath.startsWith(prefix)) continue;
      if (e.instancePath !== a.instancePath && !e.instancePath.startsWith(a.instancePath + '/')) continue;
      dropped.add(e);
      if (types && e.keyword === 'type' && e.instancePath === a.instancePath) types.push(...typeList(e.params.type));
      else types = null;
    }
    branchTypes.set(a, types && types.length > 0 ? types : null);
  }

  // 2. locate every remaining error in the document
  const located: Located[] = [];
  const typeFailed = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error)) continue;
    const { path, value } = resolvePointer(root, error.instancePath);
    const pathKey = path.map(String).join('\u0000');
    located.push({ error, path, pathKey, value });
    if (error.keyword === 'type' || (error.keyword === 'anyOf' && branchTypes.get(error))) typeFailed.add(pathKey);
  }

  // 3. one issue per path + keyword; a type error hides other keyword errors on the same node
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  let truncated = capped;
  for (const loc of located) {
    const { error } = loc;
    const keyword = error.keyword === 'anyOf' && branchTypes.get(error) ? 'type' : error.keyword;
    if (keyword !== 'type' && keyword !== 'additionalProperties' && keyword !== 'required' && typeFailed.has(loc.pathKey)) continue;
    const issue = makeIssue(loc, keyword, branchTypes.get(error) ?? null, isRequired);
    const dedupeKey = `${issue.path.map(String).join('\u0000')}\u0001${issue.keyword}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    if (issues.length >= MAX_SCHEMA_ISSUES) {
      truncated = true;
      break;
    }
    issues.push(issue);
  }
  if (truncated) {
    issues.push({
      path: [],
      keyword: 'truncated',
      message: `too many schema errors: only the first ${issues.length} are reported`,
      params: { limit: MAX_SCHEMA_ISSUES },
      onKey: false,
    });
  }
  return issues;
}

function makeIssue(
  loc: Located,
  keyword: string,
  anyOfTypes: string[] | null,
  isRequired: (path: readonly (string | number)[]) => boolean,
): SchemaIssue {
  const { error, path, value } = loc;
  const params: Record<string, unknown> = { ...error.params };
  const field = formatPath(path);
  switch (keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const full = [...path, key];
      return { path: full, keyword, message: `unknown field "${formatPath(full)}"`, params, onKey: true };
    }
    case 'required': {
      const full = [...path, String(error.params.missingProperty)];
      return { path: full, keyword, message: `${formatPath(full)}: Required value`, params, onKey: false };
    }
    case 'type': {
      const expected = anyOfTypes ?? typeList(error.params.type);
      const shown = expected.filter((t) => t !== 'null');
      const actualType = jsonType(value);
      params.actualType = actualType;
      if (anyOfTypes) params.type = anyOfTypes;
      // A null field value where the schema has no `nullable`: the API server prunes it
      // (treated as unset) and Go decoders ignore it, so upstream does not reject it.
      // Reported under its own keyword so that the engine can choose a lower severity.
      const isNullField = actualType === 'null' && path.length > 0 && typeof path[path.length - 1] === 'string';
      if (isNullField && isRequired(path)) {
        // pruned, then missing: the API server reports the required field
        return { path, keyword: 'required', message: `${field}: Required value`, params: { missingProperty: path[path.length - 1], actualType }, onKey: false };
      }
      return {
        path,
        keyword: isNullField ? 'nullValue' : keyword,
        message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body must be of type ${(shown.length > 0 ? shown : expected).join(',')}: "${actualType}"`,
        params,
        onKey: false,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = keyword === 'enum' ? (Array.isArray(error.params.allowedValues) ? error.params.allowedValues : []) : [error.params.allowedValue];
      const supported = allowed.filter((v) => v !== null).map((v) => renderValue(v));
      return { path, keyword, message: `${field}: Unsupported value: ${renderValue(value)}: supported values: ${supported.join(', ')}`, params, onKey: false };
    }
    case 'pattern':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body should match '${String(error.params.pattern)}'`, params, onKey: false };
    case 'format':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body must be of type ${String(error.params.format)}: ${renderValue(value)}`, params, onKey: false };
    case 'maxLength':
      return { path, keyword, message: `${field}: Too long: may not be more than ${String(error.params.limit)} bytes`, params, onKey: false };
    case 'minLength':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body should be at least ${String(error.params.limit)} chars long`, params, onKey: false };
    case 'maxItems':
      return { path, keyword, message: `${field}: Too many: ${Array.isArray(value) ? value.length : '?'}: must have at most ${String(error.params.limit)} items`, params, onKey: false };
    case 'minItems':
      return { path, keyword, message: `${field}: Invalid value: ${Array.isArray(value) ? value.length : '?'}: ${field} in body should have at least ${String(error.params.limit)} items`, params, onKey: false };
    case 'maxProperties':
      return { path, keyword, message: `${field}: Too many: ${countKeys(value)}: must have at most ${String(error.params.limit)} items`, params, onKey: false };
    case 'minProperties':
      return { path, keyword, message: `${field}: Invalid value: ${countKeys(value)}: ${field} in body should have at least ${String(error.params.limit)} properties`, params, onKey: false };
    case 'minimum':
    case 'exclusiveMinimum':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body should be greater than ${keyword === 'minimum' ? 'or equal to ' : ''}${String(error.params.limit)}`, params, onKey: false };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body should be less than ${keyword === 'maximum' ? 'or equal to ' : ''}${String(error.params.limit)}`, params, onKey: false };
    case 'uniqueItems': {
      const dup = Array.isArray(value) && typeof error.params.i === 'number' ? value[error.params.i] : value;
      return { path, keyword, message: `${field}: Duplicate value: ${renderValue(dup)}`, params, onKey: false };
    }
    case 'anyOf':
    case 'oneOf':
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: ${field} in body must match ${keyword === 'anyOf' ? 'at least one' : 'exactly one'} schema`, params, onKey: false };
    default:
      return { path, keyword, message: `${field}: Invalid value: ${renderValue(value)}: failed ${keyword} validation`, params, onKey: false };
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

function typeList(t: unknown): string[] {
  if (Array.isArray(t)) return t.map(String);
  if (typeof t === 'string') return t.split(',');
  return [];
}

function countKeys(v: unknown): number | string {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : '?';
}

/** JSON Schema type name of a value, as kube-openapi prints it. */
function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Resolves an ajv instancePath (JSON pointer) to a path array; array indexes become numbers. */
function resolvePointer(root: unknown, pointer: string): { path: (string | number)[]; value: unknown } {
  const path: (string | number)[] = [];
  let value: unknown = root;
  if (pointer === '') return { path, value };
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(segment)) {
      const i = Number(segment);
      path.push(i);
      value = value[i];
    } else {
      path.push(segment);
      value =
        value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)
          ? (value as Record<string, unknown>)[segment]
          : undefined;
    }
  }
  return { path, value };
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Dotted field path as in Kubernetes errors: `spec.strategy.canary.steps[0].setWeight`.
 * Keys that are not simple identifiers (e.g. label keys) are rendered as `[key]`.
 */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '<root>';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}

/**
 * Renders a value like apimachinery's field.Error: strings quoted, numbers/booleans as is,
 * null as `null`, objects/arrays as compact JSON; long renderings are cut.
 */
function renderValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return truncate(JSON.stringify(v.length > MAX_VALUE_CHARS ? v.slice(0, MAX_VALUE_CHARS) : v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return truncate(boundedJson(v, MAX_VALUE_CHARS + 1));
}

function truncate(s: string): string {
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}…` : s;
}

/** JSON.stringify that stops after roughly `limit` characters (values may be huge). */
function boundedJson(v: unknown, limit: number): string {
  let out = '';
  const walk = (x: unknown): void => {
    if (out.length > limit) return;
    if (x === null || x === undefined || typeof x !== 'object') {
      out += x === undefined ? 'null' : JSON.stringify(x) ?? 'null';
      return;
    }
    if (Array.isArray(x)) {
      out += '[';
      for (let i = 0; i < x.length && out.length <= limit; i++) {
        if (i > 0) out += ',';
        walk(x[i]);
      }
      out += ']';
      return;
    }
    out += '{';
    let first = true;
    for (const key of Object.keys(x)) {
      if (out.length > limit) break;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(key)}:`;
      walk((x as Record<string, unknown>)[key]);
    }
    out += '}';
  };
  walk(v);
  return out;
}
