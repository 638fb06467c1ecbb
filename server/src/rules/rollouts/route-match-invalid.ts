import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { stringMatchJson } from '../../semantics/rollouts/go-values';
import { InvalidSetHeaderRouteALBValuePolicy, InvalidStringMatchMissedValuePolicy, InvalidStringMatchMultipleValuePolicy } from '../../semantics/rollouts/messages';
import { canarySteps, hasPlugins, list, obj, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule, RuleContext } from '../rule';

const setStr = (m: Record<string, unknown>, k: string) => typeof m[k] === 'string' && m[k] !== '';

/** hasMultipleMatchValues: nil or none set → missed; more than one of exact/regex/prefix → multiple. */
function matchProblem(v: unknown): string | undefined {
  const m = obj(v);
  if (!m) return InvalidStringMatchMissedValuePolicy;
  const n = ['exact', 'regex', 'prefix'].filter((k) => setStr(m, k)).length;
  if (n > 1) return InvalidStringMatchMultipleValuePolicy;
  if (n === 0) return InvalidStringMatchMissedValuePolicy;
  return undefined;
}

/** hasALBInvalidValues: nil → missed; exact empty or regex/prefix set → ALB policy. */
function albProblem(v: unknown): string | undefined {
  const m = obj(v);
  if (!m) return InvalidStringMatchMissedValuePolicy;
  if (!setStr(m, 'exact') || setStr(m, 'regex') || setStr(m, 'prefix')) return InvalidSetHeaderRouteALBValuePolicy;
  return undefined;
}

const MEANING: Record<string, string> = {
  [InvalidStringMatchMultipleValuePolicy]: 'Keep one of exact, regex and prefix.',
  [InvalidStringMatchMissedValuePolicy]: 'Give one of exact, regex or prefix.',
  [InvalidSetHeaderRouteALBValuePolicy]: 'The ALB controller matches header values exactly; use `exact` only.',
};

function report(ctx: RuleContext, fieldPath: string, path: PathSeg[], value: unknown, problem: string): void {
  ctx.report({ path, onKey: true, message: explain(fieldError(fieldPath, 'Invalid value', stringMatchJson(value), problem), MEANING[problem]) });
}

export const rule: Rule = {
  id: 'rollouts/route-match-invalid',
  description:
    'A setHeaderRoute headerValue or setMirrorRoute method/path match does not set exactly one of exact, regex and prefix (ALB: exact only). Upstream reports a bad mirror `method` twice (argo-rollouts.md §1.12 quirk 4); it is reported once here. Mirror `headers` are not checked upstream either.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go hasMultipleMatchValues / hasALBInvalidValues, checks C19a, C20a (argo-rollouts.md §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    if (!view || !canary) return;
    const tr = obj(canary.trafficRouting);
    const headerRouter = tr && (present(tr.istio) || present(tr.alb) || present(tr.apisix) || hasPlugins(tr));
    for (const { index, step, path } of canarySteps(view)) {
      const header = obj(step.setHeaderRoute);
      // Match values are only checked once the traffic router supports header routes (C19 first).
      if (header && headerRouter) {
        list(header.match).forEach((m, j) => {
          const match = obj(m);
          // A missing headerValue is a schema error (required); only a present one is checked here.
          if (!match || !('headerValue' in match)) return;
          const problem = present(tr.alb) ? albProblem(match.headerValue) : matchProblem(match.headerValue);
          if (problem) report(ctx, `spec.strategy.steps[${index}].setHeaderRoute.match[${j}]`, [...path, 'setHeaderRoute', 'match', j, 'headerValue'], match.headerValue, problem);
        });
      }
      const mirror = obj(step.setMirrorRoute);
      if (!mirror) continue;
      list(mirror.match).forEach((m, j) => {
        const match = obj(m);
        if (!match) return;
        for (const key of ['method', 'path'] as const) {
          if (!present(match[key])) continue;
          const problem = matchProblem(match[key]);
          if (problem) report(ctx, `spec.strategy.steps[${index}].setMirrorRoute.match[${j}]`, [...path, 'setMirrorRoute', 'match', j, key], match[key], problem);
        }
      });
    }
  },
};
