/**
 * The two ApplicationSet template languages, for the strings that decide RollingSync step
 * assignment (Application name and labels), as applicationset/utils/utils.go Render.Replace does:
 * - fasttemplate (goTemplate false): `{{ key }}` replaced by the string parameter `key` (trimmed);
 *   an unknown key, or a non-string value, leaves `{{ key }}` in place; an unterminated `{{` is an error;
 * - Go text/template (goTemplate true): only field chains (`{{ .a.b }}`, with `{{-`/`-}}` trimming)
 *   are evaluated here; any other action (functions, pipelines, sprig) makes the result unknown.
 * `undefined` means "cannot be decided statically" — callers then make no claim.
 */

export type Params = Record<string, unknown>;

/** Whether a string contains template markup at all. */
export function isTemplated(s: string): boolean {
  return s.includes('{{');
}

/** fasttemplate with Argo CD's tag function. Undefined when the template is malformed or a tag stays unresolved. */
export function renderFast(tmpl: string, params: Params): string | undefined {
  // Render.Replace returns the string untouched unless `.*{{.*}}.*` matches on one line.
  if (!/{{.*}}/.test(tmpl)) return tmpl;
  let out = '';
  let rest = tmpl;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start === -1) return out + rest;
    const end = rest.indexOf('}}', start + 2);
    if (end === -1) return undefined; // fasttemplate: cannot find end tag
    const tag = rest.slice(start + 2, end);
    const value = params[tag.trim()];
    if (tag.trim() === '' || typeof value !== 'string') return undefined; // left as `{{tag}}`: not a usable label or name
    out += rest.slice(0, start) + value;
    rest = rest.slice(end + 2);
  }
}

/** Go's fmt %v of a JSON value, for the values we can print exactly. */
function goPrint(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // float64 %v switches to exponent form at 1e21 and for 7+ digit integers (1e+06): keep to the plain range.
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return undefined;
}

const FIELD_CHAIN = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** A subset of Go text/template: literal text and field chains. Missing keys make the result unknown. */
export function renderGo(tmpl: string, params: Params): string | undefined {
  let out = '';
  let rest = tmpl;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start === -1) return out + rest;
    const end = rest.indexOf('}}', start + 2);
    if (end === -1) return undefined;
    let text = rest.slice(0, start);
    let action = rest.slice(start + 2, end);
    let after = rest.slice(end + 2);
    // Trim markers need a space: `{{- x -}}`.
    if (/^-\s/.test(action)) {
      text = text.replace(/\s+$/, '');
      action = action.slice(1);
    }
    if (/\s-$/.test(action)) {
      after = after.replace(/^\s+/, '');
      action = action.slice(0, -1);
    }
    const chain = action.trim();
    if (!FIELD_CHAIN.test(chain)) return undefined;
    let value: unknown = params;
    for (const field of chain.slice(1).split('.')) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, field)) return undefined;
      value = (value as Params)[field];
    }
    const printed = goPrint(value);
    if (printed === undefined) return undefined;
    out += text + printed;
    rest = after;
  }
}

/** Render one string of the Application template the way the ApplicationSet's goTemplate setting says. */
export function render(tmpl: string, params: Params, goTemplate: boolean): string | undefined {
  return goTemplate ? renderGo(tmpl, params) : renderFast(tmpl, params);
}
