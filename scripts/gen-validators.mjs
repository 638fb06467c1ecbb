#!/usr/bin/env node
// Precompiles the JSON Schemas of schemas/generated/ (run gen-schemas.mjs first) into
// ajv 8 standalone validators, so that the language server never compiles a schema at
// run time.
//
//   node scripts/gen-validators.mjs [--force] [--quiet] [--measure]
//
// Output (gitignored):
//   server/generated/validators/<id>.js  CommonJS, `module.exports = validate` (ajv standalone), with
//                                        `validate.schema`: the schema it was compiled from
//   server/generated/schemas/<id>.js     the full JSON schema (with descriptions) for hover/completion
//   server/generated/validators.js       `loaders`, `schemaLoaders` (static require()s: esbuild can bundle
//                                        them, each module is evaluated on first use) and `index`
//   server/generated/validators.d.ts     types of the above
//
// Validators are compiled from a copy of each schema without annotations (descriptions,
// defaults, x-kubernetes-*, definitions), with `allErrors: true` and `messages: false`
// (the engine writes its own Kubernetes-style messages). Repeated subschemas are hoisted
// into definitions (one function each instead of one copy per occurrence). Every
// generated validator stores at most MAX_RAW_ERRORS errors per document (see capErrors),
// so a huge invalid document cannot produce an unbounded error list.
//
// --measure: spawns fresh Node processes to compare compiling the Rollout schema at run
// time with loading the precompiled module, and prints the numbers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { freshStamp, sha256 } from './gen-stamp.mjs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const GENERATOR_VERSION = 2;
/** Raw ajv errors collected per document before a validator gives up (issues are capped lower by the engine). */
export const MAX_RAW_ERRORS = 400;

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(scriptPath), '..');
const schemaDir = path.join(repoRoot, 'schemas', 'generated');
const genDir = path.join(repoRoot, 'server', 'generated');
const validatorDir = path.join(genDir, 'validators');
const fullSchemaDir = path.join(genDir, 'schemas');

export const AJV_OPTIONS = Object.freeze({
  allErrors: true,
  strict: false,
  messages: false,
  verbose: false,
  validateSchema: false,
  addUsedSchema: false,
  inlineRefs: false,
  unicodeRegExp: false,
  code: { source: true, esm: false, lines: false, optimize: 2 },
});


/** Formats that occur in the CRDs. int32/int64/float/double are range hints only (Kubernetes does not check them). */
export function ajvFormats() {
  return {
    int32: true,
    int64: true,
    float: true,
    double: true,
    // RFC 3339 date-time as accepted by Kubernetes (strfmt.DateTime)
    'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
    // base64 (standard alphabet, padding optional)
    byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/,
  };
}

const ANNOTATION_KEYS = new Set(['description', 'title', 'default', '$comment', 'examples', 'definitions', '$defs', '$schema', '$id']);

/** Copy of a schema without annotations: what the validator needs, nothing more. */
export function stripForValidation(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => stripForValidation(n));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (inProperties) {
      // keys of `properties` are field names, never annotations
      out[key] = stripForValidation(value);
      continue;
    }
    if (ANNOTATION_KEYS.has(key) || key.startsWith('x-')) continue;
    if (key === 'enum' || key === 'const') {
      out[key] = value;
      continue;
    }
    out[key] = stripForValidation(value, key === 'properties');
  }
  return out;
}

const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
const SCHEMA_LIST_KEYS = new Set(['anyOf', 'oneOf', 'allOf', 'items']);

/**
 * Moves subschemas that occur more than once (PodSpec, Container, LabelSelector, the
 * ApplicationSet generators repeated under matrix/merge, …) into `definitions` and
 * replaces every occurrence by a `$ref`; compiled with `inlineRefs: false`, each of them
 * becomes one function in the generated code instead of one copy per occurrence.
 * Subschemas are identified structurally (bottom-up hash), names are assigned in
 * traversal order, so the output is deterministic.
 */
export function hoistDuplicates(root, { minSize = 60 } = {}) {
  const info = new Map(); // node -> { hash, size }
  const counts = new Map(); // hash -> occurrences
  const measure = (node) => {
    let repr = '';
    let size = 2;
    for (const [key, value] of Object.entries(node)) {
      let part;
      if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') {
        part = Object.entries(value)
          .map(([k, v]) => `${JSON.stringify(k)}=${visit(v)}`)
          .join(',');
      } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
        part = value.map(visit).join(',');
      } else if (SCHEMA_KEYS.has(key) && value && typeof value === 'object') {
        part = visit(value);
      } else {
        part = JSON.stringify(value);
        size += part.length;
      }
      repr += `${JSON.stringify(key)}:[${part}];`;
      size += key.length + 3;
    }
    return { repr, size };
  };
  const childSizes = (node) => {
    let total = 0;
    const add = (v) => {
      if (v && typeof v === 'object' && info.has(v)) total += info.get(v).size;
    };
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') Object.values(value).forEach(add);
      else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) value.forEach(add);
      else if (SCHEMA_KEYS.has(key)) add(value);
    }
    return total;
  };
  function visit(node) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return JSON.stringify(node);
    const known = info.get(node);
    if (known) return known.hash;
    const { repr, size } = measure(node);
    const hash = createHash('sha1').update(repr).digest('base64');
    info.set(node, { hash, size: size + childSizes(node) });
    counts.set(hash, (counts.get(hash) ?? 0) + 1);
    return hash;
  }
  visit(root);

  const defs = {};
  const names = new Map(); // hash -> definition name
  const rewrite = (node, isRoot) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const { hash, size } = info.get(node);
    if (!isRoot && size >= minSize && counts.get(hash) > 1) {
      let name = names.get(hash);
      if (!name) {
        name = `d${names.size}`;
        names.set(hash, name);
        defs[name] = null; // reserve the slot (keeps numbering in traversal order)
        defs[name] = rewriteChildren(node);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return rewriteChildren(node);
  };
  const rewriteChildren = (node) => {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, false)]));
      } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
        out[key] = value.map((v) => rewrite(v, false));
      } else if (SCHEMA_KEYS.has(key) && value && typeof value === 'object') {
        out[key] = rewrite(value, false);
      } else {
        out[key] = value;
      }
    }
    return out;
  };
  const result = rewrite(root, true);
  if (names.size > 0) result.definitions = defs;
  return result;
}

/**
 * Bounds the number of errors a generated validator collects per document.
 *
 * ajv's allErrors code appends every error with the same statement sequence and keeps a
 * per-function `errors` counter that decides validity (anyOf branches, nested functions).
 * The patch keeps the counters exact but stops *storing* errors once `max` errors are
 * stored for the current document (module-level budget, reset by the exported wrapper):
 *   push:      `vErrors = __push(vErrors, err)` stores only while the budget lasts (and is
 *              shorter than ajv's inline sequence); `errors++` unchanged
 *   truncate:  `vErrors.length = n` only ever shrinks the array (the stored errors are a
 *              prefix of the counted ones, so truncation stays correct); discarded
 *              errors give their budget back
 *   ref call:  tolerate `null` errors of a nested function that stored nothing, and
 *              count at least one error for a failed call
 * The exported function sets `validate.capped = true` when errors were dropped. The
 * generator fails if any of the expected code shapes is missing or an unknown one
 * remains (e.g. after an ajv upgrade).
 */
export function capErrors(code, max = MAX_RAW_ERRORS) {
  const counts = { push: 0, truncate: 0, ref: 0 };
  let out = code.replace(/if\(vErrors === null\)\{vErrors = \[(err\d+)\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g, (_m, err) => {
    counts.push++;
    return `vErrors = __push(vErrors, ${err});errors++;`;
  });
  // Errors discarded again (anyOf branch that passed) give their budget back, so that
  // transient branch errors cannot use it up and leave an invalid document without errors.
  out = out.replace(/if\(vErrors !== null\)\{if\((_errs\d+)\)\{vErrors\.length = \1;\}else \{vErrors = null;\}\}/g, (_m, n) => {
    counts.truncate++;
    return `if(vErrors !== null){if(${n}){if(vErrors.length > ${n}){__stored -= vErrors.length - ${n};vErrors.length = ${n};}}else {__stored -= vErrors.length;vErrors = null;}}`;
  });
  out = out.replace(
    /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);errors = vErrors\.length;/g,
    (_m, fn) => {
      counts.ref++;
      return `vErrors = vErrors === null ? ${fn}.errors : vErrors.concat(${fn}.errors || []);errors = vErrors === null ? errors + 1 : Math.max(errors + 1, vErrors.length);`;
    },
  );
  // Every remaining mention of vErrors must be one of the known harmless shapes.
  const leftovers = (out.match(/[^;{}]*vErrors[^;{}]*/g) ?? [])
    .map((stmt) => stmt.replace(/\d+/g, 'N'))
    .filter(
      (stmt) =>
        ![
          'let vErrors = null',
          'vErrors = __push(vErrors, errN)',
          'if(vErrors === null)',
          'if(vErrors !== null)',
          'vErrors = null',
          'vErrors = [errN]',
          'vErrors.push(errN)',
          'validateN.errors = vErrors',
          'if(vErrors.length > _errsN)',
          '__stored -= vErrors.length - _errsN',
          '__stored -= vErrors.length',
          'vErrors.length = _errsN',
          'vErrors = vErrors === null ? validateN.errors : vErrors.concat(validateN.errors || [])',
          'errors = vErrors === null ? errors + N : Math.max(errors + N, vErrors.length)',
        ].includes(stmt.trim()),
    );
  if (leftovers.length > 0) throw new Error(`capErrors: unexpected ajv code shape: ${[...new Set(leftovers)].slice(0, 3).join(' | ')}`);
  if (counts.push === 0) throw new Error('capErrors: no error push sites found (ajv code shape changed?)');

  // Export a wrapper that resets the budget for every document.
  const exportRe = /module\.exports = (validate\d+);\s*module\.exports\.default = \1;/;
  const m = exportRe.exec(out);
  if (!m) throw new Error('capErrors: module.exports shape not found');
  const root = m[1];
  const wrapper =
    `let __stored = 0;let __dropped = false;` +
    `function __push(list, err){if(__stored < ${max}){__stored++;if(list === null){return [err];}list.push(err);}else {__dropped = true;}return list;}` +
    `function validate(data){__stored = 0;__dropped = false;const valid = ${root}(data);validate.errors = ${root}.errors;validate.capped = __dropped;return valid;}` +
    `module.exports = validate;module.exports.default = validate;`;
  out = out.replace(exportRe, wrapper);
  return { code: out, sites: counts.push, counts };
}

/**
 * Exports the schema the validator was compiled from as `validate.schema`, for the engine's
 * data-driven first pass (server/src/engine/schema/certainly-valid.ts). ajv's code already holds
 * it as a constant (its `additionalProperties` checks read the `properties` objects): that
 * constant is exported rather than a second copy.
 */
export function exportSchema(code, schema) {
  const literal = ` = ${JSON.stringify(schema)};`;
  const at = code.indexOf(literal);
  const name = at === -1 ? undefined : /const (schema\d+)$/.exec(code.slice(Math.max(0, at - 40), at))?.[1];
  const value = name ?? `JSON.parse(${JSON.stringify(JSON.stringify(schema))})`;
  return `${code}\nmodule.exports.schema = ${value};`;
}

/**
 * String length in Unicode code points (what maxLength/minLength count, like Kubernetes'
 * utf8.RuneCountInString), inlined so that the generated modules have no run-time
 * dependency on the ajv package.
 */
const CODE_POINT_LENGTH =
  'function __codePointLength(s){let n=0;for(let i=0;i<s.length;i++){n++;const c=s.charCodeAt(i);if(c>=0xd800&&c<=0xdbff&&i+1<s.length&&(s.charCodeAt(i+1)&0xfc00)===0xdc00){i++;}}return n;}';

/** Replaces ajv runtime imports by local code; fails on any other require(). */
export function inlineRuntime(code) {
  let out = code.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, '__codePointLength');
  if (out !== code) out = out.replace('"use strict";', `"use strict";${CODE_POINT_LENGTH}`);
  const left = out.match(/require\([^)]*\)/g);
  if (left) throw new Error(`inlineRuntime: generated code still requires ${[...new Set(left)].join(', ')}`);
  return out;
}

function loadAjv() {
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  return { Ajv, standaloneCode };
}

function newAjv(Ajv) {
  return new Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code }, formats: ajvFormats() });
}

function jsString(s) {
  return JSON.stringify(s);
}

function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

function writeIndexModules(index) {
  const lines = [];
  lines.push('"use strict";');
  lines.push('// Generated by scripts/gen-validators.mjs. Do not edit.');
  lines.push('Object.defineProperty(exports, "__esModule", { value: true });');
  lines.push(`exports.MAX_RAW_ERRORS = ${MAX_RAW_ERRORS};`);
  lines.push(`exports.index = ${JSON.stringify(index.map(({ id, apiVersion, kind, file }) => ({ id, apiVersion, kind, file })))};`);
  lines.push('exports.loaders = {');
  for (const { id } of index) lines.push(`  ${jsString(id)}: () => require(${jsString(`./validators/${id}.js`)}),`);
  lines.push('};');
  lines.push('exports.schemaLoaders = {');
  for (const { id } of index) lines.push(`  ${jsString(id)}: () => require(${jsString(`./schemas/${id}.js`)}),`);
  lines.push('};');
  writeIfChanged(path.join(genDir, 'validators.js'), lines.join('\n') + '\n');

  const ids = index.map(({ id }) => jsString(id)).join(' | ');
  const dts = `// Generated by scripts/gen-validators.mjs. Do not edit.
export type SchemaId = ${ids};

/** One error of an ajv standalone validator compiled with \`messages: false\`. */
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface GeneratedValidateFunction {
  (data: unknown): boolean;
  /** errors of the last call; at most MAX_RAW_ERRORS are stored */
  errors?: GeneratedValidationError[] | null;
  /** true when the last call found more than MAX_RAW_ERRORS errors (the rest were dropped) */
  capped?: boolean;
  /** the schema it was compiled from (annotations stripped, repeated subschemas in definitions) */
  schema: Record<string, unknown>;
}

export interface SchemaIndexEntry {
  id: SchemaId;
  /** undefined for fleet.yaml, which is not a Kubernetes object */
  apiVersion?: string;
  kind?: string;
  file: string;
}

/** Errors stored per validated document at most. */
export declare const MAX_RAW_ERRORS: number;
export declare const index: readonly SchemaIndexEntry[];
export declare const loaders: { readonly [K in SchemaId]: () => GeneratedValidateFunction };
export declare const schemaLoaders: { readonly [K in SchemaId]: () => object };
`;
  writeIfChanged(path.join(genDir, 'validators.d.ts'), dts);
}

export function generate({ force = false, quiet = false } = {}) {
  const t0 = performance.now();
  const indexPath = path.join(schemaDir, 'index.json');
  if (!fs.existsSync(indexPath)) throw new Error(`${path.relative(repoRoot, indexPath)} not found: run scripts/gen-schemas.mjs first`);
  const indexText = fs.readFileSync(indexPath, 'utf8');
  const index = JSON.parse(indexText);
  const schemaTexts = new Map(index.map((e) => [e.id, fs.readFileSync(path.join(schemaDir, e.file), 'utf8')]));
  const ajvVersion = require('ajv/package.json').version;
  const inputHash = sha256(
    JSON.stringify({
      v: GENERATOR_VERSION,
      ajvVersion,
      script: sha256(fs.readFileSync(scriptPath)),
      index: sha256(indexText),
      schemas: [...schemaTexts].map(([id, t]) => [id, sha256(t)]),
    }),
  );
  const stampPath = path.join(genDir, '.stamp.json');
  const stamp = force ? undefined : freshStamp(genDir, inputHash);
  if (stamp) {
      if (!quiet) console.log(`gen-validators: up to date (${index.length} validators, ${(performance.now() - t0).toFixed(0)} ms)`);
      return { skipped: true, stats: stamp.stats };
  }

  const { Ajv, standaloneCode } = loadAjv();
  fs.mkdirSync(validatorDir, { recursive: true });
  fs.mkdirSync(fullSchemaDir, { recursive: true });
  const wanted = new Set(index.map((e) => `${e.id}.js`));
  for (const d of [validatorDir, fullSchemaDir]) {
    for (const f of fs.readdirSync(d)) if (f.endsWith('.js') && !wanted.has(f)) fs.rmSync(path.join(d, f));
  }

  const stats = [];
  const outputs = {};
  for (const entry of index) {
    const full = JSON.parse(schemaTexts.get(entry.id));
    const stripped = hoistDuplicates(stripForValidation(full));
    const ajv = newAjv(Ajv);
    const tc = performance.now();
    const validate = ajv.compile(stripped);
    const compileMs = performance.now() - tc;
    const raw = standaloneCode(ajv, validate);
    const { code: capped, sites } = capErrors(inlineRuntime(raw));
    const code = exportSchema(capped, stripped);
    const header = `// Generated by scripts/gen-validators.mjs from schemas/generated/${entry.file}. Do not edit.\n`;
    const vFile = path.join(validatorDir, `${entry.id}.js`);
    writeIfChanged(vFile, header + code + '\n');
    // Full schema (descriptions included) as a module; JSON.parse of a string literal is
    // much faster to load than the equivalent object literal.
    const sFile = path.join(fullSchemaDir, `${entry.id}.js`);
    writeIfChanged(sFile, `"use strict";\n// Generated by scripts/gen-validators.mjs. Do not edit.\nmodule.exports = JSON.parse(${jsString(JSON.stringify(full))});\n`);
    const vBytes = fs.statSync(vFile).size;
    const sBytes = fs.statSync(sFile).size;
    stats.push({ id: entry.id, compileMs: Math.round(compileMs), validatorBytes: vBytes, schemaBytes: sBytes, errorSites: sites });
  }
  writeIndexModules(index);

  for (const rel of [
    'validators.js',
    'validators.d.ts',
    ...index.map((e) => `validators/${e.id}.js`),
    ...index.map((e) => `schemas/${e.id}.js`),
  ]) {
    outputs[rel] = sha256(fs.readFileSync(path.join(genDir, rel)));
  }
  // No timings in the stamp: it stays byte-identical for identical inputs.
  const sizes = stats.map(({ id, validatorBytes, schemaBytes, errorSites }) => ({ id, validatorBytes, schemaBytes, errorSites }));
  fs.writeFileSync(stampPath, JSON.stringify({ inputHash, outputs, stats: sizes }, null, 2) + '\n');

  const total = performance.now() - t0;
  if (!quiet) {
    const vTotal = stats.reduce((a, s) => a + s.validatorBytes, 0);
    const sTotal = stats.reduce((a, s) => a + s.schemaBytes, 0);
    for (const s of stats) {
      console.log(
        `  ${s.id.padEnd(34)} compile ${String(s.compileMs).padStart(5)} ms  validator ${kb(s.validatorBytes).padStart(9)}  schema ${kb(s.schemaBytes).padStart(9)}`,
      );
    }
    console.log(
      `gen-validators: ${stats.length} validators (${kb(vTotal)}), schemas for hover (${kb(sTotal)}) -> ${path.relative(repoRoot, genDir)} in ${total.toFixed(0)} ms`,
    );
  }
  return { skipped: false, stats };
}

function kb(n) {
  return `${(n / 1024).toFixed(0)} KiB`;
}

/** Cold-process timings: compile the schema with ajv at run time vs require() the precompiled module. */
export function measure(id = 'argoproj.rollout') {
  const schemaFile = path.join(schemaDir, `${id}.schema.json`);
  const validatorFile = path.join(validatorDir, `${id}.js`);
  const runtime = (schemaFile) => `
    const fs = require('fs');
    const t0 = performance.now();
    const Ajv = require('ajv').default;
    const tAjv = performance.now();
    const schema = JSON.parse(fs.readFileSync(${jsString(schemaFile)}, 'utf8'));
    const tRead = performance.now();
    const ajv = new Ajv(${JSON.stringify({ ...AJV_OPTIONS, code: { lines: false, optimize: AJV_OPTIONS.code.optimize } })});
    for (const f of ['int32','int64','float','double','date-time','byte']) ajv.addFormat(f, true);
    const v = ajv.compile(schema);
    const t1 = performance.now();
    v({});
    const t2 = performance.now();
    console.log(JSON.stringify({ requireAjv: tAjv - t0, readSchema: tRead - tAjv, compile: t1 - tRead, firstCall: t2 - t1 }));
  `;
  const precompiled = `
    const t0 = performance.now();
    const v = require(${jsString(validatorFile)});
    const t1 = performance.now();
    v({});
    const t2 = performance.now();
    console.log(JSON.stringify({ require: t1 - t0, firstCall: t2 - t1 }));
  `;
  const plainFile = path.join(genDir, '.measure-plain.json');
  const hoistedFile = path.join(genDir, '.measure-hoisted.json');
  const stripped = stripForValidation(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  fs.writeFileSync(plainFile, JSON.stringify(stripped));
  fs.writeFileSync(hoistedFile, JSON.stringify(hoistDuplicates(stripped)));
  const run = (code) => JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: repoRoot, encoding: 'utf8' }));
  const samples = { plain: [], hoisted: [], precompiled: [] };
  for (let i = 0; i < 5; i++) {
    samples.plain.push(run(runtime(plainFile)));
    samples.hoisted.push(run(runtime(hoistedFile)));
    samples.precompiled.push(run(precompiled));
  }
  fs.rmSync(plainFile);
  fs.rmSync(hoistedFile);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = {
    id,
    requireAjvMs: median(samples.plain.map((s) => s.requireAjv)),
    compilePlainMs: median(samples.plain.map((s) => s.compile)),
    compileHoistedMs: median(samples.hoisted.map((s) => s.compile)),
    compiledFirstCallMs: median(samples.hoisted.map((s) => s.firstCall)),
    precompiledRequireMs: median(samples.precompiled.map((s) => s.require)),
    precompiledFirstCallMs: median(samples.precompiled.map((s) => s.firstCall)),
    validatorBytes: fs.statSync(validatorFile).size,
  };
  const f = (n) => n.toFixed(1);
  console.log(
    `measure ${id} (median of 5 fresh processes): run time: require('ajv') ${f(result.requireAjvMs)} ms + ajv.compile ${f(result.compilePlainMs)} ms ` +
      `(with hoisted definitions ${f(result.compileHoistedMs)} ms) + first call ${f(result.compiledFirstCallMs)} ms | ` +
      `precompiled: require ${f(result.precompiledRequireMs)} ms + first call ${f(result.precompiledFirstCallMs)} ms | module ${kb(result.validatorBytes)}`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === scriptPath) {
  try {
    generate({
      force: process.argv.includes('--force') || process.env.FLEET_ROLLOUTS_FORCE_GEN === '1',
      quiet: process.argv.includes('--quiet'),
    });
    if (process.argv.includes('--measure')) {
      for (const id of ['argoproj.rollout', 'argoproj.applicationset', 'fleet.yaml']) measure(id);
    }
  } catch (err) {
    console.error(`gen-validators: ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  }
}
