import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { WorkloadNotSupported } from '../../semantics/rollouts/messages';
import { obj, rolloutView } from '../../semantics/rollouts/spec';
import { objectRefJson, workloadKind } from '../../semantics/rollouts/workload-ref';
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/workload-ref-kind-unsupported',
  description: 'spec.workloadRef names a kind the controller cannot read a pod template from: only apps/v1 Deployment, apps/v1 ReplicaSet and v1 PodTemplate are supported.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'rollout/templateref.go Resolve (infoByGroupKind), reported as InvalidSpec via validation.InvalidWorkloadRef (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const ref = obj(view?.spec.workloadRef);
    if (!ref) return;
    const { group, kind, known } = workloadKind(ref);
    if (known) return;
    const fixes: Fix[] = [];
    let hint = 'Point it at a Deployment, ReplicaSet or PodTemplate.';
    if ((kind === 'Deployment' || kind === 'ReplicaSet') && group !== 'apps') {
      hint = `A ${kind} lives in the apps group: use \`apiVersion: apps/v1\`.`;
      fixes.push({ title: 'Use apiVersion apps/v1', edits: [{ op: 'replaceValue', path: ['spec', 'workloadRef', 'apiVersion'], value: 'apps/v1' }], preferred: true });
    } else if (kind === 'PodTemplate' && group !== '') {
      hint = 'A PodTemplate lives in the core group: use `apiVersion: v1`.';
      fixes.push({ title: 'Use apiVersion v1', edits: [{ op: 'replaceValue', path: ['spec', 'workloadRef', 'apiVersion'], value: 'v1' }], preferred: true });
    }
    const at = (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'PodTemplate') && 'apiVersion' in ref ? 'apiVersion' : 'kind' in ref ? 'kind' : undefined;
    ctx.report({
      path: at ? ['spec', 'workloadRef', at] : ['spec', 'workloadRef'],
      onKey: !at,
      message: explain(fieldError('spec.workloadRef', 'Invalid value', objectRefJson(ref), WorkloadNotSupported(group, kind)), hint),
      fixes,
    });
  },
};
