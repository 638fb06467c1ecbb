import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { downwardApiPathError, isInvalidAnalysisFieldRef } from '../../semantics/rollouts/fieldpath';
import { analysisRunArgumentJson } from '../../semantics/rollouts/go-values';
import { InvalidAnalysisArgsMessage } from '../../semantics/rollouts/messages';
import { canarySteps, list, obj, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Fix, Rule } from '../rule';

interface StepArg {
  arg: unknown;
  path: PathSeg[];
}

/** A likely intended path for a misspelt one (`metadata.label['app']` → `metadata.labels['app']`). */
function suggestion(fieldPath: string): string | undefined {
  const m = /^metadata\.(label|annotation|labels|annotations)\s*\[\s*["']?([^'"\]]*)["']?\s*\]$/.exec(fieldPath);
  if (m) return `metadata.${m[1].endsWith('s') ? m[1] : `${m[1]}s`}['${m[2]}']`;
  const bare: Record<string, string> = { 'metadata.label': 'metadata.labels', 'metadata.annotation': 'metadata.annotations' };
  return bare[fieldPath];
}

const fieldPathOf = (arg: unknown): unknown => obj(obj(obj(arg)?.valueFrom)?.fieldRef)?.fieldPath;

function hasInvalidFieldRef(step: Record<string, unknown>): boolean {
  for (const a of list(obj(step.experiment)?.analyses)) for (const arg of list(obj(a)?.args)) if (isInvalidAnalysisFieldRef(fieldPathOf(arg))) return true;
  for (const arg of list(obj(step.analysis)?.args)) if (isInvalidAnalysisFieldRef(fieldPathOf(arg))) return true;
  return false;
}

/** The args of a step's analysis run: the experiment analyses' first, then the step analysis's (analysisRunArgs). */
function stepArgs(step: Record<string, unknown>, path: PathSeg[]): StepArg[] {
  const args: StepArg[] = [];
  list(obj(step.experiment)?.analyses).forEach((a, k) => list(obj(a)?.args).forEach((arg, j) => args.push({ arg, path: [...path, 'experiment', 'analyses', k, 'args', j] })));
  list(obj(step.analysis)?.args).forEach((arg, j) => args.push({ arg, path: [...path, 'analysis', 'args', j] }));
  return args;
}

export const rule: Rule = {
  id: 'rollouts/analysis-args-field-ref-invalid',
  description:
    "An analysis arg's valueFrom.fieldRef.fieldPath starts with `metadata` but is not a downward-API path of the Rollout (metadata.name, .namespace, .uid, .labels, .annotations, .labels['key'], .annotations['key']). Steps are rejected by validation; background and blueGreen analyses are not validated upstream but fail when the AnalysisRun is created.",
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary C24 and utils/analysis/factory.go BuildArgumentsForRolloutAnalysisRun → k8s fieldpath.ExtractFieldPathAsString (argo-rollouts.md §1.3.1, §1.6.3)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const report = (path: PathSeg[], upstream: string, fieldPath: string, meaning: string) => {
      const better = suggestion(fieldPath);
      const fixes: Fix[] = better && !isInvalidAnalysisFieldRef(better) ? [{ title: `Use ${better}`, edits: [{ op: 'replaceValue', path, value: better }], preferred: true }] : [];
      ctx.report({ path, message: explain(upstream, `${meaning}${better ? ` Did you mean ${better}?` : ''}`), fixes });
    };
    if (validatedCanary(view)) {
      for (const { index, step, path } of canarySteps(view)) {
        if (!hasInvalidFieldRef(step)) continue;
        const args = stepArgs(step, path);
        for (const { arg, path: argPath } of args) {
          const fp = fieldPathOf(arg);
          if (!isInvalidAnalysisFieldRef(fp)) continue;
          const value = args.map((a) => analysisRunArgumentJson(a.arg));
          report([...argPath, 'valueFrom', 'fieldRef', 'fieldPath'], fieldError(`spec.strategy.steps[${index}].analyses`, 'Invalid value', value, InvalidAnalysisArgsMessage), fp as string, `${downwardApiPathError(fp as string)}.`);
        }
      }
    }
    // Background and blueGreen analyses: not validated, but BuildArgumentsForRolloutAnalysisRun fails.
    for (const group of analysisGroups(rollout.value)) {
      if (group.type === 'InlineAnalysis') continue;
      for (const a of group.args) {
        const fp = fieldPathOf({ valueFrom: a.valueFrom });
        if (!isInvalidAnalysisFieldRef(fp)) continue;
        report(
          [...a.path, 'valueFrom', 'fieldRef', 'fieldPath'],
          `The ${group.type === 'BackgroundAnalysis' ? 'background' : group.type === 'PrePromotionAnalysis' ? 'pre-promotion' : 'post-promotion'} AnalysisRun cannot be created: ${downwardApiPathError(fp as string)}`,
          fp as string,
          'Validation does not check these args, so the Rollout is accepted and the analysis fails only when it starts.',
        );
      }
    }
  },
};
