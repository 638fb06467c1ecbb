import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { walkRollout } from '../../semantics/analysis/field-ref';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { argsOf, isObj, specOf, TEMPLATE_KINDS } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/unsupported-value-from',
  description: 'An analysis arg whose valueFrom the controller cannot resolve: a fieldRef path the Rollout does not have (metadata paths are rollouts/analysis-args-field-ref-invalid), a podTemplateHashValue other than Latest/Stable, or a fieldRef on a template arg, which the analysis controller never reads.',
  severity: 'error',
  appliesTo: [K.Rollout, ...TEMPLATE_KINDS],
  upstream: 'utils/analysis/factory.go BuildArgumentsForRolloutAnalysisRun / extractValueFromRollout ("invalid path <path> in rollout", …); analysis/analysis.go resolveArgs resolves secretKeyRef only, then template.go ResolveArgs: "argument \\"<name>\\" was not supplied" (argo-rollouts.md §1.6.3, §1.6.4)',
  check(object, ctx) {
    if (object.typeId !== K.Rollout) {
      for (const a of argsOf(specOf(object))) {
        if (!isObj(a.valueFrom) || !isObj(a.valueFrom.fieldRef)) continue;
        ctx.report({
          path: [...a.path, 'valueFrom', 'fieldRef'],
          onKey: true,
          severity: 'warning',
          message: `The analysis controller resolves only valueFrom.secretKeyRef for template args: this fieldRef is never read, so unless every Rollout using the template passes '${a.name}', the AnalysisRun fails with "argument \\"${a.name}\\" was not supplied". Pass it from the Rollout (where valueFrom.fieldRef is supported) instead.`,
        });
      }
      return;
    }
    const rollout = object.value;
    for (const group of analysisGroups(rollout)) {
      group.args.forEach((arg) => {
        const vf = arg.valueFrom;
        if (!isObj(vf)) return;
        const hash = vf.podTemplateHashValue;
        if (hash !== undefined && hash !== null && hash !== 'Latest' && hash !== 'Stable' && !isObj(vf.fieldRef)) {
          ctx.report({
            path: [...arg.path, 'valueFrom', 'podTemplateHashValue'],
            severity: 'warning',
            message: `podTemplateHashValue ${JSON.stringify(hash)} is neither Latest nor Stable (case matters): the controller leaves '${arg.name ?? ''}' empty instead of a pod-template hash, so the analysis queries with an empty value.`,
          });
        }
        const fieldRef = isObj(vf.fieldRef) ? vf.fieldRef : undefined;
        const fp = fieldRef?.fieldPath;
        if (typeof fp !== 'string') return;
        const at: PathSeg[] = [...arg.path, 'valueFrom', 'fieldRef', 'fieldPath'];
        // metadata… paths (downward API) are rollouts/analysis-args-field-ref-invalid's.
        if (fp.startsWith('metadata')) return;
        const walked = walkRollout(rollout, fp);
        if (walked.ok === false) {
          ctx.report({
            path: at,
            severity: 'warning',
            message: `${walked.error}: the controller reads '${fp}' from the Rollout when it creates the AnalysisRun, and this manifest has no such value, so the run cannot be created (unless something else sets the field on the live object).`,
          });
        }
      });
      if (!isObj(rollout)) continue;
      // Template args with only a fieldRef must come from the Rollout.
      const resolved = resolveGroup(group, object.namespace, ctx);
      if (!resolved) continue;
      const passed = new Set(group.args.map((a) => a.name));
      for (const template of resolved.templates) {
        for (const a of argsOf(specOf(template))) {
          if (a.value !== undefined || !isObj(a.valueFrom) || !isObj(a.valueFrom.fieldRef) || isObj(a.valueFrom.secretKeyRef) || passed.has(a.name)) continue;
          ctx.report({
            path: group.hasArgsKey ? [...group.path, 'args'] : [...group.path, 'templates'],
            onKey: true,
            message: `Unable to resolve metric arguments: argument "${a.name}" was not supplied: ${template.label} declares '${a.name}' with valueFrom.fieldRef, which the analysis controller never resolves for template args, and this analysis does not pass it. The AnalysisRun ends in Error; pass '${a.name}' here (valueFrom.fieldRef works on Rollout args).`,
            related: [{ object: template, path: [...a.path, 'valueFrom', 'fieldRef'], onKey: true, message: `'${a.name}' uses fieldRef` }],
          });
        }
      }
    }
  },
};
