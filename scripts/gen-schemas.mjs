#!/usr/bin/env node
// Generates draft-07 JSON Schemas from the upstream CRDs in ../shared/crds.
//
//   node scripts/gen-schemas.mjs [--force] [--quiet]
//
// Input:  <shared>/crds/*.yaml (every CustomResourceDefinition found there),
//         <shared> = $FLEET_ROLLOUTS_SHARED or <repo>/../shared
// Output: schemas/generated/<group-short>.<kind-lowercase>.schema.json (one per kind),
//         schemas/generated/fleet.yaml.schema.json (derived, see buildFleetYamlSchema),
//         schemas/generated/<id>.schema.json for each hand-written schemas/*.schema.json (readHandWritten),
//         schemas/generated/index.json
//
// The output is a pure function of the CRD files and this script. A stamp file
// (schemas/generated/.stamp.json) records the hashes of inputs and outputs; when both
// still match, the script does nothing (pass --force or FLEET_ROLLOUTS_FORCE_GEN=1 to
// regenerate anyway).
//
// Translation of the Kubernetes structural OpenAPI v3 dialect (see
// ../shared/docs/semantics/argo-rollouts.md §6):
//   x-kubernetes-int-or-string        -> anyOf: [{type: integer}, {type: string}]
//   x-kubernetes-preserve-unknown-fields -> open object (no additionalProperties: false)
//   properties without additionalProperties -> additionalProperties: false (strict decoding)
//   nullable: true                    -> null added to `type` (and `enum`)
//   description/enum/required/format/default/pattern/min/max… are kept, x-kubernetes-*
//   annotations are kept verbatim (they are ignored by validators, useful for hover).
import fs from 'node:fs';
import { freshStamp, sha256 } from './gen-stamp.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const GENERATOR_VERSION = 1;
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(scriptPath), '..');

export function sharedDir() {
  const env = process.env.FLEET_ROLLOUTS_SHARED;
  return env ? path.resolve(env) : path.resolve(repoRoot, '..', 'shared');
}

export function crdDir() {
  const shared = sharedDir();
  const sub = path.join(shared, 'crds');
  // Allow FLEET_ROLLOUTS_SHARED to point either at shared/ or at shared/crds/ itself.
  return fs.existsSync(sub) ? sub : shared;
}

export const outDir = path.join(repoRoot, 'schemas', 'generated');

/** Kinds the engine relies on; generation fails loudly when one of them is missing. */
const REQUIRED_IDS = [
  'argoproj.rollout',
  'argoproj.analysistemplate',
  'argoproj.clusteranalysistemplate',
  'argoproj.analysisrun',
  'argoproj.experiment',
  'argoproj.applicationset',
  'fleet.bundle',
  'fleet.gitrepo',
  'fleet.imagescan',
];

// ---------------------------------------------------------------------------------------
// OpenAPI v3 (structural, Kubernetes flavour) -> JSON Schema draft-07

const COPY_ANNOTATIONS = [
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-validations',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
];

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Translate one schema node. Key order of the output is fixed so that the result is
 * byte-for-byte deterministic for a given input.
 */
export function translate(node) {
  if (!isPlainObject(node)) return {};
  const out = {};
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  const nullable = node.nullable === true;

  if (typeof node.title === 'string') out.title = node.title;
  if (typeof node.description === 'string') out.description = node.description;

  let type = typeof node.type === 'string' ? node.type : undefined;
  if (intOrString) {
    const branches = [{ type: 'integer' }, { type: 'string' }];
    if (nullable) branches.push({ type: 'null' });
    out.anyOf = branches;
    type = undefined;
  } else if (type !== undefined) {
    out.type = nullable ? [type, 'null'] : type;
  } else if (node.properties !== undefined || (node.additionalProperties !== undefined && !preserveUnknown)) {
    // Structural schemas always carry a type; be defensive for hand-written ones.
    type = 'object';
    out.type = nullable ? ['object', 'null'] : 'object';
  }

  if (typeof node.format === 'string') out.format = node.format;
  if (Array.isArray(node.enum)) {
    out.enum = nullable && !node.enum.includes(null) ? [...node.enum, null] : [...node.enum];
  }
  if ('default' in node) out.default = node.default;

  // string / int-or-string
  if (typeof node.pattern === 'string') out.pattern = node.pattern;
  if (typeof node.minLength === 'number') out.minLength = node.minLength;
  if (typeof node.maxLength === 'number') out.maxLength = node.maxLength;
  // numbers (OpenAPI v3.0 boolean exclusive* -> draft-07 numeric form)
  if (typeof node.minimum === 'number') {
    if (node.exclusiveMinimum === true) out.exclusiveMinimum = node.minimum;
    else out.minimum = node.minimum;
  }
  if (typeof node.maximum === 'number') {
    if (node.exclusiveMaximum === true) out.exclusiveMaximum = node.maximum;
    else out.maximum = node.maximum;
  }
  if (typeof node.multipleOf === 'number') out.multipleOf = node.multipleOf;
  // arrays
  if (node.items !== undefined) {
    out.items = Array.isArray(node.items) ? node.items.map(translate) : translate(node.items);
  }
  if (typeof node.minItems === 'number') out.minItems = node.minItems;
  if (typeof node.maxItems === 'number') out.maxItems = node.maxItems;
  if (node.uniqueItems === true) out.uniqueItems = true;
  // objects
  if (isPlainObject(node.properties)) {
    out.properties = {};
    for (const [key, sub] of Object.entries(node.properties)) {
      out.properties[key] = key === 'metadata' && isLabelsAnnotationsOnly(sub) ? withCreationTimestamp(translate(sub)) : translate(sub);
    }
  }
  if (node.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof node.additionalProperties === 'boolean' ? node.additionalProperties : translate(node.additionalProperties);
  } else if (type === 'object' && !preserveUnknown) {
    // Structural schema: fields not listed are pruned by the API server and rejected by
    // strict decoding (kubectl --validate=strict, `kubectl argo rollouts lint`).
    out.additionalProperties = false;
  }
  if (Array.isArray(node.required) && node.required.length > 0) out.required = [...node.required];
  if (typeof node.minProperties === 'number') out.minProperties = node.minProperties;
  if (typeof node.maxProperties === 'number') out.maxProperties = node.maxProperties;
  // combinators (rare in CRDs; the int-or-string anyOf is regenerated above)
  if (!intOrString && Array.isArray(node.anyOf)) out.anyOf = node.anyOf.map(translate);
  if (Array.isArray(node.oneOf)) out.oneOf = node.oneOf.map(translate);
  if (Array.isArray(node.allOf)) out.allOf = node.allOf.map(translate);
  if (isPlainObject(node.not)) out.not = translate(node.not);

  for (const ann of COPY_ANNOTATIONS) if (node[ann] !== undefined) out[ann] = node[ann];
  return out;
}

/**
 * Argo Rollouts restricts embedded pod-template / job metadata to labels and annotations
 * (createMetadataValidation, argo-rollouts.md §6). Go serializers (kubectl get -o yaml,
 * controller dumps, Argo's own fixtures) write `creationTimestamp: null` into every
 * ObjectMeta; Argo's strict decoder accepts it (the Go type is a full ObjectMeta) and the
 * API server prunes it, so it is accepted here too.
 */
function isLabelsAnnotationsOnly(node) {
  if (!isPlainObject(node) || !isPlainObject(node.properties) || node.additionalProperties !== undefined) return false;
  const keys = Object.keys(node.properties).sort();
  return keys.length === 2 && keys[0] === 'annotations' && keys[1] === 'labels';
}

function withCreationTimestamp(schema) {
  return {
    ...schema,
    properties: {
      ...schema.properties,
      creationTimestamp: {
        description: 'Ignored: written as null by Go serializers; not part of the CRD schema (the API server prunes it).',
        type: ['string', 'null'],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------
// Whole-object wrappers

const stringMap = (description) => ({
  description,
  type: ['object', 'null'],
  additionalProperties: { type: 'string' },
});

/** ObjectMeta: the commonly written fields are typed, anything else is accepted. */
function objectMetaSchema() {
  return {
    description:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    type: ['object', 'null'],
    properties: {
      name: {
        description: 'Name must be unique within a namespace. It is required when creating resources, unless generateName is set.',
        type: 'string',
      },
      generateName: {
        description: 'Optional prefix used by the server to generate a unique name, only if name is not provided.',
        type: 'string',
      },
      namespace: {
        description: 'Namespace defines the space within which each name must be unique. Empty means "default" for namespaced kinds.',
        type: 'string',
      },
      labels: stringMap('Map of string keys and values used to organize and select objects (label selectors). Values must be strings.'),
      annotations: stringMap('Unstructured key value map stored with a resource. Values must be strings.'),
      finalizers: { description: 'Must be empty before the object is deleted from the registry.', type: ['array', 'null'], items: { type: 'string' } },
      ownerReferences: {
        description: 'List of objects depended by this object.',
        type: ['array', 'null'],
        items: {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            name: { type: 'string' },
            uid: { type: 'string' },
            controller: { type: 'boolean' },
            blockOwnerDeletion: { type: 'boolean' },
          },
          additionalProperties: false,
          required: ['apiVersion', 'kind', 'name', 'uid'],
        },
      },
      uid: { description: 'Set by the server.', type: 'string' },
      resourceVersion: { description: 'Set by the server.', type: 'string' },
      generation: { description: 'Set by the server.', type: 'integer', format: 'int64' },
      creationTimestamp: { description: 'Set by the server.', type: ['string', 'null'] },
      deletionTimestamp: { description: 'Set by the server.', type: ['string', 'null'] },
      deletionGracePeriodSeconds: { description: 'Set by the server.', type: ['integer', 'null'], format: 'int64' },
      selfLink: { description: 'Deprecated; set by old servers.', type: 'string' },
      managedFields: { description: 'Set by the server (server-side apply).', type: ['array', 'null'] },
    },
    // "otherwise open": other ObjectMeta fields are not checked here.
  };
}

function servedStorageVersion(crd) {
  const versions = crd.spec.versions ?? [];
  return versions.find((v) => v.storage && v.served !== false) ?? versions.find((v) => v.served !== false) ?? versions[0];
}

function groupShort(group) {
  return group.split('.')[0];
}

export function idFor(group, kind) {
  return `${groupShort(group)}.${kind.toLowerCase()}`;
}

function wrapCrd(crd) {
  const { group, names, scope } = crd.spec;
  const version = servedStorageVersion(crd);
  const apiVersions = (crd.spec.versions ?? []).filter((v) => v.served !== false).map((v) => `${group}/${v.name}`);
  const apiVersion = `${group}/${version.name}`;
  const root = version.schema?.openAPIV3Schema ?? { type: 'object' };
  const properties = {
    apiVersion: {
      description: root.properties?.apiVersion?.description ?? 'APIVersion defines the versioned schema of this representation of an object.',
      type: 'string',
      enum: apiVersions.length > 0 ? apiVersions : [apiVersion],
    },
    kind: {
      description: root.properties?.kind?.description ?? 'Kind is a string value representing the REST resource this object represents.',
      type: 'string',
      const: names.kind,
    },
    metadata: objectMetaSchema(),
  };
  const definitions = {};
  for (const [key, sub] of Object.entries(root.properties ?? {})) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
    if (key === 'status') {
      // Repos often carry status dumps (kubectl get -o yaml); the API server ignores
      // status on create/update of the main resource. Accept anything, keep the typed
      // schema for hover under definitions.status.
      definitions.status = translate(sub);
      properties.status = {
        description: sub.description ?? 'Observed state (written by the controller).',
        $comment: 'Not validated: any value is accepted. Typed schema: #/definitions/status',
      };
      continue;
    }
    properties[key] = translate(sub);
  }
  const schema = {
    $schema: DRAFT_07,
    title: `${names.kind} (${apiVersion})`,
    description: root.description ?? `${names.kind} (${apiVersion})`,
    type: 'object',
    properties,
    additionalProperties: false,
    required: ['apiVersion', 'kind', ...(root.required ?? []).filter((k) => k !== 'apiVersion' && k !== 'kind')],
    'x-kubernetes-group-version-kind': [{ group, version: version.name, kind: names.kind }],
    'x-fleet-rollouts': { id: idFor(group, names.kind), scope, plural: names.plural, shortNames: names.shortNames ?? [] },
  };
  if (Object.keys(definitions).length > 0) schema.definitions = definitions;
  return { id: idFor(group, names.kind), apiVersion, kind: names.kind, schema, spec: root.properties?.spec };
}

// ---------------------------------------------------------------------------------------
// fleet.yaml (FleetYAML Go struct = name/labels + BundleSpec + fleet.yaml-only keys)
// Sources: ../shared/docs/semantics/fleet-argocd.md §1.2–1.3.

/** BundleSpec keys that are accepted by the parser but are set by `fleet apply` / the controller. */
const FLEET_INTERNAL_KEYS = new Set([
  'resources',
  'targetRestrictions',
  'contentsId',
  'helmOpOptions',
  'valuesHash',
  'overwrites',
  'allowedTargetNamespaceSelector',
]);

function markInternal(schema) {
  const note =
    'Internal field: set by `fleet apply` or the Fleet controller, not meant to be written in fleet.yaml (the parser accepts it).';
  return { ...schema, description: schema.description ? `${note}\n\n${schema.description}` : note, 'x-fleet-internal': true };
}

function clone(v) {
  return structuredClone(v);
}

function sortedProperties(props) {
  const out = {};
  for (const key of Object.keys(props).sort()) out[key] = props[key];
  return out;
}

export function buildFleetYamlSchema(byKind) {
  const bundle = byKind.get('fleet.bundle');
  const gitrepo = byKind.get('fleet.gitrepo');
  const imagescan = byKind.get('fleet.imagescan');
  if (!bundle?.spec || !gitrepo?.spec || !imagescan?.spec) {
    throw new Error('fleet.yaml schema needs the Bundle, GitRepo and ImageScan CRDs (fleet-crds.yaml)');
  }
  const bundleSpec = translate(bundle.spec);
  const props = {};
  for (const [key, sub] of Object.entries(bundleSpec.properties ?? {})) {
    props[key] = FLEET_INTERNAL_KEYS.has(key) ? markInternal(sub) : sub;
  }

  // BundleTarget items: same internal markers inside targets.
  const targetItems = props.targets?.items;
  if (isPlainObject(targetItems?.properties)) {
    for (const key of Object.keys(targetItems.properties)) {
      if (FLEET_INTERNAL_KEYS.has(key)) targetItems.properties[key] = markInternal(targetItems.properties[key]);
    }
  }

  props.name = {
    description:
      'Name of the Bundle. Defaults to a name derived from the GitRepo name and the bundle path; used verbatim when set (not sanitized).',
    type: 'string',
  };
  props.labels = stringMap(
    'Labels of the Bundle (override same-key GitRepo labels); other bundles select it via dependsOn[].selector. Values must be strings.',
  );
  props.annotations = stringMap('Annotations added to the Bundle metadata (fleet.yaml is also read as ObjectMeta). Values must be strings.');

  const targetsCopy = clone(props.targets ?? { type: ['array', 'null'], items: { type: 'object' } });
  delete targetsCopy.description;
  props.targetCustomizations = {
    description:
      "Per-target customizations (fleet.yaml name of the Bundle's spec.targets). Evaluated in order; by default (targetCustomizationMode FirstMatch) the first entry matching a cluster is used, with AllMatches all matching entries are merged in order. Each entry takes the cluster criteria (clusterName, clusterSelector, clusterGroup, clusterGroupSelector), doNotDeploy and any bundle deployment option.",
    ...targetsCopy,
  };
  if (props.targets) {
    props.targets = {
      ...props.targets,
      description:
        'Targets (as in the Bundle spec). In fleet.yaml they are prepended to targetCustomizations; with a GitRepo they act as customizations.' +
        (props.targets.description ? `\n\n${props.targets.description}` : ''),
    };
  }

  const gitTargets = translate(gitrepo.spec).properties?.targets;
  props.overrideTargets = {
    description:
      'Overrides the targets of the GitRepo: when set (even to []), GitRepo targets are not used; these entries become both targets and target restrictions of the Bundle.',
    type: ['array', 'null'],
    items: clone(gitTargets?.items ?? { type: 'object' }),
  };

  const scanSpec = translate(imagescan.spec);
  const scanItem = {
    description: 'One image scan; Fleet creates an ImageScan resource for it (requires imagescan to be enabled in Fleet).',
    type: 'object',
    properties: {
      name: { description: 'Name of the image scan (unused).', type: 'string' },
      ...clone(scanSpec.properties ?? {}),
    },
    additionalProperties: false,
    // No `required`: fleet apply skips entries without an image and checks tagName itself.
  };
  props.imageScans = {
    description: 'Image scans: update container image references in the git repo (see ImageScan).',
    type: ['array', 'null'],
    items: scanItem,
  };

  return {
    $schema: DRAFT_07,
    title: 'fleet.yaml (Rancher Fleet bundle options)',
    description:
      'fleet.yaml / fleet.yml: options of the Bundle built from this directory (FleetYAML = name, labels, BundleSpec, targetCustomizations, overrideTargets, imageScans). Derived from the fleet.cattle.io Bundle CRD. Fleet reads this file non-strictly: unknown keys are ignored by `fleet apply` (additionalProperties issues are reported so that the editor can flag them).',
    type: 'object',
    properties: sortedProperties(props),
    additionalProperties: false,
    'x-fleet-rollouts': { id: 'fleet.yaml', fileMatch: ['fleet.yaml', 'fleet.yml'], derivedFrom: ['fleet.bundle', 'fleet.gitrepo', 'fleet.imagescan'] },
  };
}

// ---------------------------------------------------------------------------------------
// Hand-written schemas of the extension's own kinds (no CRD): schemas/<name>.schema.json, copied
// as they are and indexed by the apiVersion/kind of their x-kubernetes-group-version-kind.

const handWrittenDir = path.join(repoRoot, 'schemas');

export function readHandWritten() {
  return fs
    .readdirSync(handWrittenDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema = JSON.parse(fs.readFileSync(path.join(handWrittenDir, file), 'utf8'));
      const [gvk] = schema['x-kubernetes-group-version-kind'] ?? [];
      const id = schema['x-fleet-rollouts']?.id;
      if (!gvk || !id) throw new Error(`${file}: needs x-kubernetes-group-version-kind and x-fleet-rollouts.id`);
      return { id, apiVersion: `${gvk.group}/${gvk.version}`, kind: gvk.kind, schema, text: fs.readFileSync(path.join(handWrittenDir, file)) };
    });
}

// ---------------------------------------------------------------------------------------
// Driver


function listCrdFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
}

function readCrds(dir, files) {
  const crds = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const docs = YAML.parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
    for (const doc of docs) {
      if (doc.errors?.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      const obj = doc.toJS({ maxAliasCount: -1 });
      if (!isPlainObject(obj) || obj.kind !== 'CustomResourceDefinition' || !obj.spec?.names?.kind) continue;
      crds.push({ file, crd: obj });
    }
  }
  return crds;
}

function stringify(schema) {
  return JSON.stringify(schema, null, 2) + '\n';
}

export function generate({ force = false, quiet = false } = {}) {
  const t0 = performance.now();
  const dir = crdDir();
  if (!fs.existsSync(dir)) throw new Error(`CRD folder not found: ${dir} (set FLEET_ROLLOUTS_SHARED)`);
  const files = listCrdFiles(dir);
  const inputs = files.map((f) => [f, fs.readFileSync(path.join(dir, f))]);
  const handWritten = readHandWritten();
  const inputHash = sha256(
    JSON.stringify({
      v: GENERATOR_VERSION,
      script: sha256(fs.readFileSync(scriptPath)),
      files: inputs.map(([f, b]) => [f, sha256(b)]),
      handWritten: handWritten.map((h) => [h.id, sha256(h.text)]),
    }),
  );

  const stampPath = path.join(outDir, '.stamp.json');
  const stamp = force ? undefined : freshStamp(outDir, inputHash);
  if (stamp) {
      if (!quiet) console.log(`gen-schemas: up to date (${Object.keys(stamp.outputs).length} files, ${(performance.now() - t0).toFixed(0)} ms)`);
      return { skipped: true, files: Object.keys(stamp.outputs) };
  }

  const crds = readCrds(dir, files);
  const tParsed = performance.now();
  const byId = new Map();
  for (const { file, crd } of crds) {
    const entry = wrapCrd(crd);
    if (byId.has(entry.id)) throw new Error(`duplicate schema id ${entry.id} (${file})`);
    entry.source = file;
    byId.set(entry.id, entry);
  }
  for (const id of REQUIRED_IDS) if (!byId.has(id)) throw new Error(`missing CRD for ${id} in ${dir}`);

  const index = [];
  const outputs = new Map();
  for (const id of [...byId.keys()].sort()) {
    const entry = byId.get(id);
    const file = `${id}.schema.json`;
    outputs.set(file, stringify(entry.schema));
    index.push({ id, apiVersion: entry.apiVersion, kind: entry.kind, file });
  }
  outputs.set('fleet.yaml.schema.json', stringify(buildFleetYamlSchema(byId)));
  index.push({ id: 'fleet.yaml', file: 'fleet.yaml.schema.json', fileMatch: ['fleet.yaml', 'fleet.yml'] });
  for (const h of handWritten) {
    if (byId.has(h.id)) throw new Error(`duplicate schema id ${h.id} (schemas/)`);
    outputs.set(`${h.id}.schema.json`, stringify(h.schema));
    index.push({ id: h.id, apiVersion: h.apiVersion, kind: h.kind, file: `${h.id}.schema.json` });
  }
  outputs.set('index.json', JSON.stringify(index, null, 2) + '\n');

  fs.mkdirSync(outDir, { recursive: true });
  // Remove stale outputs of earlier runs (only files this script owns).
  for (const f of fs.readdirSync(outDir)) {
    if ((f.endsWith('.schema.json') || f === 'index.json') && !outputs.has(f)) fs.rmSync(path.join(outDir, f));
  }
  const hashes = {};
  let bytes = 0;
  for (const [file, text] of outputs) {
    const p = path.join(outDir, file);
    // Only touch files whose content changed (keeps mtimes stable for incremental builds).
    if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) fs.writeFileSync(p, text);
    hashes[file] = sha256(text);
    bytes += Buffer.byteLength(text);
  }
  fs.writeFileSync(stampPath, JSON.stringify({ inputHash, outputs: hashes }, null, 2) + '\n');
  const t1 = performance.now();
  if (!quiet) {
    console.log(
      `gen-schemas: ${outputs.size} files (${(bytes / 1024 / 1024).toFixed(1)} MB) from ${crds.length} CRDs in ${files.length} files -> ${path.relative(repoRoot, outDir)} ` +
        `in ${(t1 - t0).toFixed(0)} ms (YAML parse ${(tParsed - t0).toFixed(0)} ms)`,
    );
  }
  return { skipped: false, files: [...outputs.keys()] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === scriptPath) {
  try {
    generate({
      force: process.argv.includes('--force') || process.env.FLEET_ROLLOUTS_FORCE_GEN === '1',
      quiet: process.argv.includes('--quiet'),
    });
  } catch (err) {
    console.error(`gen-schemas: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
