// JSON schemas for yaml-language-server, configured the way a user would today:
// one combined schema mapped to *.yaml that dispatches on `kind` to the per-kind CRD
// schemas, plus the fleet.yaml schema for fleet.yaml files.
//
// Source of the per-kind schemas:
//   1. schemas/generated/index.json (+ *.schema.json) written by the project's build, or
//   2. when that does not exist yet, a stand-in converted here from ../shared/crds
//      (int-or-string -> anyOf, preserve-unknown-fields -> free-form object, strict
//      additionalProperties elsewhere) and ../shared/corpus/fleet/schema/fleet.yaml.json.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';

const STRIP = /^x-kubernetes-/;

/** openAPIV3Schema (structural CRD schema) -> JSON schema (draft-07 keywords). */
export function crdToJsonSchema(node) {
  if (Array.isArray(node)) return node.map(crdToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (STRIP.test(k) || k === 'nullable') continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, crdToJsonSchema(pv)]));
    } else out[k] = crdToJsonSchema(v);
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && out.properties && !preserve && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/** Writes stand-in per-kind schemas converted from the shared CRDs; returns index entries. */
function writeStandIns(sharedDir, outDir) {
  const crdDir = path.join(sharedDir, 'crds');
  const entries = [];
  for (const file of fs.readdirSync(crdDir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(crdDir, file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const { group, names, versions } = crd.spec;
      const version = versions.find((v) => v.storage) ?? versions[0];
      const schema = crdToJsonSchema(version.schema.openAPIV3Schema);
      const apiVersion = `${group}/${version.name}`;
      schema.$schema = 'http://json-schema.org/draft-07/schema#';
      schema.title = `${names.kind} (${apiVersion}) — bench stand-in from ${file}`;
      const out = `${names.kind.toLowerCase()}.schema.json`;
      fs.writeFileSync(path.join(outDir, out), JSON.stringify(schema));
      entries.push({ id: `${group}/${names.kind}`, apiVersion, kind: names.kind, file: path.join(outDir, out) });
    }
  }
  const fleetSrc = path.join(sharedDir, 'corpus/fleet/schema/fleet.yaml.json');
  const fleetOut = path.join(outDir, 'fleet.yaml.schema.json');
  fs.copyFileSync(fleetSrc, fleetOut);
  return { entries, fleet: fleetOut };
}

/**
 * @param {string} root  project root
 * @param {string} outDir where the combined (and stand-in) schemas go
 * @returns {{source: string, combined: string, fleet: string|null, kinds: string[]}}
 */
export function prepareSchemas(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const genDir = path.join(root, 'schemas/generated');
  const indexPath = path.join(genDir, 'index.json');
  let entries;
  let fleet;
  let source;
  if (fs.existsSync(indexPath)) {
    source = 'schemas/generated (project build)';
    const index = JSON.parse(fs.readFileSync(indexPath, 'utf8'));
    const list = Array.isArray(index) ? index : (index.schemas ?? Object.values(index));
    entries = list
      .filter((e) => e && e.kind && e.file)
      .map((e) => ({ ...e, file: path.resolve(genDir, e.file) }))
      .filter((e) => fs.existsSync(e.file));
    const f = path.join(genDir, 'fleet.yaml.schema.json');
    fleet = fs.existsSync(f) ? f : null;
  } else {
    source = 'stand-in converted from ../shared/crds (schemas/generated not built yet)';
    const sharedDir = path.resolve(root, '../shared');
    ({ entries, fleet } = writeStandIns(sharedDir, outDir));
  }
  // a kind served by several apiVersions dispatches on apiVersion too
  const kindCount = new Map();
  for (const e of entries) kindCount.set(e.kind, (kindCount.get(e.kind) ?? 0) + 1);
  const allOf = entries.map((e) => {
    const props = { kind: { const: e.kind } };
    const required = ['kind'];
    if (kindCount.get(e.kind) > 1 && e.apiVersion) {
      props.apiVersion = { const: e.apiVersion };
      required.push('apiVersion');
    }
    return { if: { properties: props, required }, then: { $ref: pathToFileURL(e.file).href } };
  });
  const combined = path.join(outDir, 'combined.schema.json');
  fs.writeFileSync(
    combined,
    JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Fleet Rollouts bench: dispatch by kind',
        allOf,
      },
      null,
      1,
    ),
  );
  return { source, combined, fleet, kinds: entries.map((e) => e.kind) };
}
