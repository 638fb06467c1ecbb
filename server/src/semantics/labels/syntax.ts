/**
 * The syntax of label keys, label values and DNS-1123 subdomains as apimachinery checks it
 * (pkg/util/validation), with its messages. Two upstream versions matter here and they word the
 * same checks differently: Argo Rollouts pins v0.34 (`IsQualifiedName`, lengths in "characters"),
 * Fleet pins v0.36 (`content.IsLabelKey`, lengths in "bytes"). The rules are one; the wording is
 * chosen by the caller.
 */

export interface ApimachineryWording {
  /** How an invalid key with too many `/` is named: "a qualified name" / "a valid label key". */
  keyNoun: string;
  /** The unit of the length limits. */
  lengthUnit: 'characters' | 'bytes';
}

/** k8s.io/apimachinery v0.34 (Argo Rollouts v1.10). */
export const APIMACHINERY_V034: ApimachineryWording = { keyNoun: 'a qualified name', lengthUnit: 'characters' };
/** k8s.io/apimachinery v0.36 (Fleet). */
export const APIMACHINERY_V036: ApimachineryWording = { keyNoun: 'a valid label key', lengthUnit: 'bytes' };

const KEY_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const KEY_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${KEY_NAME_FMT})?`;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const KEY_NAME_RE = new RegExp(`^${KEY_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
const tooLong = (w: ApimachineryWording, n: number): string => `must be no more than ${n} ${w.lengthUnit}`;

/** Literally as apimachinery builds it: "(e.g. 'a',  or 'b', regex used …" (two spaces before "or"). */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export function dns1123SubdomainProblems(value: string, w: ApimachineryWording): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(tooLong(w, 253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** `[prefix/]name`, the syntax of a label key; [] when valid. */
export function labelKeyProblems(key: string, w: ApimachineryWording): string[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [`${w.keyNoun} ${regexError(KEY_NAME_MSG, KEY_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errs: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainProblems(prefix, w).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${tooLong(w, 63)}`);
  if (!KEY_NAME_RE.test(name)) errs.push(`name part ${regexError(KEY_NAME_MSG, KEY_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** A label value; [] when valid. */
export function labelValueProblems(value: string, w: ApimachineryWording): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(tooLong(w, 63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}
