import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { goRegexpMatcher, groupMetrics, groupRules, resolveGroup } from '../../semantics/analysis/resolve';
import { ANALYSIS_KINDS, metricsOf, rulesOf, specOf, type SpecRule } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import type { Rule, RuleContext } from '../rule';

/** Why a rule matches nothing, and what to write instead. */
function explain(rule: SpecRule, names: readonly string[], scope: string): string | undefined {
  if (typeof rule.metricName !== 'string') return undefined;
  const pattern = rule.metricName;
  const match = goRegexpMatcher(pattern);
  if (!match) {
    return `'${pattern}' is not a valid regular expression, so it matches nothing${pattern.includes('*') && !pattern.includes('.*') ? ' (to match every metric write .*: a bare * is not a wildcard)' : ''}`;
  }
  if (names.some(match)) return undefined;
  return `'${pattern}' matches none of the metrics ${scope} (${names.map((n) => `'${n}'`).join(', ') || 'none'})`;
}

const RULE_LISTS = ['dryRun', 'measurementRetention'] as const;

const runError = (rule: SpecRule, index: number) => `Analysis spec invalid: ${rule.list}[${index}]: Rule didn't match any metric name(s)`;

export const rule: Rule = {
  id: 'analysis/unmatched-metric-rule',
  description: 'A dryRun or measurementRetention metricName (a regular expression) that matches no metric of the analysis: the AnalysisRun ends in Error.',
  severity: 'error',
  appliesTo: [...ANALYSIS_KINDS, K.Rollout],
  upstream: 'utils/analysis/helpers.go GetDryRunMetrics / GetMeasurementRetentionMetrics: "dryRun[<i>]: Rule didn\'t match any metric name(s)", run message "Analysis spec invalid: …" (argo-rollouts.md §1.7, §1.8)',
  check(object, ctx) {
    if (object.typeId === K.Rollout) return checkRollout(object, ctx);
    const spec = specOf(object);
    if (!spec || !(Array.isArray(spec.dryRun) || Array.isArray(spec.measurementRetention))) return;
    const names = metricsOf(spec).flatMap((m) => (m.name ? [m.name] : []));
    const run = object.typeId === K.AnalysisRun;
    // A template's rules are matched against the metrics of every template of the analysis; alone it can only be a hint.
    if (!run && (names.length === 0 || Array.isArray(spec.templates))) return;
    for (const list of RULE_LISTS) {
      for (const r of rulesOf(spec, list)) {
        const why = explain(r, names, run ? 'of this run' : 'of this template');
        if (!why) continue;
        ctx.report({
          path: [...r.path, 'metricName'],
          severity: run ? 'error' : 'warning',
          message: run
            ? `${runError(r, r.index)}: ${why}. The AnalysisRun ends in Error.`
            : `${why}: unless another template analysed together with it has a matching metric, the AnalysisRun fails with "${runError(r, r.index)}".`,
        });
      }
    }
  },
};

function checkRollout(rollout: ManifestObject, ctx: RuleContext): void {
  for (const group of analysisGroups(rollout.value)) {
    const resolved = resolveGroup(group, rollout.namespace, ctx);
    if (!resolved) continue;
    let names: string[] | undefined;
    for (const list of RULE_LISTS) {
      if (!Array.isArray(group.block[list]) && groupRules(resolved.templates, list).length === 0) continue;
      const metricNames = (names ??= groupMetrics(resolved.templates).flatMap((o) => (o.item.name ? [o.item.name] : [])));
      // The Rollout's rules come first in the run's list, then the templates' (§1.8).
      const own = rulesOf(group.block, list, group.path);
      const merged = [...own.map((r) => ({ r, template: undefined as ManifestObject | undefined })), ...groupRules(resolved.templates, list).map((o) => ({ r: o.item, template: o.template }))];
      merged.forEach(({ r, template }, index) => {
        const why = explain(r, metricNames, 'of the analysis');
        if (!why) return;
        const message = `${runError(r, index)}: ${why}. The AnalysisRun ends in Error and the Rollout aborts.`;
        if (template) {
          // The template itself is flagged when it alone cannot match; here only when the group decides.
          ctx.report({ path: [...group.path, 'templates'], onKey: true, message: `${message} (rule in ${template.label})`, related: [{ object: template, path: [...r.path, 'metricName'], message: `${list} rule '${String(r.metricName)}'` }] });
        } else {
          ctx.report({ path: [...r.path, 'metricName'], message });
        }
      });
    }
  }
}
