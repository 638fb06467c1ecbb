import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { argPlaceholder } from '../../semantics/rollouts/arg-placeholder';
import { local } from '../../semantics/rollouts/refs';
import { CANARY, canarySteps, int, list, maxTrafficWeight, obj, present, rolloutView, validatedCanary, type Obj } from '../../semantics/rollouts/spec';
import type { Fix, Rule } from '../rule';

/** Templates offered as fixes, nearest first. */
const MAX_OFFERED = 3;

/** The analysis block a fix adds: the template and every arg it needs a value for. */
function analysisBlock(template: ManifestObject, rollout: ManifestObject, background: boolean): Obj {
  const args = list(obj(template.value?.spec)?.args)
    .map((a) => obj(a))
    .filter((a): a is Obj => !!a && typeof a.name === 'string' && !present(a.value) && !present(a.valueFrom))
    .map((a) => argPlaceholder(a.name as string, rollout.value, background ? 'BackgroundAnalysis' : 'InlineAnalysis'));
  const ref: Obj = { templateName: template.name };
  if (template.typeId === K.ClusterAnalysisTemplate) ref.clusterScope = true;
  return args.length ? { templates: [ref], args } : { templates: [ref] };
}

export const rule: Rule = {
  id: 'rollouts/set-weight-without-analysis',
  description:
    'A canary shifts traffic with setWeight but nothing ever measures the new version: no background analysis and no analysis step (or experiment analysis). A bad version is promoted as soon as the pauses run out.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'Field guide, seeds 000 and 002 (argo-rollouts.md §1.6.1 lists where analyses attach); upstream accepts a canary without analysis',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    if (!view || !canary || present(canary.analysis)) return;
    const steps = canarySteps(view);
    const weighted = steps.filter(({ step }) => (int(step.setWeight) ?? 0) > 0);
    if (weighted.length === 0) return;
    const analysed = steps.some(({ step }) => present(step.analysis) || list(obj(step.experiment)?.analyses).length > 0);
    if (analysed) return;
    const templates = [...ctx.all(K.AnalysisTemplate).filter((t) => !t.namespace || !rollout.namespace || t.namespace === rollout.namespace), ...ctx.all(K.ClusterAnalysisTemplate)].filter((t) => t.name);
    const near = local(templates, rollout);
    const offered = [...near, ...templates.filter((t) => !near.includes(t))].slice(0, MAX_OFFERED);
    const fixes: Fix[] = [];
    offered.forEach((t, i) => {
      fixes.push({ title: `Add background analysis with ${t.label}`, edits: [{ op: 'setKey', path: CANARY, key: 'analysis', value: analysisBlock(t, rollout, true) }], preferred: i === 0 });
    });
    const last = steps[steps.length - 1];
    const max = maxTrafficWeight(view);
    const endsAtFull = last && int(last.step.setWeight) === max;
    if (offered[0] && !endsAtFull && Array.isArray(canary.steps)) {
      fixes.push({ title: `Add an analysis step with ${offered[0].label} before full promotion`, edits: [{ op: 'appendItem', path: [...CANARY, 'steps'], value: { analysis: analysisBlock(offered[0], rollout, false) } }] });
    }
    const first = weighted[0];
    ctx.report({
      path: [...first.path, 'setWeight'],
      onKey: true,
      message:
        `This canary sends up to ${Math.max(...weighted.map(({ step }) => int(step.setWeight) ?? 0))}% of traffic to the new version, but no analysis checks it: there is no background analysis (canary.analysis) and no analysis step. ` +
        'Promotion then depends only on pauses or a manual promote; add an AnalysisTemplate that measures errors or latency so a bad version is aborted automatically.',
      fixes,
    });
  },
};
