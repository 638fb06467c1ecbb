import { K } from '../../engine/kinds';
import { argNameOf, stringFields, type Tag } from '../../semantics/analysis/placeholders';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { ANALYSIS_KINDS, argsOf, metricsOf, specOf } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Fix, Rule } from '../rule';

const failed = (tag: Tag) => `failed to resolve {{${tag.raw}}}`;

export const rule: Rule = {
  id: 'analysis/undeclared-placeholder',
  description: 'A {{…}} placeholder in a metric that names no argument declared by its template: the AnalysisRun cannot resolve it (and a Rollout step using the template is rejected).',
  severity: 'error',
  appliesTo: [...ANALYSIS_KINDS, K.Rollout],
  upstream: 'utils/template/template.go resolve: "failed to resolve {{<tag>}}" (run message "Unable to resolve metric arguments: …"); validation_references.go ValidateAnalysisTemplateWithType resolves each template with its own args only (argo-rollouts.md §1.6.5, §1.6.6)',
  check(object, ctx) {
    if (object.typeId === K.Rollout) return checkRollout(object, ctx);
    const spec = specOf(object);
    if (!spec) return;
    const declared = new Set(argsOf(spec).map((a) => a.name));
    const hasArgs = Array.isArray(spec.args);
    const run = object.typeId === K.AnalysisRun;
    for (const m of metricsOf(spec)) {
      for (const field of stringFields(m.metric, m.path)) {
        if (field.unclosed !== undefined) {
          ctx.report({
            path: field.path,
            span: [field.unclosed, field.unclosed + 2],
            message: `'{{' is never closed: the analysis controller cannot parse the metric as a template (cannot find end tag "}}"), so the AnalysisRun fails with "Unable to resolve metric arguments". Write the text without '{{' or close the placeholder.`,
          });
        }
        for (const tag of field.tags) {
          const name = argNameOf(tag);
          if (name !== undefined && declared.has(name)) continue;
          const fixes: Fix[] = [];
          if (name) {
            fixes.push({
              title: `Declare arg '${name}' in spec.args`,
              edits: hasArgs ? [{ op: 'appendItem', path: ['spec', 'args'], value: { name } }] : [{ op: 'setKey', path: ['spec'], key: 'args', value: [{ name }] }],
              preferred: true,
            });
          }
          const why = name === undefined ? `only {{args.<name>}} placeholders exist (Go-template or Helm markup inside a metric is read as one)` : `'${name}' is not declared in spec.args${declared.size ? ` (declared: ${[...declared].join(', ')})` : ''}`;
          ctx.report({
            path: field.path,
            span: [tag.start, tag.end],
            message: `Unable to resolve metric arguments: ${failed(tag)}: ${why}. ${run ? 'The AnalysisRun' : 'Every AnalysisRun from this template'} ends in Error${run ? '' : ', and a Rollout step or pre/post-promotion analysis using it is rejected as InvalidSpec'}.`,
            fixes,
          });
        }
      }
    }
  },
};

/**
 * For step and pre/post-promotion analyses the Rollout controller resolves each template's metrics
 * with that template's args only: an arg declared by a sibling template does not count.
 */
function checkRollout(rollout: Parameters<Rule['check']>[0], ctx: Parameters<Rule['check']>[1]): void {
  for (const group of analysisGroups(rollout.value)) {
    if (group.type === 'BackgroundAnalysis') continue;
    const resolved = resolveGroup(group, rollout.namespace, ctx);
    if (!resolved) continue;
    const elsewhere = new Set(resolved.templates.flatMap((t) => argsOf(specOf(t)).map((a) => a.name)));
    for (const template of resolved.templates) {
      const spec = specOf(template);
      const own = new Set(argsOf(spec).map((a) => a.name));
      const bad: Array<{ tag: Tag; path: (string | number)[]; name?: string }> = [];
      for (const m of metricsOf(spec)) {
        for (const field of stringFields(m.metric, m.path)) {
          for (const tag of field.tags) {
            const name = argNameOf(tag);
            if (name === undefined || !own.has(name)) bad.push({ tag, path: field.path, name });
          }
        }
      }
      if (bad.length === 0) continue;
      const first = bad[0];
      const name = template.name ?? '';
      const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', name, `AnalysisTemplate ${name}: ${failed(first.tag)}`);
      const sibling = first.name !== undefined && elsewhere.has(first.name);
      ctx.report({
        path: [...group.path, 'templates'],
        onKey: true,
        message: `${upstream}. ${sibling ? `'${first.name}' is declared by another template of this analysis, but each template's placeholders must be declared in that template: declare it in ${template.label} too` : `Declare '${first.name ?? first.tag.raw}' in the template's spec.args`}; until then the Rollout is InvalidSpec and does not progress.`,
        related: bad.map((b) => ({ object: template, path: b.path, span: [b.tag.start, b.tag.end] as const, message: `${failed(b.tag)} in ${template.label}` })),
      });
    }
  }
}
