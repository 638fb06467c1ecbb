/**
 * Rollout API values as the controller's encoding/json prints them inside field errors: struct
 * fields in declaration order with their omitempty rules (pkg/apis/rollouts/v1alpha1/types.go).
 */
import { goStruct, type GoStruct } from './field-error';
import { isObj, list, obj, present, type Obj } from './spec';

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** StringMatch {exact, prefix, regex}, all omitempty; a nil pointer prints null. */
export function stringMatchJson(v: unknown): GoStruct | null {
  const m = obj(v);
  if (!m) return null;
  return goStruct([
    ['exact', s(m.exact), true],
    ['prefix', s(m.prefix), true],
    ['regex', s(m.regex), true],
  ]);
}

/** SetHeaderRoute {name omitempty, match omitempty: [{headerName, headerValue}]}. */
export function setHeaderRouteJson(v: unknown): GoStruct {
  const r = obj(v) ?? {};
  return goStruct([
    ['name', s(r.name), true],
    ['match', list(r.match).map((m) => goStruct([
      ['headerName', s(obj(m)?.headerName) ?? ''],
      ['headerValue', stringMatchJson(obj(m)?.headerValue)],
    ])), true],
  ]);
}

/** SetMirrorRoute {name, match omitempty: [{method, path, headers}], percentage omitempty}. */
export function setMirrorRouteJson(v: unknown): GoStruct {
  const r = obj(v) ?? {};
  return goStruct([
    ['name', s(r.name) ?? ''],
    ['match', list(r.match).map((m) => {
      const mm = obj(m) ?? {};
      const headers = obj(mm.headers);
      return goStruct([
        ['method', present(mm.method) ? stringMatchJson(mm.method) : undefined, 'ptr'],
        ['path', present(mm.path) ? stringMatchJson(mm.path) : undefined, 'ptr'],
        ['headers', headers ? Object.fromEntries(Object.entries(headers).map(([k, hv]) => [k, stringMatchJson(hv) ?? goStruct([])])) : undefined, true],
      ]);
    }), true],
    ['percentage', typeof r.percentage === 'number' ? r.percentage : undefined, 'ptr'],
  ]);
}

/** AnalysisRunArgument {name, value omitempty, valueFrom omitempty {podTemplateHashValue, fieldRef {fieldPath}}}. */
export function analysisRunArgumentJson(v: unknown): GoStruct {
  const a = obj(v) ?? {};
  const from = obj(a.valueFrom);
  const fieldRef = obj(from?.fieldRef);
  return goStruct([
    ['name', s(a.name) ?? ''],
    ['value', s(a.value), true],
    ['valueFrom', from ? goStruct([
      ['podTemplateHashValue', s(from.podTemplateHashValue), 'ptr'],
      ['fieldRef', fieldRef ? goStruct([['fieldPath', s(fieldRef.fieldPath) ?? '']]) : undefined, 'ptr'],
    ]) : undefined, 'ptr'],
  ]);
}

export const isStringMatchSet = (m: Obj, k: 'exact' | 'regex' | 'prefix') => isObj(m) && typeof m[k] === 'string' && m[k] !== '';
