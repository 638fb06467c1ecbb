/**
 * spec.workloadRef resolution (rollout/templateref.go fn Resolve, argo-rollouts.md §1.1): only
 * core PodTemplate, apps/Deployment and apps/ReplicaSet are supported; the pod template is read from
 * the workload and, when spec.selector is absent, the selector too (Deployment/ReplicaSet only).
 */
import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import type { RuleContext } from '../../rules/rule';
import { goStruct, type GoStruct } from './field-error';
import { resolveRef } from './refs';
import { emptyTemplate, goStr, obj, present, type Obj } from './spec';

export interface WorkloadKind {
  typeId: string;
  /** Lister resource in NotFound texts: `deployments.apps "x" not found`. */
  resource: string;
  templatePath: string[];
  selectorPath?: string[];
}

const KNOWN: Record<string, WorkloadKind> = {
  '/PodTemplate': { typeId: K.PodTemplate, resource: 'podtemplates', templatePath: ['template'] },
  'apps/Deployment': { typeId: K.Deployment, resource: 'deployments.apps', templatePath: ['spec', 'template'], selectorPath: ['spec', 'selector'] },
  'apps/ReplicaSet': { typeId: K.ReplicaSet, resource: 'replicasets.apps', templatePath: ['spec', 'template'], selectorPath: ['spec', 'selector'] },
};

/** schema.FromAPIVersionAndKind(...).Group: "" for "v1" and for an apiVersion that does not parse. */
export function groupOfApiVersion(apiVersion: string): string {
  if (apiVersion === '' || apiVersion === '/') return '';
  const parts = apiVersion.split('/');
  if (parts.length === 1) return '';
  if (parts.length === 2) return parts[0];
  return '';
}

export function workloadKind(ref: Obj): { group: string; kind: string; known?: WorkloadKind } {
  const group = groupOfApiVersion(goStr(ref.apiVersion));
  const kind = goStr(ref.kind);
  return { group, kind, known: KNOWN[`${group}/${kind}`] };
}

/** ObjectRef as encoding/json prints it. */
export function objectRefJson(ref: Obj): GoStruct {
  return goStruct([
    ['apiVersion', ref.apiVersion, true],
    ['kind', ref.kind, true],
    ['name', ref.name, true],
    ['scaleDown', ref.scaleDown, true],
  ]);
}

export function at(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[seg];
  }
  return cur;
}

/**
 * The pod template labels the controller validates against: the Rollout's own, or with workloadRef
 * the referenced workload's when it is in the workspace (undefined when it cannot be known).
 */
export function resolvedTemplateLabels(ctx: RuleContext, rollout: ManifestObject, spec: Obj): Obj | undefined {
  const ref = obj(spec.workloadRef);
  if (!present(spec.workloadRef)) return obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
  // A non-empty template makes resolution itself fail (S5), so nothing is validated against it.
  if (!ref || !emptyTemplate(spec)) return undefined;
  const { known } = workloadKind(ref);
  const name = typeof ref.name === 'string' ? ref.name : undefined;
  if (!known || !name) return undefined;
  const found = resolveRef(ctx, known.typeId, name, rollout);
  if (found.length !== 1) return undefined;
  return obj(obj(obj(at(found[0].value, known.templatePath))?.metadata)?.labels) ?? {};
}
