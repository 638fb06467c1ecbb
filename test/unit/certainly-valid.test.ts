// The data-driven first pass (engine/schema/certainly-valid.ts) may only ever say "valid" where
// the generated ajv validator says so too; and it must say it for most real documents, or it
// saves nothing. Checked on every document of the examples, the rule fixtures and the shared
// corpus, and on mutations of them that break each keyword the schemas use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as generated from '../../server/generated/validators';
import { certainlyValid } from '../../server/src/engine/schema/certainly-valid';
import { FLEET_YAML_SCHEMA_ID, schemaIdFor } from '../../server/src/engine/schema';
import { repoRoot } from '../helpers/paths';

const corpusDir = path.join(process.env.FLEET_ROLLOUTS_SHARED ?? path.resolve(repoRoot, '..', 'shared'), 'corpus');

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

interface Sample {
  where: string;
  schemaId: generated.SchemaId;
  value: unknown;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const files = [...manifestFiles(path.join(repoRoot, 'examples')), ...manifestFiles(path.join(repoRoot, 'server', 'src', 'rules')), ...manifestFiles(corpusDir)];
  for (const file of files) {
    let docs;
    try {
      docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    for (const [i, doc] of (Array.isArray(docs) ? docs : []).entries()) {
      if (doc.errors.length) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const v = value as { apiVersion?: unknown; kind?: unknown } | null;
      const id = /^fleet\.ya?ml$/.test(path.basename(file)) ? FLEET_YAML_SCHEMA_ID : v && typeof v === 'object' ? schemaIdFor(v.apiVersion as string, v.kind as string) : undefined;
      if (id) out.push({ where: `${path.relative(repoRoot, file)} #${i}`, schemaId: id as generated.SchemaId, value });
    }
  }
  return out;
}

const all = samples();

function assertSound(s: Sample, value: unknown, what: string): boolean {
  const validate = generated.loaders[s.schemaId]();
  const quick = certainlyValid(validate.schema, value);
  const full = validate(value);
  if (quick) assert.ok(full, `${s.where} (${what}): the first pass said valid, ajv found ${JSON.stringify(validate.errors?.slice(0, 2))}`);
  return quick;
}

test('never valid where ajv is not, and valid for most documents ajv accepts', () => {
  assert.ok(all.length > 300, `only ${all.length} documents`);
  let ajvValid = 0;
  let quickValid = 0;
  for (const s of all) {
    const validate = generated.loaders[s.schemaId]();
    if (validate(s.value)) ajvValid++;
    if (assertSound(s, s.value, 'as written')) quickValid++;
  }
  console.log(`first pass: ${quickValid} of ${ajvValid} accepted documents (of ${all.length})`);
  assert.ok(quickValid >= 0.9 * ajvValid, `the first pass accepted ${quickValid} of the ${ajvValid} documents ajv accepts`);
});

/** Every way of breaking one node that the schemas' keywords can notice. */
function* mutations(value: unknown): Generator<[string, unknown]> {
  yield ['null', null];
  yield ['a string', 'x'];
  yield ['an integer', 7];
  yield ['a fraction', 1.5];
  yield ['a boolean', true];
  yield ['an empty list', []];
  yield ['an empty object', {}];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    yield ['an unknown key', { ...value, notAField: 1 }];
    for (const key of Object.keys(value)) {
      const rest = { ...(value as Record<string, unknown>) };
      delete rest[key];
      yield [`without ${key}`, rest];
    }
  }
  if (Array.isArray(value)) yield ['a list of a number', [0]];
  if (typeof value === 'string') yield ['an empty string', ''];
}

/** Applies `replace` at each node in turn (depth-first), yielding the whole mutated document. */
function* mutatedDocuments(root: unknown): Generator<[string, unknown]> {
  const walk = function* (node: unknown, rebuild: (v: unknown) => unknown, where: string, depth: number): Generator<[string, unknown]> {
    for (const [what, replacement] of mutations(node)) yield [`${where}: ${what}`, rebuild(replacement)];
    if (depth > 12) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < Math.min(node.length, 3); i++) yield* walk(node[i], (v) => rebuild(node.map((x, j) => (j === i ? v : x))), `${where}[${i}]`, depth + 1);
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) yield* walk((node as Record<string, unknown>)[key], (v) => rebuild({ ...(node as object), [key]: v }), `${where}.${key}`, depth + 1);
    }
  };
  yield* walk(root, (v) => v, '', 0);
}

test('mutations of accepted documents: never valid where ajv is not', () => {
  // One document per schema and per corpus directory keeps this to a few seconds.
  const picked = new Map<string, Sample>();
  for (const s of all) {
    const key = `${s.schemaId} ${path.dirname(s.where)}`;
    if (!picked.has(key) && generated.loaders[s.schemaId]()(s.value)) picked.set(key, s);
  }
  let mutated = 0;
  let rejected = 0;
  for (const s of picked.values()) {
    for (const [what, doc] of mutatedDocuments(s.value)) {
      mutated++;
      if (!assertSound(s, doc, what)) rejected++;
    }
  }
  console.log(`mutations: ${mutated}, rejected by the first pass ${rejected}`);
  assert.ok(mutated > 1000, `only ${mutated} mutations`);
  assert.ok(rejected > mutated / 4, `the first pass rejected only ${rejected} of ${mutated} mutations`);
});

test('schema forms it does not implement send the document to ajv', () => {
  const cases: Array<[string, Record<string, unknown>, unknown]> = [
    ['a type it does not know', { type: 'number' }, 1.5],
    ['a type named like an Object member', { type: 'constructor' }, {}],
    ['a property named like an inherited member', { type: 'object', properties: { constructor: { type: 'string' } } }, {}],
    ['a format it does not check', { type: 'string', format: 'date-time' }, '2026-11-28T00:00:00Z'],
    ['an enum of objects', { enum: [{ a: 1 }] }, { a: 1 }],
    ['a tuple of items', { type: 'array', items: [{ type: 'string' }] }, ['a']],
    ['an unknown keyword', { type: 'string', maxItems: 1 }, 'a'],
    ['a boolean property schema', { type: 'object', properties: { a: false } }, { a: 1 }],
    ['a $ref with siblings', { $ref: '#/definitions/a', type: 'string', definitions: { a: { type: 'string' } } }, 'a'],
  ];
  for (const [what, schema, value] of cases) assert.equal(certainlyValid(schema, value), false, what);
  // and the forms it does implement, on values that are valid
  assert.equal(certainlyValid({ anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^[0-9]+%?$' }, '25%'), true);
  assert.equal(certainlyValid({ type: 'object', properties: { a: { $ref: '#/definitions/d' } }, required: ['a'], additionalProperties: false, definitions: { d: { type: 'string', minLength: 2 } } }, { a: 'xy' }), true);
  assert.equal(certainlyValid({ type: 'object', properties: { a: { $ref: '#/definitions/d' } }, required: ['a'], additionalProperties: false, definitions: { d: { type: 'string', minLength: 2 } } }, { a: 'x' }), false);
});
