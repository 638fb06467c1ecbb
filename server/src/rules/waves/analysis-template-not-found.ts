import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { analysisGroupOf, namespacesOf, wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/analysis-template-not-found',
  description: "An analysis gate's AnalysisTemplate (in the namespaces of its wave's Rollouts) or ClusterAnalysisTemplate exists nowhere in the workspace.",
  severity: 'warning',
  appliesTo: [K.WavePlan],
  upstream:
    'docs/wave-plans.md "Gates": the executor reads the template in each context to create the AnalysisRun, and the plan fails when it is missing there (as `kubectl argo rollouts create analysisrun --from` does)',
  check(plan, ctx) {
    for (const wave of wavesOf(plan.value)) {
      for (const gate of wave.gates) {
        const group = analysisGroupOf(gate);
        const ref = group?.templates[0];
        if (!ref?.templateName) continue;
        const name = ref.templateName;
        const path = [...ref.path, 'templateName'];
        if (ref.clusterScope) {
          if (ctx.find(K.ClusterAnalysisTemplate, name).length > 0) continue;
          const namespaced = ctx.find(K.AnalysisTemplate, name).length > 0;
          ctx.report({
            path,
            message: `No ClusterAnalysisTemplate "${name}" in this workspace.${namespaced ? ' An AnalysisTemplate of that name exists: remove `clusterScope: true`.' : ' If it exists only on the clusters, ignore this; otherwise the gate fails the plan.'}`,
            fixes: namespaced ? [{ title: 'Use the AnalysisTemplate (remove clusterScope)', edits: [{ op: 'remove', path: [...gate.path, 'analysis', 'clusterScope'] }], preferred: true }] : [],
          });
          continue;
        }
        const missing = namespacesOf(wave).filter((ns) => ctx.find(K.AnalysisTemplate, name, ns).length === 0);
        if (missing.length === 0) continue;
        const cluster = ctx.find(K.ClusterAnalysisTemplate, name).length > 0;
        const hint = cluster
          ? ' A ClusterAnalysisTemplate of that name exists: add `clusterScope: true`.'
          : ' If it exists only on the clusters, ignore this; otherwise the gate fails the plan.';
        ctx.report({
          path,
          message: `No AnalysisTemplate "${name}" in namespace ${missing.join(', ')} in this workspace: the analysis of wave ${wave.name} runs beside the Rollout there.${hint}`,
          fixes: cluster ? [{ title: 'Use the ClusterAnalysisTemplate (clusterScope: true)', edits: [{ op: 'setKey', path: [...gate.path, 'analysis'], key: 'clusterScope', value: true }], preferred: true }] : [],
        });
      }
    }
  },
};
