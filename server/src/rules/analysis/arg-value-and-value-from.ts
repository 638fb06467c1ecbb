import { K } from '../../engine/kinds';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { argsOf, specOf, TEMPLATE_KINDS } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Rule } from '../rule';

const present = (v: unknown) => v !== undefined && v !== null;
const both = (detail: string) => `arg '${detail}' has both Value and ValueFrom fields`;

export const rule: Rule = {
  id: 'analysis/arg-value-and-value-from',
  description: 'A template argument with both value and valueFrom: a Rollout using the template in a step or pre/post-promotion analysis is rejected.',
  severity: 'error',
  appliesTo: [K.Rollout, ...TEMPLATE_KINDS],
  upstream: 'pkg/apis/rollouts/validation/validation_references.go validateAnalysisMetrics: "AnalysisTemplate <name>: arg \'<arg>\' has both Value and ValueFrom fields" (argo-rollouts.md §1.6.6)',
  check(object, ctx) {
    if (object.typeId !== K.Rollout) {
      for (const a of argsOf(specOf(object))) {
        if (!present(a.value) || !present(a.valueFrom)) continue;
        ctx.report({
          path: [...a.path, 'valueFrom'],
          onKey: true,
          severity: 'warning',
          message: `${both(a.name)}: a Rollout that uses this template in a step or pre/post-promotion analysis is marked InvalidSpec (background analysis lets it through, and the secret then wins). Keep one of value and valueFrom.`,
        });
      }
      return;
    }
    for (const group of analysisGroups(object.value)) {
      if (group.type === 'BackgroundAnalysis') continue;
      const resolved = resolveGroup(group, object.namespace, ctx);
      if (!resolved) continue;
      for (const template of resolved.templates) {
        const bad = argsOf(specOf(template)).find((a) => present(a.value) && present(a.valueFrom));
        if (!bad) continue;
        const name = template.name ?? '';
        ctx.report({
          path: [...group.path, 'templates'],
          onKey: true,
          message: `${fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', name, `AnalysisTemplate ${name}: ${both(bad.name)}`)}: the Rollout is marked InvalidSpec until the template keeps only one of them.`,
          related: [{ object: template, path: [...bad.path, 'valueFrom'], onKey: true, message: `'${bad.name}' has value and valueFrom` }],
        });
      }
    }
  },
};
