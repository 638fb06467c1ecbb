import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { analyse, editDistance, nameList, stepPath, type AppSetAnalysis } from '../../semantics/argocd/analysis';
import { listParameterValues, patchMentions } from '../../semantics/argocd/generated-apps';
import type { RolloutStep } from '../../semantics/argocd/progressive-sync';
import { emptyCause, type EmptyCause } from '../../semantics/argocd/step-selection';
import { emptyStepsMessage } from '../../semantics/argocd/validation-issues';
import type { Fix, Rule } from '../rule';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function exprIndex(step: RolloutStep, key: string): number {
  const i = (step.matchExpressions ?? []).findIndex((e) => (e?.key ?? '') === key);
  return i === -1 ? 0 : i;
}

function inValues(step: RolloutStep, key: string): string[] {
  return (step.matchExpressions ?? []).filter((e) => (e?.key ?? '') === key && e?.operator === 'In').flatMap((e) => (e.values ?? []).map(String));
}

function causeText(c: EmptyCause, step: RolloutStep): string {
  switch (c.kind) {
    case 'missing-key':
      return `no generated Application has label '${c.key}': spec.template.metadata.labels (and the generators' templates) never set it, and an 'In' expression requires it`;
    case 'literal-excluded':
      return `every generated Application gets ${c.key}=${c.literal} from the template, which this step excludes`;
    case 'present-excluded':
      return `the template sets label '${c.key}' and this step only accepts Applications without it`;
    case 'contradiction': {
      const values = inValues(step, c.key);
      const hasEmptyIn = (step.matchExpressions ?? []).some((e) => (e?.key ?? '') === c.key && e?.operator === 'In' && (e.values ?? []).length === 0);
      return hasEmptyIn ? `'In' on '${c.key}' lists no values, so it matches nothing` : `the expressions on '${c.key}' exclude each other${values.length ? ` (In ${values.join(', ')})` : ''}`;
    }
  }
}

/** Fixes for a step key the template never sets: use a close template label, or set the label from a list parameter. */
function missingKeyFixes(appset: Obj, an: AppSetAnalysis, step: RolloutStep, i: number, key: string): Fix[] {
  const fixes: Fix[] = [];
  const j = exprIndex(step, key);
  const templateKeys = new Set(an.sources.flatMap((s) => [...s.labels.keys()]));
  const close = [...templateKeys].filter((t) => t !== key && (t.toLowerCase() === key.toLowerCase() || (key.length > 3 && editDistance(t.toLowerCase(), key.toLowerCase()) <= 2)));
  for (const t of close) fixes.push({ title: `Select on label '${t}' (set by the template)`, edits: [{ op: 'replaceValue', path: stepPath(i, 'matchExpressions', j, 'key'), value: t }], preferred: close.length === 1 });
  const metadata = obj(obj(obj(appset.spec)?.template)?.metadata);
  if (!metadata) return fixes;
  const wanted = inValues(step, key);
  const params = listParameterValues(appset);
  const candidates = [...params.entries()].filter(([p, vals]) => p === key || (wanted.length > 0 && wanted.every((v) => vals.has(v))));
  candidates.sort(([a], [b]) => (a === key ? -1 : b === key ? 1 : 0));
  const param = candidates[0]?.[0];
  if (param !== undefined) {
    const value = an.goTemplate ? (/^[A-Za-z_][A-Za-z0-9_]*$/.test(param) ? `{{.${param}}}` : `{{index . ${JSON.stringify(param)}}}`) : `{{${param}}}`;
    const labelsPath: PathSeg[] = ['spec', 'template', 'metadata', 'labels'];
    const edit = obj(metadata.labels) ? ({ op: 'setKey', path: labelsPath, key, value } as const) : ({ op: 'setKey', path: ['spec', 'template', 'metadata'], key: 'labels', value: { [key]: value } } as const);
    fixes.push({ title: `Add label ${key}: '${value}' to spec.template.metadata.labels`, edits: [edit], preferred: close.length === 0 });
  }
  return fixes;
}

export const rule: Rule = {
  id: 'argocd/rollingsync-step-selects-nothing',
  description:
    "A RollingSync step that can select no generated Application — typically an 'In' on a label key the Application template never sets (seed 001): the controller reports `Steps [n] have no applications matching their criteria`, the step gates nothing and the Applications meant for it end up in no step, never synced. (RollingSync runs only with --enable-progressive-syncs.)",
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go buildAppDependencyList (missing key with In → not selected; EmptySteps), validation_issues.go formatEmptyStepsMessage (fleet-argocd.md §5.3, §5.4, §5.11 S6; seed 001)',
  check(appset, ctx) {
    const value = appset.value as Obj;
    const an = analyse(value);
    if (!an.enabled || an.sources.length === 0) return;

    if (an.deps && an.staticApps) {
      const apps = an.staticApps;
      if (apps.length === 0) return;
      const invalidSteps = new Set(an.deps.issues.invalidMatchExpressions.map((x) => x.stepIndex));
      const empty = an.deps.issues.emptySteps.filter((i) => !invalidSteps.has(i));
      const condition = emptyStepsMessage(an.deps.issues.emptySteps);
      for (const i of empty) {
        const step = an.steps[i];
        const cause = an.closedSources.map((s) => emptyCause(step, s)).find((c) => c !== undefined);
        const keys = [...new Set((step.matchExpressions ?? []).map((e) => e?.key ?? ''))];
        const seen = keys.map((k) => {
          const vals = [...new Set(apps.map((a) => (Object.prototype.hasOwnProperty.call(a.labels, k) ? a.labels[k] : '(absent)')))];
          return `${k}: ${vals.join(', ')}`;
        });
        const why = cause ? causeText(cause, step) : `the ${apps.length} generated Application(s) (${nameList(apps.map((a) => a.name))}) carry ${seen.join('; ')}`;
        const key = cause?.key ?? keys[0];
        ctx.report({
          path: key !== undefined ? stepPath(i, 'matchExpressions', exprIndex(step, key), 'key') : stepPath(i),
          message: `Step ${i + 1} selects no Application: ${why}. The controller reports InvalidRolloutConfig "${condition}"; the step gates nothing, and Applications meant for it that no other step selects get step -1 and are never synced by the controller.`,
          fixes: cause?.kind === 'missing-key' ? missingKeyFixes(value, an, step, i, cause.key) : undefined,
        });
      }
      return;
    }

    const found: Array<{ i: number; cause: EmptyCause; info: boolean }> = [];
    an.steps.forEach((step, i) => {
      const causes = an.closedSources.map((s) => emptyCause(step, s));
      if (causes.some((c) => c === undefined)) return;
      const cause = causes[0]!;
      // An unsupported operator on a key the template sets is argocd/rollingsync-invalid-operator's finding.
      if (cause.kind === 'present-excluded' && (step.matchExpressions ?? []).some((e) => (e?.key ?? '') === cause.key && e?.operator !== 'In' && e?.operator !== 'NotIn')) return;
      const openSelects = an.sources.some((s) => s.open && emptyCause(step, s) === undefined);
      if (openSelects && patchMentions(value, cause.key)) return;
      found.push({ i, cause, info: openSelects });
    });
    const condition = emptyStepsMessage(found.filter((f) => !f.info).map((f) => f.i));
    for (const { i, cause, info } of found) {
      const step = an.steps[i];
      const tail = info
        ? ` Unless spec.templatePatch adds label '${cause.key}', the controller reports InvalidRolloutConfig "${emptyStepsMessage([i])}" and Applications meant for this step get step -1 and are never synced by the controller.`
        : ` The controller reports InvalidRolloutConfig "${condition}"; the step gates nothing, and Applications meant for it that no other step selects get step -1 and are never synced by the controller.`;
      ctx.report({
        path: stepPath(i, 'matchExpressions', exprIndex(step, cause.key), 'key'),
        severity: info ? 'info' : undefined,
        message: `Step ${i + 1} selects no Application: ${causeText(cause, step)}.${tail}`,
        fixes: cause.kind === 'missing-key' ? missingKeyFixes(value, an, step, i, cause.key) : undefined,
      });
    }
  },
};
