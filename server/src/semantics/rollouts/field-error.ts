/**
 * Renders a Kubernetes `field.Error` the way apimachinery v0.34 prints it (argo-rollouts.md §0.1):
 * `<path>: <Type>: <value>: <detail>`. Go strings are printed with `%q`, int/bool/float with `%v`,
 * everything else (slices, maps, structs, pointers, IntOrString) as `encoding/json` output.
 */
export type FieldErrorType = 'Invalid value' | 'Required value' | 'Unsupported value' | 'Duplicate value' | 'Not found' | 'Forbidden' | 'Internal error';

const VALUELESS: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden', 'Internal error']);

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote (what `%q` prints): escapes quotes, control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    // ASCII without the Unicode-class regexp: V8 drops a regexp's compiled code when it goes unused
    // through collections, and compiling this one again costs milliseconds.
    else if (c < 0x7f) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else out += c > 0xffff ? `\\U${hex(c, 8)}` : `\\u${hex(c, 4)}`;
  }
  return out + '"';
}

/** A Go struct value: fields print in declaration order (plain objects print as maps, keys sorted). */
export class GoStruct {
  constructor(readonly fields: ReadonlyArray<readonly [string, unknown]>) {}
}

/**
 * Builds a struct from `[jsonName, value, omitempty]` triples, dropping omitempty fields whose
 * value is empty the way encoding/json does (undefined/null, "", 0, false, empty slice or map).
 * `'ptr'` marks an omitempty pointer field, dropped only when nil (a pointer to 0 prints 0).
 */
export function goStruct(fields: ReadonlyArray<readonly [string, unknown, (boolean | 'ptr')?]>): GoStruct {
  const kept: Array<readonly [string, unknown]> = [];
  for (const [name, value, omitEmpty] of fields) {
    if (omitEmpty === 'ptr' ? value === undefined || value === null : omitEmpty && isEmptyForOmit(value)) continue;
    kept.push([name, value === undefined ? null : value]);
  }
  return new GoStruct(kept);
}

function isEmptyForOmit(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoStruct) return false;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

const byteOrder = (a: string, b: string) => (Buffer.from(a, 'utf8').compare(Buffer.from(b, 'utf8')));

function jsonString(s: string): string {
  // encoding/json escapes HTML-significant characters and the JS line separators.
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

/** encoding/json's output for a value (Go map keys sorted byte-wise, structs in field order). */
export function goJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value instanceof GoStruct) return `{${value.fields.map(([k, v]) => `${jsonString(k)}:${goJson(v)}`).join(',')}}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort(byteOrder);
    return `{${keys.map((k) => `${jsonString(k)}:${goJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return 'null';
}

export function renderFieldValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  return goJson(value);
}

export function fieldError(path: string, type: FieldErrorType, value: unknown, detail: string): string {
  const body = VALUELESS.has(type) ? type : `${type}: ${renderFieldValue(value)}`;
  return detail ? `${path}: ${body}: ${detail}` : `${path}: ${body}`;
}

/** `spec.strategy.canary.steps[0].analysis` from ['spec','strategy','canary','steps',0,'analysis']. */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** The upstream text, then one plain sentence of what it means (no doubled full stop). */
export function explain(upstream: string, meaning: string): string {
  return `${upstream}${/[.!?]$/.test(upstream) ? '' : '.'} ${meaning}`;
}
