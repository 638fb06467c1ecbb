// Differential tests of the fast YAML parser against `yaml.parseAllDocuments`: on the shared
// corpus, on generated manifests, on hand-written edge cases and on seeded random mutations.
// Whenever the fast parser returns documents they must be indistinguishable from `yaml`'s:
// same node classes, values (toJS), scalar types and sources, `flow` flags and the range of
// every node; and when `yaml` reports any error or warning, the fast parser must fall back.
// Its plain mode (fastParseValues: data without nodes) must accept the same texts and give
// exactly what toJS() gives.
//
// Run alone: npx esbuild test/unit/fast-yaml.test.ts --bundle --platform=node --packages=external \
//   --outfile=out/test/unit/fast-yaml.test.js && node --test out/test/unit/fast-yaml.test.js
// (FAST_YAML_FUZZ=20000 FAST_YAML_GENERATED=20000 FAST_YAML_SEED=5 for longer runs with other seeds.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import { fastParseDocuments, fastParseValues, lastFastParseFallback, mayHaveDuplicateKeys } from '../../server/src/engine/parse/fast-yaml';
import { splitChunks } from '../../server/src/engine/parse/split';
import { scalarRanges } from '../../server/src/engine/parse/template-detect';

/** Offsets the fixed seeds of the random tests (default 0: the seeds CI always uses). */
const SEED = Number(process.env.FAST_YAML_SEED ?? 0);

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' } as const;

function findUp(start: string, probe: (dir: string) => boolean): string | undefined {
  let dir = start;
  for (;;) {
    if (probe(dir)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const isRepo = (d: string): boolean => fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'server', 'src'));
const repoRoot = findUp(__dirname, isRepo) ?? findUp(process.cwd(), isRepo) ?? process.cwd();
const corpusDir = path.join(process.env.FLEET_ROLLOUTS_SHARED ?? path.resolve(repoRoot, '..', 'shared'), 'corpus');

/** Deterministic pseudo-random numbers (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)],
    chance: (p: number): boolean => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------
// comparison

/** Own string-keyed properties in order, with attributes (e.g. `schema:-e+w+c` for a non-enumerable one). */
function ownProps(node: object): string {
  return Object.getOwnPropertyNames(node)
    .map((k) => {
      const d = Object.getOwnPropertyDescriptor(node, k)!;
      return `${k}:${d.enumerable ? '+' : '-'}e${d.writable ? '+' : '-'}w${d.configurable ? '+' : '-'}c`;
    })
    .join(',');
}

/** Comments and blank-line flags are not attached by the fast parser (nothing reads them). */
const COMMENT_PROPS = /(^|,)(comment|commentBefore|spaceBefore):[^,]*/g;

function repr(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? 'number:-0' : `number:${String(v)}`;
  return `${typeof v}:${JSON.stringify(v)}`;
}

/** One line per node: path, class, range, and what distinguishes scalars and collections. */
function describeNode(node: unknown, at: string, out: string[]): void {
  if (node === null || node === undefined) {
    out.push(`${at} ${String(node)}`);
    return;
  }
  if (isPair(node)) {
    out.push(`${at} Pair proto=${Object.getPrototypeOf(node) === Pair.prototype} props=${ownProps(node).replace(COMMENT_PROPS, '')}`);
    describeNode(node.key, `${at}.key`, out);
    describeNode(node.value, `${at}.value`, out);
    return;
  }
  const range = JSON.stringify((node as { range?: unknown }).range);
  if (isScalar(node)) {
    const s = node as Scalar;
    out.push(
      `${at} Scalar proto=${Object.getPrototypeOf(s) === Scalar.prototype} range=${range} type=${s.type} value=${repr(s.value)} ` +
        `source=${JSON.stringify(s.source)} format=${s.format} minFractionDigits=${s.minFractionDigits} tag=${s.tag} anchor=${s.anchor} ` +
        `props=${ownProps(s).replace(COMMENT_PROPS, '')} isScalar=${isScalar(s)} instanceof=${s instanceof Scalar}`,
    );
    return;
  }
  if (isMap(node) || isSeq(node)) {
    const cls = isMap(node) ? 'YAMLMap' : 'YAMLSeq';
    const proto = Object.getPrototypeOf(node) === (isMap(node) ? YAMLMap.prototype : YAMLSeq.prototype);
    out.push(
      `${at} ${cls} proto=${proto} range=${range} flow=${node.flow} tag=${node.tag} anchor=${node.anchor} items=${node.items.length} ` +
        `props=${ownProps(node).replace(COMMENT_PROPS, '')} schema=${node.schema ? 'set' : 'unset'} itemsArray=${Array.isArray(node.items)}`,
    );
    node.items.forEach((item, i) => describeNode(item, `${at}/${i}`, out));
    return;
  }
  out.push(`${at} ${isAlias(node) ? 'Alias' : 'unknown'} range=${range}`);
}

function describeDocs(docs: Document.Parsed[]): string[] {
  const out = [`documents=${docs.length} array=${Array.isArray(docs)}`];
  docs.forEach((doc, d) => {
    out.push(
      `doc${d} proto=${Object.getPrototypeOf(doc) === Document.prototype} range=${JSON.stringify(doc.range)} errors=${JSON.stringify(doc.errors)} ` +
        `warnings=${JSON.stringify(doc.warnings)} docStart=${doc.directives?.docStart} docEnd=${doc.directives?.docEnd} options=${JSON.stringify(doc.options)}`,
    );
    describeNode(doc.contents, `doc${d}`, out);
  });
  return out;
}

/** Scalars and their ranges as template-detect collects them with `visit`. */
function visitedScalars(docs: Document.Parsed[]): string[] {
  const out: string[] = [];
  for (const doc of docs) visit(doc, { Scalar: (_k, n) => void out.push(JSON.stringify(n.range)) });
  return out;
}

/** Whether a mapping anywhere in the document repeats a key, as yaml/duplicate-key compares keys. */
function hasDuplicateKeys(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Map(_key, node) {
      const keys = node.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as Scalar).value));
      if (new Set(keys).size !== keys.length) found = true;
    },
  });
  return found;
}

interface Outcome {
  fast: boolean;
  reason?: string;
  /** Set when the fast parser returned documents that differ from `yaml`'s. */
  mismatch?: string;
}

/**
 * Plain mode (fastParseValues) against the documents node mode built: the same texts accepted
 * (a null key aside, which plain mode leaves to node mode), values equal to toJS(), and the
 * same duplicate-key verdict.
 */
function comparePlainMode(text: string, mine: Document.Parsed[] | undefined): string | undefined {
  const read = fastParseValues(text, true);
  if (read === undefined) {
    const reason = lastFastParseFallback();
    return mine === undefined || reason === 'null mapping key' ? undefined : `plain mode fell back (${reason}) where node mode did not`;
  }
  if (mine === undefined) return 'plain mode parsed a text that node mode falls back on';
  const plain = read.docs;
  if (plain.length !== mine.length) return `plain mode found ${plain.length} documents, node mode ${mine.length}`;
  for (let d = 0; d < mine.length; d++) {
    try {
      assert.deepStrictEqual(plain[d].value, mine[d].toJS({ maxAliasCount: 100 }));
    } catch (err) {
      return `plain value differs from toJS: ${(err as Error).message.slice(0, 500)}`;
    }
    if (plain[d].duplicateKeys !== mayHaveDuplicateKeys(mine[d])) return `duplicate keys: plain mode says ${plain[d].duplicateKeys}`;
  }
  // Template detection reads these instead of the tree's scalars.
  const ranges = JSON.stringify(read.scalarRanges);
  if (ranges !== JSON.stringify(scalarRanges(mine))) return `scalar ranges differ: plain ${ranges.slice(0, 200)}, tree ${JSON.stringify(scalarRanges(mine)).slice(0, 200)}`;
  return undefined;
}

function compareWithYaml(text: string): Outcome {
  const mine = fastParseDocuments(text);
  const reason = lastFastParseFallback() ?? '(no reason)';
  const plainMismatch = comparePlainMode(text, mine);
  if (plainMismatch) return { fast: true, mismatch: plainMismatch };
  if (mine === undefined) return { fast: false, reason };
  const ref = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  // An empty stream carries its errors on the array itself.
  const streamErrors = (ref as unknown as { errors?: Array<{ code: string }> }).errors ?? [];
  const problems = [...streamErrors.map((e) => e.code), ...ref.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.code))];
  if (problems.length > 0) return { fast: true, mismatch: `fast path taken but yaml reports ${problems.join(', ')}` };
  const a = describeDocs(mine);
  const b = describeDocs(ref);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { fast: true, mismatch: `first difference:\n  fast: ${a[i]}\n  yaml: ${b[i]}` };
  }
  for (let d = 0; d < ref.length; d++) {
    try {
      assert.deepEqual(mine[d].toJS({ maxAliasCount: 100 }), ref[d].toJS({ maxAliasCount: 100 }));
      if (mine[d].contents) assert.deepEqual((mine[d].contents as YAMLMap).toJS(mine[d], { maxAliasCount: 100 }), (ref[d].contents as YAMLMap).toJS(ref[d], { maxAliasCount: 100 }));
    } catch (err) {
      return { fast: true, mismatch: `toJS differs: ${(err as Error).message.slice(0, 500)}` };
    }
  }
  for (let d = 0; d < ref.length; d++) {
    if (mayHaveDuplicateKeys(mine[d]) !== hasDuplicateKeys(ref[d])) return { fast: true, mismatch: `duplicate keys: fast parser says ${mayHaveDuplicateKeys(mine[d])}` };
  }
  const va = visitedScalars(mine).join(' ');
  const vb = visitedScalars(ref).join(' ');
  if (va !== vb) return { fast: true, mismatch: 'visit() sees different scalars' };
  return { fast: true };
}

class Tally {
  fast = 0;
  fallback = 0;
  /** Fallbacks where `yaml` parses without errors: the subset is narrower than YAML there. */
  cleanFallback = 0;
  readonly reasons = new Map<string, number>();
  readonly cleanReasons = new Map<string, number>();
  readonly mismatches: string[] = [];

  add(text: string, label: string): Outcome {
    const o = compareWithYaml(text);
    if (!o.fast) {
      this.fallback++;
      this.reasons.set(o.reason!, (this.reasons.get(o.reason!) ?? 0) + 1);
      if (!parseAllDocuments(text, YAML_OPTIONS).some((d) => d.errors.length > 0 || d.warnings.length > 0)) {
        this.cleanFallback++;
        this.cleanReasons.set(o.reason!, (this.cleanReasons.get(o.reason!) ?? 0) + 1);
      }
    } else if (o.mismatch) {
      if (this.mismatches.length < 5) this.mismatches.push(`${label}: ${o.mismatch}\n  text: ${JSON.stringify(text.length > 1500 ? text.slice(0, 1500) + '…' : text)}`);
      else this.mismatches.push(label);
    } else {
      this.fast++;
    }
    return o;
  }

  summary(): string {
    const total = this.fast + this.fallback + this.mismatches.length;
    const list = (m: Map<string, number>): string => [...m].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r}: ${n}`).join('; ');
    return (
      `${total} chunks: ${this.fast} fast (${((100 * this.fast) / Math.max(1, total)).toFixed(1)} %), ${this.fallback} fell back` +
      (this.fallback ? ` (${list(this.reasons)})` : '') +
      `, of which ${this.cleanFallback} yaml parses without errors` +
      (this.cleanFallback ? ` (${list(this.cleanReasons)})` : '') +
      `, ${this.mismatches.length} mismatched`
    );
  }

  assertNoMismatch(): void {
    assert.equal(this.mismatches.length, 0, `${this.mismatches.length} mismatches:\n${this.mismatches.slice(0, 5).join('\n\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// corpus

function corpusFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) files.push(p);
    }
  };
  if (fs.existsSync(corpusDir)) walk(corpusDir);
  return files;
}

function corpusChunks(): Array<{ label: string; text: string }> {
  const out: Array<{ label: string; text: string }> = [];
  for (const file of corpusFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    splitChunks(text).forEach((c, i) => out.push({ label: `${path.relative(corpusDir, file)}#${i}`, text: c }));
  }
  return out;
}

test('fast-yaml: corpus chunks parse exactly as yaml does, most of them on the fast path', (t) => {
  const chunks = corpusChunks();
  // The corpus is part of the test setup (../shared beside the clone): without it this test fails, not skips.
  assert.ok(chunks.length > 0, `no corpus at ${corpusDir}`);
  const tally = new Tally();
  for (const c of chunks) tally.add(c.text, c.label);
  t.diagnostic(`corpus: ${tally.summary()}`);
  tally.assertNoMismatch();
  assert.ok(tally.fast / chunks.length > 0.9, `only ${tally.fast} of ${chunks.length} corpus chunks took the fast path`);
});

// ---------------------------------------------------------------------------------------------
// generated manifests

const WORDS = ['app', 'canary', 'stable', 'payments', 'checkout', 'web-api', 'v1', 'nginx', 'istio', 'prometheus', 'rollout', 'fleet', 'cluster-a', 'us-east-1'];
const PLAIN_VALUES = [
  'nginx:1.25.3', 'registry.example.com/team/app:2.1.0', 'http://svc.ns.svc.cluster.local:8080/path?q=1#frag', 'a#b', 'a: b'.replace(': ', ':'),
  '-1', '+12', '0', '-0', '007', '0o17', '0o8', '0x1F', '0xG', '1.5', '1.50', '.5', '1.', '-.inf', '+.INF', '.Inf', '.nan', '.NaN', '1e3', '1.2E-4', '-3.0e+2', '12e',
  'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', 'yes', 'no', 'on', 'off', 'y', 'n',
  '+.5', '-.5e3', '1e', 'e3', '.e3', '1.e3', '0x', '0o', '+0x1', '-0o7', '0o', '0X1F', '0O17', '.', '+', '-', '+.inf', '-.nan', '.NAN', '.nAn', '+.Inf', '-.INF',
  '.inf.', '1_0', '0b101', '1.2.3', '00', '-00.0', '1E+05', '1e-5', '.5E5', '5.E5', '-5.', '+0', '0.0', '10.000', '1e0', '00x1', '0x-1', '0o+7', '٣', '１',
  '100m', '256Mi', '10%', '5m', '2019-10-25T06:07:18Z', '2024-01-01', '1_000', '1,000', 'a, b', 'a [b] {c}', 'x!y', 'x&y', 'x*y', 'x|y', 'x>y', "x'y", 'x"y', 'x%y', 'x@y',
  '-flag', '--port=8080', '?q', ':colon', 'key:value', 'tab\there', 'unicode ünïcödé ✓', 'emoji 🚀', '{{args.foo}}x', 'x{{ .Values.a }}', '$(VAR)', '${VAR}', 'a\\b',
];

function plainWord(r: Rng): string {
  return r.chance(0.3) ? r.pick(PLAIN_VALUES) : `${r.pick(WORDS)}${r.chance(0.3) ? '-' + r.int(0, 999) : ''}`;
}

function doubleQuoted(r: Rng, indent: string, multiLine: boolean): string {
  const parts = ['plain', 'with \\"quotes\\"', 'back\\\\slash', 'tab\\t', 'nl\\n', 'uni \\u00e9 \\x41 \\U0001F680', 'slash \\/', 'bell\\a\\b\\e\\f\\v\\0\\N\\_\\L\\P', '  spaced  ', 'x\\ y', "it's", '#hash', 'a: b', '{{ .x }}', ''];
  let s = r.pick(parts);
  if (multiLine) {
    const lines = [s];
    // A `\` at a line end escapes the line break (not on the last line: it would escape the quote).
    // The last line is never blank: the closing quote would land in column 0.
    for (let i = r.int(1, 3); i > 0; i--) lines.push(i > 1 && r.chance(0.25) ? '' : `${indent}${r.chance(0.2) ? '  ' : ''}${r.pick(parts)}${r.chance(0.2) ? '  ' : ''}${i > 1 && r.chance(0.15) ? '\\' : ''}`);
    s = lines.join('\n');
  }
  return `"${s}"`;
}

function singleQuoted(r: Rng, indent: string, multiLine: boolean): string {
  const parts = ['plain', "it''s", "''", 'back\\slash', '  spaced  ', '#hash', 'a: b', '"dq"', ''];
  let s = r.pick(parts);
  if (multiLine) {
    const lines = [s + (r.chance(0.3) ? '  ' : '')];
    for (let i = r.int(1, 3); i > 0; i--) lines.push(i > 1 && r.chance(0.25) ? (r.chance(0.5) ? '' : indent) : `${indent}${r.chance(0.2) ? ' \t' : ''}${r.pick(parts)}`);
    s = lines.join('\n');
  }
  return `'${s}'`;
}

function blockScalar(r: Rng, parentIndent: number): string[] {
  const explicit = r.chance(0.2) ? r.int(1, 4) : 0;
  const chomp = r.pick(['', '', '-', '+']);
  const header = r.pick(['|', '>']) + (r.chance(0.5) ? `${explicit || ''}${chomp}` : `${chomp}${explicit || ''}`) + (r.chance(0.15) ? '  # header comment' : '');
  const base = parentIndent + (explicit || r.pick([2, 2, 4]));
  const lines = [header];
  if (explicit && r.chance(0.3)) lines.push(' '.repeat(base + r.int(1, 2)) + 'more indented first line');
  for (let i = r.int(0, 5); i > 0; i--) {
    const kind = r.int(0, 9);
    if (kind === 0) lines.push('');
    else if (kind === 1) lines.push(' '.repeat(r.int(0, base)));
    else if (kind === 2) lines.push(' '.repeat(base + r.int(1, 3)) + 'more indented');
    else if (kind === 3) lines.push(' '.repeat(base) + '\ttab first');
    else if (kind === 4) lines.push(' '.repeat(base) + '# not a comment');
    else if (kind === 5) lines.push(' '.repeat(base) + 'trailing spaces   ');
    else lines.push(' '.repeat(base) + r.pick(['echo "hello"', 'sum(rate(x[5m])) / 2', 'key: value', '- item', '{{ .Values.x }}', 'plain text line', "it's", '']));
  }
  for (let i = r.int(0, 2); i > 0; i--) lines.push(r.chance(0.5) ? '' : ' '.repeat(r.int(0, base + 2)));
  return lines;
}

function flowCollection(r: Rng, depth: number, multiLine: boolean, indent: string): string {
  const sep = multiLine ? `,\n${indent}` : r.pick([', ', ',', ' , ']);
  const n = r.int(0, 4);
  const items: string[] = [];
  const isMap = r.chance(0.5);
  for (let i = 0; i < n; i++) {
    const value =
      depth < 2 && r.chance(0.2)
        ? flowCollection(r, depth + 1, multiLine && r.chance(0.5), indent + '  ')
        : r.chance(0.3)
          ? doubleQuoted(r, indent, false)
          : r.chance(0.1)
            ? singleQuoted(r, indent, false)
            : r.pick(['a', 'b c', '1', '-2', '3.0', 'true', 'null', '~', 'x:y', 'http://h:1/p', '"q"', '-x', '.5', 'a#b']);
    const comment = multiLine && r.chance(0.15) ? ` # c${i}\n${indent}` : '';
    items.push(isMap ? `${r.chance(0.3) ? `"k${i}"` : `k${i}`}:${r.chance(0.1) ? '' : ' '}${value}${comment}` : `${value}${comment}`);
  }
  // `{k0:value}` without a blank is a plain key "k0:value": keep the generator on the rails for plain keys.
  const body = items.map((it) => (isMap && !it.startsWith('"') ? it.replace(/^(k\d+):(?! )/, '$1: ') : it)).join(sep);
  const [open, close] = isMap ? ['{', '}'] : ['[', ']'];
  if (multiLine && n > 0) return `${open}\n${indent}${body}${r.chance(0.3) ? ' # end' : ''}\n${indent.slice(2)}${close}`;
  return `${open}${r.chance(0.3) ? ' ' : ''}${body}${r.chance(0.3) ? ' ' : ''}${close}`;
}

function trailing(r: Rng): string {
  return r.pick(['', '', '', '', ' ', '  # trailing comment', '\t# tab comment', ' #', '   ']);
}

/** Blank and comment lines at assorted indents, as they appear between manifest fields. */
function triviaLines(r: Rng, indent: number): string[] {
  const out: string[] = [];
  if (!r.chance(0.25)) return out;
  for (let i = r.int(1, 3); i > 0; i--) {
    const at = r.pick([0, indent, indent, indent + 2, Math.max(0, indent - 2), indent + 4]);
    out.push(r.pick(['', '', ' '.repeat(at) + '# comment', ' '.repeat(at) + '#c', ' '.repeat(at), ' '.repeat(at) + '# ---', ' '.repeat(at) + '#', '\t', ' '.repeat(at) + '\t# tab']));
  }
  return out;
}

interface GenStyle {
  step: number;
  seqIndented: boolean;
}

function genValue(r: Rng, indent: number, depth: number, style: GenStyle, onKeyLine: string, lines: string[]): void {
  const pad = ' '.repeat(indent);
  const child = ' '.repeat(indent + style.step);
  const kind = depth >= 4 ? r.int(0, 5) : r.int(0, 11);
  switch (kind) {
    case 0:
    case 1:
    case 2: {
      // plain, sometimes folded over several lines
      if (r.chance(0.1)) {
        lines.push(`${onKeyLine} ${plainWord(r)}${r.chance(0.3) ? '  ' : ''}`);
        for (let i = r.int(1, 3); i > 0; i--) lines.push(r.chance(0.2) ? '' : `${child}${r.pick(['continued', 'more text', '- dash', 'x#y', 'end'])}${r.chance(0.3) ? '  ' : ''}`);
        const last = lines.length - 1;
        lines[last] += trailing(r);
      } else {
        lines.push(`${onKeyLine} ${plainWord(r)}${trailing(r)}`);
      }
      return;
    }
    case 3:
      lines.push(`${onKeyLine} ${r.chance(0.6) ? doubleQuoted(r, child, r.chance(0.25)) : singleQuoted(r, child, r.chance(0.25))}${trailing(r)}`);
      return;
    case 4: {
      const [header, ...body] = blockScalar(r, indent);
      lines.push(`${onKeyLine} ${header}`, ...body);
      return;
    }
    case 5: {
      const fc = flowCollection(r, 0, r.chance(0.25), child + '  ');
      lines.push(`${onKeyLine} ${fc}${trailing(r)}`);
      return;
    }
    case 6:
      // empty value
      lines.push(`${onKeyLine}${r.pick(['', ' ', '  # empty', '\t'])}`);
      return;
    case 7:
    case 8:
      lines.push(`${onKeyLine}${trailing(r)}`, ...triviaLines(r, indent + style.step));
      genMap(r, indent + style.step, depth + 1, style, lines);
      return;
    case 9:
    case 10: {
      lines.push(`${onKeyLine}${trailing(r)}`, ...triviaLines(r, indent));
      genSeq(r, style.seqIndented ? indent + style.step : indent, depth + 1, style, lines);
      return;
    }
    default: {
      // value on its own line
      lines.push(`${onKeyLine}${trailing(r)}`);
      const v = r.int(0, 2);
      if (v === 0) lines.push(`${child}${plainWord(r)}${trailing(r)}`);
      else if (v === 1) lines.push(`${child}${doubleQuoted(r, child, r.chance(0.3))}${trailing(r)}`);
      else lines.push(`${child}${flowCollection(r, 0, r.chance(0.3), child + '  ')}${trailing(r)}`);
      if (r.chance(0.3)) lines.push(`${pad}${'  '.repeat(r.int(0, 3))}# after`);
    }
  }
}

const KEYS = ['apiVersion', 'kind', 'name', 'namespace', 'labels', 'annotations', 'spec', 'replicas', 'selector', 'template', 'containers', 'image', 'ports',
  'env', 'value', 'steps', 'setWeight', 'pause', 'duration', 'strategy', 'canary', 'analysis', 'args', 'app.kubernetes.io/name', 'prometheus.io/port', '"quoted key"', "'single key'", 'key with spaces', '80', 'true', 'null', '~', 'a[0]', 'x.y/z', 'k#1', '-dash', 'key:colon', 'über'];

function genMap(r: Rng, indent: number, depth: number, style: GenStyle, lines: string[], firstPrefix?: string): void {
  const pad = ' '.repeat(indent);
  const n = r.int(1, depth === 0 ? 8 : 5);
  for (let i = 0; i < n; i++) {
    if (i > 0) lines.push(...triviaLines(r, indent));
    const key = r.chance(0.05) ? r.pick(KEYS) + r.pick(['', ' ', '\t']) : r.pick(KEYS);
    const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
    genValue(r, indent, depth, style, `${prefix}${key}:`, lines);
  }
}

function genSeq(r: Rng, indent: number, depth: number, style: GenStyle, lines: string[]): void {
  const pad = ' '.repeat(indent);
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) {
    if (i > 0) lines.push(...triviaLines(r, indent));
    const kind = r.int(0, 9);
    const gap = r.chance(0.85) ? ' ' : r.pick(['  ', '   ']);
    if (kind <= 3) {
      // compact mapping item: `- key: value` and its other keys under the first
      genMap(r, indent + 1 + gap.length, depth + 1, style, lines, `${pad}-${gap}`);
    } else if (kind <= 5) {
      lines.push(`${pad}-${gap}${r.chance(0.7) ? plainWord(r) : doubleQuoted(r, pad + '  ', false)}${trailing(r)}`);
    } else if (kind === 6) {
      lines.push(`${pad}-${r.pick(['', ' ', '  # empty item'])}`);
    } else if (kind === 7) {
      lines.push(`${pad}-${gap}${flowCollection(r, 0, false, pad + '    ')}${trailing(r)}`);
    } else if (kind === 8 && depth < 4) {
      lines.push(`${pad}-${trailing(r)}`);
      genMap(r, indent + style.step, depth + 1, style, lines);
    } else {
      const [header, ...body] = blockScalar(r, indent);
      lines.push(`${pad}-${gap}${header}`, ...body);
    }
  }
}

function generateChunk(r: Rng): string {
  const style: GenStyle = { step: r.pick([2, 2, 2, 4]), seqIndented: r.chance(0.6) };
  const lines: string[] = [];
  if (r.chance(0.6)) lines.push(r.pick(['---', '---', '--- # doc', '---  ']));
  if (r.chance(0.3)) lines.push(...triviaLines(r, 0));
  const root = r.int(0, 19);
  if (root === 0) genSeq(r, 0, 0, style, lines);
  else if (root === 1) lines.push(flowCollection(r, 0, r.chance(0.6), '  '));
  else if (root === 2) lines.push(...(r.chance(0.5) ? ['# only a comment'] : []));
  else genMap(r, 0, 0, style, lines);
  if (r.chance(0.2)) lines.push(...triviaLines(r, 2));
  if (r.chance(0.1)) lines.push('...');
  if (r.chance(0.1)) lines.push('# after the end');
  let text = lines.join('\n') + (r.chance(0.85) ? '\n' : '');
  if (r.chance(0.15)) text = text.replace(/\n/g, '\r\n');
  return text;
}

test('fast-yaml: generated manifests parse exactly as yaml does', (t) => {
  const r = prng(20260828 + SEED);
  const tally = new Tally();
  const count = Number(process.env.FAST_YAML_GENERATED ?? 3000);
  for (let i = 0; i < count; i++) tally.add(generateChunk(r), `generated #${i}`);
  t.diagnostic(`generated: ${tally.summary()}`);
  tally.assertNoMismatch();
  assert.ok(tally.fast / count > 0.6, `only ${tally.fast} of ${count} generated chunks took the fast path`);
});

// ---------------------------------------------------------------------------------------------
// hand-written cases: each must parse as yaml does; `fast` ones must also take the fast path

const FAST_CASES: string[] = [
  'a: 1\n',
  // Keys toJS() writes with defineProperty (inherited names), repeated keys, numbers and bools as keys.
  '__proto__: {polluted: true}\ntoString: x\nconstructor: [1]\nhasOwnProperty: y\n',
  'a: 1\nb: 2\na: 3\n',
  '1: one\n"1": uno\ntrue: yes\n0x1F: hex\n1.50: float\n',
  '{__proto__: 1, a: {b: 2, b: 3}}\n',
  '~: null key\n',
  'a: 1',
  '',
  '\n\n',
  '# only a comment\n',
  '---\n',
  '---',
  '--- # c\n',
  '---\n# c\n\n',
  '---\n...\n',
  '---\n# c\n...\n# after\n',
  'a: 1\n...\n',
  'a: 1\n... # end\n\n# x\n',
  '  a: 1\n  b: 2\n',
  '  a: 1\n  b:\n    c: 1\n    # deep\n',
  'a: 1  # c\nb:\n  - x\n  - y: 2\n    z: 3\n\n# trailing\n',
  'a:\n# c\nb: 1\n',
  'a: # c\nb: 1\n',
  'a:\n\n\nb: 1\n',
  'a:\n    # deep\n\n  # mid\n\nb: 1\n',
  'a:\n  # c\n\n    # deep\n\n\nb: 1\n',
  'x:\n  a:\n  # c\n  b: 1\n',
  'x:\n  a:\n# c\ny: 1\n',
  'x:\n  a:\n    # c\n',
  'x:\n  a: # c\n',
  'a:\n  b: 1\n  # comment\nc: 2\n',
  'a:\n  b:\n    c: 1\n    # comment\n  d: 2\n',
  'a: 1\n    # deep\n\n    # deep2\n  # mid\nb: 2\n',
  'a: 1\n  # c\n    # deeper after shallower\nb: 2\n',
  'a:\n  - 1\n    # deep\n  # same\n',
  '- a\n# c\n-\n- b\n',
  '- a\n-\n  # c\n- b\n',
  '-\n-\n- # c\n',
  '- # c\n  a: 1\n',
  '-\t# c\n  a: 1\n-\t\n- x\n',
  '-\n  a: 1\n  b: [1, 2]\n',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n- x\n# c\nb: 1\n',
  'a:\n  b:\n  - x\n  # c\n  d: 1\n',
  '- name: a\n  image: b\n- name: c\n\n  # c\n  ports:\n  - 80\n',
  '-   name: a\n    value: b\n',
  '- "k": v\n  k2: v2\n',
  "- 'k': v\n",
  'a: |\n  x\n\n\nb: 1\n',
  'a: |\n  x\n  y\n',
  'a: |-\n  x\n\n',
  'a: |+\n  x\n\n\n',
  'a: >\n  folded\n  text\n\n  para\n    more\n  back\n',
  'a: >-\n\n  x\n',
  'a: |2\n   x\n  y\n',
  'a: |1-\n  x\n',
  'a: >2+\n  x\n\n',
  'a: |\n',
  'a: |',
  'a: |\nb: 1\n',
  'a: |\n\n\nb: 1\n',
  'a: |+\n\n\nb: 1\n',
  'a: | # c\n  x\n',
  '- |\n  x\n- >\n  y\n',
  'a: |\n  x\n   \n  \n',
  'a: |\n  \tx\n',
  'a: >\n  x\n  \ty\n  z\n',
  'a: |\r\n  x\r\n\r\n  y\r\n',
  'a: "x"\nb: \'y\'\n',
  'a: "esc \\" \\\\ \\/ \\t \\n \\x41 \\u00e9 \\U0001F680 \\0 \\a \\b \\e \\f \\v \\N \\_ \\L \\P \\\t \\ "\n',
  'a: "fold\n  me\n\n  para   \n  \t  end"\n',
  'a: "esc\\\n    aped"\n',
  'a: "trail  \n  x"\n',
  "a: 'it''s'\nb: 'multi\n  line\n\n  para'\n",
  "a: 'x  \n  '\n",
  'a: ""\nb: \'\'\n',
  'a: plain\n  folded\n\n  text\n',
  'a: plain  # c\n  # not folded\n',
  'a: x\n\n  y\n',
  '- a\n  - b\n',
  'a:\n  value on own line\nb: 1\n',
  'a:\n  "own line"\n',
  'a:\n  [1, 2]\n',
  'a:\n  {b: c}\n',
  'a: [1, [2, [3]], {b: c, d: [e]}]\n',
  'a: [1 , [2] ,\n  3 ]  # c\nb: {x: y }\n',
  'a: {}\nb: []\nc: [ ]\nd: { }\n',
  'a: {"k":"v", "n":1, \'s\': x}\n',
  'a: [\n  1,\n  2\n]\n',
  'a: [\n  1, # one\n  2\n  ]\n',
  'a: {\n  b: 1\n}\n',
  'a: {\n  b: 1,\n  c: {\n    d: 2\n  }\n}\n',
  'a: [a b, c:d, http://x:1/y, -1, -x]\n',
  '{"a": 1}\n',
  '{"a": 1}\n\n# x\n\n',
  '{"a": 1}\n# x\n...\n',
  '[1, 2]\n',
  '{\n\t"a": [\n\t\t1\n\t]\n}\n',
  '{\n  "a": "b",\n  "c": {\n    "d": [\n      1,\n      "e"\n    ]\n  }\n}',
  'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\n',
  'a:\tvalue\nb:\t"q"\n',
  'a: 1\t# c\n',
  'a: 1\n\t\nb: 2\n',
  'a: 1\n  \t\nb: 2\n',
  'a: 0o17\nb: 0x1f\nc: 1e3\nd: .inf\ne: -.Inf\nf: .nan\ng: 1.50\nh: -0\ni: +5\nj: 007\nk: 1.\nl: .5\n',
  'a: ~\nb: null\nc: Null\nd: NULL\ne: true\nf: True\ng: FALSE\nh: nUll\ni: yes\n',
  '80: http\ntrue: x\nnull: y\n1.5: z\n',
  'a b: c d\n"e f": g\n',
  'a: b:c\nd: -e\nf: ?g\nh: :i\n',
  'key  : value\n',
  'a: 1\n  #c\nb: 2\n',
  'a:\n  #c\n  b: 1\n',
  'a: 1\n...\n',
  'a:\n  b: 1\n\n\n',
  'a:\n  - b\n\n  # c\n\n',
  'a:\n  - b\n  # c\n',
  '- a: 1\n  # c\n- b\n',
  '- a: 1\n    # c\n- b\n',
  '- a: 1\n# c\n-\n',
  'a: [x\n  y, z]\n',
  '[\n  "x"\n# c\n]\n',
  '[\n  [\n    "x"\n# c\n  ]\n]\n',
  '{\n  "a": {\n  "k1": "x"\n  # c\n  }\n}\n',
  'a: {b: c\n  d, e: f}\n',
  '[a\nb, c]\n',
  '{"a": "multi\nline", "b": \'x\n\n y\'}\n',
  `${'k'.repeat(1000)}: v\n`,
  `a: ${'v'.repeat(5000)}\n`,
  'a: "\\\\"\nb: "\\""\n',
  'a:\n  - b:\n      c: 1\n    d: 2\n  - e\n',
  'a:\n    - b\n    - c\nd: 1\n',
  'a: b\n\n\n\n',
  'a: b\r\n\r\n# c\r\n',
  '---\r\na: |\r\n  x\r\n\r\n...\r\n',
];

/** Outside the subset or invalid: must fall back (and never mismatch). */
const FALLBACK_CASES: string[] = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '%YAML 1.2\n---\na: 1\n',
  '? a\n: b\n',
  '<<: {a: 1}\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n...\nb: 2\n',
  'just a scalar\n',
  '"quoted scalar"\n',
  '- - x\n',
  'a: b: c\n',
  'a: [1, 2\n',
  'a: "unterminated\n',
  'a: "bad \\q escape"\n',
  'a:\n\tb: 1\n',
  'a: 1\n b: 2\n',
  'a\n',
  'a: 1\r b: 2\n',
  '\ufeffa: 1\n',
  'a: [a: 1]\n',
  'a: {b}\n',
  'a: [1, ]\n',
  '[a]: b\n',
  '{{ .Values.x }}: y\n',
  'a: |0\n  x\n',
  'a: |\n  x\n \ty\n',
  'a: 1\n\t',
  'a:\n  b:\n\t\n  c: 1\n',
  'a:\n  b\n  c: d\n',
  'key:\n#c\n  value\nother: 1\n',
  `${'k'.repeat(1030)}: v\n`,
  'a: [x\ny]\n',
  '{a: 1}\nb: 2\n',
  '{\n  "k1": "x"\n# c\n}\n',
  '{\n  a: [1] # c\n# c\n}\n',
];

test('fast-yaml: hand-written cases parse exactly as yaml does, in-subset ones on the fast path', () => {
  const slow: string[] = [];
  for (const text of FAST_CASES) {
    const o = compareWithYaml(text);
    assert.equal(o.mismatch, undefined, `${JSON.stringify(text)}: ${o.mismatch}`);
    if (!o.fast) slow.push(`${JSON.stringify(text)} (${o.reason})`);
  }
  assert.deepEqual(slow, [], 'these fell back but should take the fast path');
  for (const text of FALLBACK_CASES) {
    const o = compareWithYaml(text);
    assert.equal(o.mismatch, undefined, `${JSON.stringify(text)}: ${o.mismatch}`);
    assert.equal(o.fast, false, `${JSON.stringify(text)} should fall back`);
  }
});

/** Mappings whose keys are all distinct, many of them alike in length and first character. */
const DISTINCT_KEYS = [
  'labels:\n  tier: web\n  team: core\n  tenant: a\n  track: b\n',
  '{ab: 1, ac: 2, ad: 3, ba: 4, bb: 5}\n',
  `m:\n${Array.from({ length: 80 }, (_, i) => `  k${i}: ${i}\n`).join('')}`,
  '"": 1\n" ": 2\na: 3\n',
  '"1": a\n"01": b\n1.5: c\n',
];

/** The same mappings with one key repeated, far from its first use or right after it. */
const REPEATED_KEYS = [
  'labels:\n  tier: web\n  team: core\n  tier: api\n',
  '{ab: 1, ac: 2, ab: 3}\n',
  `m:\n${Array.from({ length: 80 }, (_, i) => `  k${i}: ${i}\n`).join('')}  k3: again\n`,
  '"": 1\na: 2\n"": 3\n',
  '1: a\n"1": b\n',
  'toString: a\ntoString: b\n',
  '__proto__: a\nx: 1\n__proto__: b\n',
];

test('fast-yaml: plain mode tells mappings that repeat a key (yaml/duplicate-key) from those that do not', () => {
  for (const [texts, expected] of [[DISTINCT_KEYS, false], [REPEATED_KEYS, true]] as const) {
    for (const text of texts) {
      const read = fastParseValues(text);
      assert.ok(read, `${JSON.stringify(text)} takes the fast path (${lastFastParseFallback()})`);
      assert.equal(read.docs[0].duplicateKeys, expected, JSON.stringify(text));
      const o = compareWithYaml(text);
      assert.equal(o.mismatch, undefined, `${JSON.stringify(text)}: ${o.mismatch}`);
    }
  }
});

/** V8's full collection, exposed at run time (the test runner starts node without --expose-gc). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

test('fast-yaml: the parser kept for its hidden classes does not keep the last tree alive', async () => {
  let doc: Document.Parsed | undefined = fastParseDocuments('a:\n  b: [1, 2]\n  c: {d: 3}\nlist:\n- x: 1\n- y: 2\n')![0];
  const pair = new WeakRef((doc.contents as YAMLMap).items[0]);
  const inner = new WeakRef(((doc.contents as YAMLMap).items[1].value as YAMLSeq).items[1] as object);
  doc = undefined;
  // WeakRef targets stay alive until the end of the current job.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(pair.deref(), undefined, 'the root mapping\'s first pair');
  assert.equal(inner.deref(), undefined, 'an item of a nested sequence');
});

test('fast-yaml: documents are real yaml Documents with the parse options', () => {
  const [doc] = fastParseDocuments('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {a: "1"}\n')!;
  assert.ok(doc instanceof Document);
  assert.ok(doc.contents instanceof YAMLMap);
  const root = doc.contents as YAMLMap;
  assert.ok(root.items[0] instanceof Pair);
  assert.ok((root.items[0] as Pair).key instanceof Scalar);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(doc.warnings, []);
  assert.equal(doc.options.uniqueKeys, false);
  assert.equal(doc.options.logLevel, 'error');
  assert.equal(doc.directives.docStart, true);
  assert.deepEqual(doc.toJS(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } });
  assert.equal(String(doc), String(parseAllDocuments('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {a: "1"}\n')[0]));
  assert.deepEqual(fastParseDocuments('# nothing here\n'), []);
  // Without comments (which only yaml attaches), whole trees are deep-strict-equal: same
  // prototypes, same own enumerable properties, same values.
  const manifest = '---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: app\n        image: "nginx:1.25"\n        args: [--port=80, -v]\n        env: {A: "1", B: 2.50}\n        command: |\n          run\n';
  const fast = fastParseDocuments(manifest)!;
  const ref = parseAllDocuments(manifest, YAML_OPTIONS) as Document.Parsed[];
  assert.deepStrictEqual(fast[0].contents, ref[0].contents);
  assert.equal(isMap(fast[0].contents) && isPair(fast[0].contents.items[0]) && isScalar(fast[0].contents.items[0].key), true);
  assert.equal(((fast[0].contents as YAMLMap).items[0] as Pair).key instanceof Scalar, true);
  assert.equal((fast[0].contents as YAMLMap).schema, fast[0].schema);
  const cloned = (fast[0].contents as YAMLMap).clone();
  assert.deepStrictEqual(cloned.toJSON(), ref[0].toJS());
  assert.equal(fastParseDocuments('a: &x 1\n'), undefined);
  assert.match(lastFastParseFallback() ?? '', /./);
});

// ---------------------------------------------------------------------------------------------
// fuzz: seeded mutations of corpus chunks and generated manifests

const INSERTS = [' ', '  ', '\n', '\t', '#', ' #', ':', ': ', '-', '- ', '"', "'", '[', ']', '{', '}', ',', '|', '>', '|-', '>+', '|2', 'a', '0', '\r\n', '...', '---',
  '\\', '?', '? ', '&a ', '*a', '!t ', '%', '@', '\n\n', '\n  ', '\n    ', ' # c\n', '\n# x\n', '\n#x\n', '\n  # c\n', '1.0', '0x1F', 'null', '~', 'true', '"a\\nb"',
  "'it''s'", '\\t', '\\u00e9', '\\x4', '""', "''", '\r'];

function mutate(r: Rng, text: string): string {
  let lines = text.split('\n');
  if (lines.length > 30) {
    const s = r.int(0, lines.length - 30);
    lines = lines.slice(s, s + 30);
  }
  let t = lines.join('\n');
  for (let m = r.int(1, 3); m > 0; m--) {
    const ls = t.split('\n');
    const li = r.int(0, ls.length - 1);
    switch (r.int(0, 8)) {
      case 0: {
        const i = r.int(0, Math.max(0, t.length - 1));
        t = t.slice(0, i) + t.slice(i + 1);
        break;
      }
      case 1: {
        const i = r.int(0, t.length);
        t = t.slice(0, i) + r.pick(INSERTS) + t.slice(i);
        break;
      }
      case 2: {
        const j = Math.min(ls.length - 1, li + 1);
        [ls[li], ls[j]] = [ls[j], ls[li]];
        t = ls.join('\n');
        break;
      }
      case 3: {
        const d = r.int(-2, 2);
        const lead = ls[li].search(/\S|$/);
        ls[li] = d > 0 ? ' '.repeat(d) + ls[li] : ls[li].slice(Math.min(-d, lead));
        t = ls.join('\n');
        break;
      }
      case 4:
        ls.splice(li, 0, ls[li]);
        t = ls.join('\n');
        break;
      case 5:
        t = t.replace(/\r?\n/g, '\r\n');
        break;
      case 6:
        ls.splice(li, 0, ' '.repeat(r.int(0, 7)) + r.pick(['# c', '#c', '', ' ', '\t', '#', '\t# t']));
        t = ls.join('\n');
        break;
      case 7:
        ls.splice(li, 1);
        t = ls.join('\n');
        break;
      default: {
        // re-indent a whole block of lines
        const d = r.pick([-2, -1, 1, 2]);
        for (let k = li; k < Math.min(ls.length, li + r.int(1, 6)); k++) ls[k] = d > 0 ? ' '.repeat(d) + ls[k] : ls[k].slice(Math.min(-d, ls[k].search(/\S|$/)));
        t = ls.join('\n');
      }
    }
  }
  if (r.chance(0.3)) t = t.replace(/\n*$/, '');
  return t;
}

test('fast-yaml: mutated chunks either fall back or parse exactly as yaml does', (t) => {
  const r = prng(7 + SEED);
  const sources = corpusChunks().map((c) => c.text);
  const gen = prng(99 + SEED);
  for (let i = 0; i < 300; i++) sources.push(generateChunk(gen));
  const tally = new Tally();
  const count = Number(process.env.FAST_YAML_FUZZ ?? 5000);
  for (let i = 0; i < count; i++) tally.add(mutate(r, r.pick(sources)), `mutation #${i}`);
  t.diagnostic(`fuzz: ${tally.summary()}`);
  tally.assertNoMismatch();
});
