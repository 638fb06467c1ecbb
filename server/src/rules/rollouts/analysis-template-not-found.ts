import { K } from '../../engine/kinds';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { analysisTemplateNotFound, clusterAnalysisTemplateNotFound } from '../../semantics/rollouts/messages';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/analysis-template-not-found',
  description: 'An analysis references an AnalysisTemplate or ClusterAnalysisTemplate that exists nowhere in the workspace.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/controller.go getRolloutReferencedResources, R2/R3 (argo-rollouts.md §1.5): InvalidSpec when it is missing on the cluster too',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      for (const ref of group.templates) {
        if (!ref.templateName) continue;
        const type = ref.clusterScope ? K.ClusterAnalysisTemplate : K.AnalysisTemplate;
        const namespace = ref.clusterScope ? undefined : rollout.namespace;
        if (ctx.find(type, ref.templateName, namespace).length > 0) continue;
        const upstream = ref.clusterScope ? clusterAnalysisTemplateNotFound(ref.templateName) : analysisTemplateNotFound(ref.templateName);
        const other = ctx.find(ref.clusterScope ? K.AnalysisTemplate : K.ClusterAnalysisTemplate, ref.templateName).length > 0;
        const hint = other
          ? ref.clusterScope
            ? ' An AnalysisTemplate of that name exists: remove `clusterScope: true`.'
            : ' A ClusterAnalysisTemplate of that name exists: add `clusterScope: true`.'
          : ' It is not in this workspace; the Rollout is invalid unless it exists on the cluster.';
        ctx.report({ path: [...ref.path, 'templateName'], message: `${upstream}.${hint}` });
      }
    }
  },
};
