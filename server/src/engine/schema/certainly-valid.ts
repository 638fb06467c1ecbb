/**
 * A first pass over a document before the generated ajv validator runs: a small interpreter that
 * walks the document's own keys through the same schema the validator was compiled from, and
 * answers only "certainly valid". Anything it is not sure about (an error, a keyword or a format
 * it does not implement, a value it would have to compare deeply) sends the document to ajv,
 * which then gives the errors and their messages exactly as before.
 *
 * Why: the generated validators visit every property of the schema, and a Rollout's pod template
 * has hundreds, whatever the document holds; their root functions are huge (the Rollout's is
 * 172 KiB of code) and stay slow through the first opens of a large file. This walker does work
 * in proportion to the document and, being one small recursive function, gets hot early.
 *
 * Every check here is at least as strict as ajv's (draft-07, `allErrors`, the options of
 * scripts/gen-validators.mjs): when it returns true, ajv returns true. test/unit/certainly-valid
 * holds the two together on every schema fixture and corpus document.
 */
type Schema = Record<string, unknown>;

const STRING = 1;
const INTEGER = 2;
const BOOLEAN = 4;
const OBJECT = 8;
const ARRAY = 16;
const NULL = 32;
const TYPE_BITS = new Map<unknown, number>([
  ['string', STRING],
  ['integer', INTEGER],
  ['boolean', BOOLEAN],
  ['object', OBJECT],
  ['array', ARRAY],
  ['null', NULL],
]);

/** Formats the validators accept for any value (scripts/gen-validators.mjs ajvFormats: range hints only). */
const IGNORED_FORMATS = new Set(['int32', 'int64', 'float', 'double']);

/**
 * What the walker needs of one schema node, read once. Every plan has every field (see
 * emptyPlan): plans of one shape keep the walker's property reads monomorphic.
 */
interface Plan {
  /** Bits of the allowed types; 0 when the node has no `type`. */
  types: number;
  properties: Schema | undefined;
  /** Plans of the properties met so far (a Map lookup per document key instead of two). */
  propertyPlans: Map<string, Plan> | undefined;
  additionalPlan: Plan | undefined;
  itemsPlan: Plan | undefined;
  /** additionalProperties: undefined/true = anything, false = none, else their schema. */
  additional: Schema | false | undefined;
  items: Schema | undefined;
  required: string[] | undefined;
  enumValues: unknown[] | undefined;
  constValue: { value: unknown } | undefined;
  pattern: RegExp | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minItems: number | undefined;
  minProperties: number | undefined;
  maxProperties: number | undefined;
  /** Strings must go to ajv (a format this walker does not check). */
  stringFormat: boolean;
  anyOf: Schema[] | undefined;
  /** A keyword or form this walker does not implement: the node is never certainly valid. */
  unsupported: boolean;
}

const plans = new WeakMap<Schema, Plan>();

function planOf(node: Schema, root: Schema): Plan {
  let plan = plans.get(node);
  if (!plan) plans.set(node, (plan = makePlan(node, root)));
  return plan;
}

function emptyPlan(): Plan {
  return {
    types: 0,
    properties: undefined,
    propertyPlans: undefined,
    additionalPlan: undefined,
    itemsPlan: undefined,
    additional: undefined,
    items: undefined,
    required: undefined,
    enumValues: undefined,
    constValue: undefined,
    pattern: undefined,
    minLength: undefined,
    maxLength: undefined,
    minItems: undefined,
    minProperties: undefined,
    maxProperties: undefined,
    stringFormat: false,
    anyOf: undefined,
    unsupported: false,
  };
}

function makePlan(node: Schema, root: Schema): Plan {
  const plan = emptyPlan();
  for (const key in node) {
    const v = node[key];
    switch (key) {
      case 'type': {
        for (const t of Array.isArray(v) ? v : [v]) {
          const bit = TYPE_BITS.get(t);
          if (bit === undefined) plan.unsupported = true;
          else plan.types |= bit;
        }
        break;
      }
      case 'properties':
        // ajv reads `data.<name>`, which finds inherited members (`constructor`, `toString`) of a
        // document without that key; this walker only looks at own keys, so such names go to ajv.
        if (isSchema(v) && !Object.keys(v).some((name) => name in Object.prototype)) plan.properties = v;
        else plan.unsupported = true;
        break;
      case 'additionalProperties':
        if (v === false) plan.additional = false;
        else if (isSchema(v)) plan.additional = v;
        else if (v !== true) plan.unsupported = true;
        break;
      case 'items':
        if (isSchema(v)) plan.items = v;
        else plan.unsupported = true;
        break;
      case 'required':
        if (Array.isArray(v) && v.every((k) => typeof k === 'string')) plan.required = v;
        else plan.unsupported = true;
        break;
      case 'enum':
        if (Array.isArray(v)) plan.enumValues = v;
        else plan.unsupported = true;
        break;
      case 'const':
        plan.constValue = { value: v };
        break;
      case 'pattern':
        try {
          plan.pattern = new RegExp(String(v));
        } catch {
          plan.unsupported = true;
        }
        break;
      case 'format':
        if (!IGNORED_FORMATS.has(String(v))) plan.stringFormat = true;
        break;
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'minProperties':
      case 'maxProperties':
        if (typeof v === 'number') plan[key] = v;
        else plan.unsupported = true;
        break;
      case 'anyOf':
        if (Array.isArray(v) && v.length > 0 && v.every(isSchema)) plan.anyOf = v;
        else plan.unsupported = true;
        break;
      case '$ref': {
        // Hoisted definitions replace the whole node: a $ref with siblings is not a form we make.
        const target = typeof v === 'string' && Object.keys(node).length === 1 ? resolveRef(root, v) : undefined;
        if (target) return planOf(target, root);
        plan.unsupported = true;
        break;
      }
      case 'definitions':
        break;
      default:
        plan.unsupported = true;
    }
  }
  return plan;
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  const m = /^#\/definitions\/([^/]+)$/.exec(ref);
  const defs = root.definitions;
  if (!m || !isSchema(defs) || !Object.prototype.hasOwnProperty.call(defs, m[1])) return undefined;
  const target = defs[m[1]];
  return isSchema(target) ? target : undefined;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True only when `value` is valid against `root` (a schema as the validators were compiled from). */
export function certainlyValid(root: Schema, value: unknown): boolean {
  return check(planOf(root, root), value, root);
}

function check(plan: Plan, value: unknown, root: Schema): boolean {
  if (plan.unsupported) return false;
  if (plan.types !== 0 && !(plan.types & typeBit(value))) return false;
  if (plan.enumValues && !(isPrimitive(value) && plan.enumValues.includes(value))) return false;
  if (plan.constValue && !(isPrimitive(value) && plan.constValue.value === value)) return false;
  if (plan.anyOf && !someBranchAccepts(plan.anyOf, value, root)) return false;
  if (typeof value === 'string') return checkString(plan, value);
  if (Array.isArray(value)) {
    if (plan.minItems !== undefined && value.length < plan.minItems) return false;
    if (plan.items) {
      const items = (plan.itemsPlan ??= planOf(plan.items, root));
      for (let i = 0; i < value.length; i++) if (!check(items, value[i], root)) return false;
    }
    return true;
  }
  if (typeof value === 'object' && value !== null) return checkObject(plan, value as Record<string, unknown>, root);
  return true;
}

// Plain loops here and below: the walker runs per document key, so no closure or iterator per call.
function someBranchAccepts(branches: Schema[], value: unknown, root: Schema): boolean {
  for (let i = 0; i < branches.length; i++) if (check(planOf(branches[i], root), value, root)) return true;
  return false;
}

function checkString(plan: Plan, value: string): boolean {
  if (plan.stringFormat) return false;
  if (plan.pattern && !plan.pattern.test(value)) return false;
  if (plan.minLength !== undefined || plan.maxLength !== undefined) {
    const n = codePointLength(value);
    if (plan.minLength !== undefined && n < plan.minLength) return false;
    if (plan.maxLength !== undefined && n > plan.maxLength) return false;
  }
  return true;
}

function checkObject(plan: Plan, value: Record<string, unknown>, root: Schema): boolean {
  const { properties, additional } = plan;
  let count = 0;
  for (const key in value) {
    count++;
    const child = value[key];
    const known = properties && propertyPlan(plan, properties, key, root);
    if (known) {
      // ajv skips a property whose value is undefined; a parsed document has none.
      if (child !== undefined && !check(known, child, root)) return false;
    } else if (additional === false) return false;
    else if (additional && !check((plan.additionalPlan ??= planOf(additional, root)), child, root)) return false;
  }
  const required = plan.required;
  if (required) for (let i = 0; i < required.length; i++) if (value[required[i]] === undefined) return false;
  if (plan.minProperties !== undefined && count < plan.minProperties) return false;
  if (plan.maxProperties !== undefined && count > plan.maxProperties) return false;
  return true;
}

function propertyPlan(plan: Plan, properties: Schema, key: string, root: Schema): Plan | undefined {
  const plans = (plan.propertyPlans ??= new Map());
  let found = plans.get(key);
  if (found === undefined && Object.prototype.hasOwnProperty.call(properties, key)) {
    const sub = properties[key];
    // A boolean schema (`false`, `true`) is not a form the generator writes: leave it to ajv.
    plans.set(key, (found = isSchema(sub) ? planOf(sub, root) : UNSUPPORTED));
  }
  return found;
}

const UNSUPPORTED: Plan = { ...emptyPlan(), unsupported: true };

function typeBit(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      return Number.isInteger(value) ? INTEGER : 0;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      return value === null ? NULL : Array.isArray(value) ? ARRAY : OBJECT;
    default:
      return 0;
  }
}

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/** What minLength/maxLength count: Unicode code points, as the validators do. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}
