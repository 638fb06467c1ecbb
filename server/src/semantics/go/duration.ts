/**
 * Go's `time.ParseDuration` as Go implements it (exact nanoseconds, Go's error texts), the one
 * parser behind every duration field: pause steps and scale-down delays (argo-rollouts.md §1.4),
 * metric intervals and initial delays (§1.7), wave bakes, and the CLI's --timeout.
 */

export type GoDuration = { ok: true; ns: bigint } | { ok: false; error: string };

const MAX_UINT = 1n << 63n;
const MAX_INT64 = (1n << 63n) - 1n;

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  '\u00b5s': 1000n, // U+00B5 micro sign
  '\u03bcs': 1000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

// Go strings are UTF-8 bytes; TextEncoder/TextDecoder keep this usable outside Node too.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** time.quote: printable ASCII kept (with `"` and `\` escaped), every other byte as \xNN. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const byte of utf8(s)) {
    if (byte < 0x20 || byte >= 0x80) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else {
      const c = String.fromCharCode(byte);
      out += c === '"' || c === '\\' ? `\\${c}` : c;
    }
  }
  return out + '"';
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * Go's time.ParseDuration: `[-+]?` then one or more `<decimal><unit>`; "0" alone is valid; a bare
 * number has no unit and fails. Errors are Go's texts (`time: invalid duration "x"`,
 * `time: missing unit in duration "5"`, `time: unknown unit "d" in duration "1d"`).
 */
export function parseGoDuration(orig: string): GoDuration {
  // Manifests repeat a few spellings ("30s", "5m") thousands of times; results are immutable.
  let d = durationCache.get(orig);
  if (d === undefined) {
    if (durationCache.size >= DURATION_CACHE_MAX) durationCache.clear();
    durationCache.set(orig, (d = parseGoDurationUncached(orig)));
  }
  return d;
}

const DURATION_CACHE_MAX = 1024;
const durationCache = new Map<string, GoDuration>();

function parseGoDurationUncached(orig: string): GoDuration {
  const invalid: GoDuration = { ok: false, error: `time: invalid duration ${goTimeQuote(orig)}` };
  const s = utf8(orig);
  let i = 0;
  let neg = false;
  if (s.length > 0 && (s[0] === 0x2d || s[0] === 0x2b)) {
    neg = s[0] === 0x2d;
    i = 1;
  }
  if (s.length - i === 1 && s[i] === 0x30) return { ok: true, ns: 0n };
  if (i === s.length) return invalid;
  let d = 0n;
  while (i < s.length) {
    // The next character must be [0-9.].
    if (!(s[i] === 0x2e || isDigit(s[i]))) return invalid;
    // leadingInt
    const intStart = i;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > MAX_UINT / 10n) return invalid;
      v = v * 10n + BigInt(s[i] - 0x30);
      if (v > MAX_UINT) return invalid;
    }
    const pre = i !== intStart;
    // leadingFraction
    let f = 0n;
    let scale = 1;
    let post = false;
    if (i < s.length && s[i] === 0x2e) {
      i++;
      const fracStart = i;
      let overflow = false;
      for (; i < s.length && isDigit(s[i]); i++) {
        if (overflow) continue;
        if (f > MAX_INT64 / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s[i] - 0x30);
        if (y > MAX_UINT) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = i !== fracStart;
    }
    if (!pre && !post) return invalid;
    // The unit runs to the next '.' or digit.
    const unitStart = i;
    for (; i < s.length && !(s[i] === 0x2e || isDigit(s[i])); i++);
    if (i === unitStart) return { ok: false, error: `time: missing unit in duration ${goTimeQuote(orig)}` };
    const u = decoder.decode(s.subarray(unitStart, i));
    const unit = UNITS[u];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${goTimeQuote(u)} in duration ${goTimeQuote(orig)}` };
    if (v > MAX_UINT / unit) return invalid;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_UINT) return invalid;
    }
    d += v;
    if (d > MAX_UINT) return invalid;
  }
  if (neg) return { ok: true, ns: -d };
  if (d > MAX_INT64) return invalid;
  return { ok: true, ns: d };
}

/** Seconds (fractional) of a Go duration string, or undefined when it does not parse. */
export function goDurationSeconds(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const d = parseGoDuration(s);
  return d.ok ? Number(d.ns) / 1e9 : undefined;
}

/** The duration in (fractional) seconds, or Go's error text: the shape field checks report from. */
export function parseDurationSeconds(text: string): { seconds: number; error?: undefined } | { seconds?: undefined; error: string } {
  const d = parseGoDuration(text);
  return d.ok ? { seconds: Number(d.ns) / 1e9 } : { error: d.error };
}
