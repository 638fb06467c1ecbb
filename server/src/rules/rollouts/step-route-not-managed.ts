import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalideStepRouteNameNotFoundInManagedRoutes, MissingFieldMessage } from '../../semantics/rollouts/messages';
import { canarySteps, goStr, list, obj, present, rolloutView, TRAFFIC_ROUTING, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const ROUTE_KEYS = ['setHeaderRoute', 'setMirrorRoute'] as const;

function firstRouteKey(step: Record<string, unknown>): (typeof ROUTE_KEYS)[number] | undefined {
  for (const key of ROUTE_KEYS) if (present(step[key])) return key;
  return undefined;
}

const routeNamesOf = (step: Record<string, unknown>): string[] => ROUTE_KEYS.filter((k) => present(step[k])).map((k) => goStr(obj(step[k])?.name));

export const rule: Rule = {
  id: 'rollouts/step-route-not-managed',
  description: 'A setHeaderRoute or setMirrorRoute step names a route that trafficRouting.managedRoutes does not list (or managedRoutes is missing).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary and ValidateStepRouteFoundInManagedRoute, checks C21, C22 (argo-rollouts.md §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    const tr = obj(canary?.trafficRouting);
    if (!view || !tr) return;
    const steps = canarySteps(view);
    if (!present(tr.managedRoutes)) {
      for (const { step, path } of steps) {
        const key = firstRouteKey(step);
        if (!key) continue;
        const routeNames = [...new Set(steps.flatMap(({ step }) => routeNamesOf(step)))];
        ctx.report({
          path: [...path, key],
          onKey: true,
          message: explain(
            fieldError('spec.strategy.trafficRouting.managedRoutes', 'Required value', undefined, MissingFieldMessage('spec.strategy.canary.trafficRouting.managedRoutes')),
            'Routes the controller adds for steps must be declared in trafficRouting.managedRoutes, in priority order.',
          ),
          fixes: [
            {
              title: `Declare managedRoutes: ${routeNames.join(', ')}`,
              edits: [{ op: 'setKey', path: TRAFFIC_ROUTING, key: 'managedRoutes', value: routeNames.map((name) => ({ name })) }],
              preferred: true,
            },
          ],
        });
      }
      return;
    }
    const managed = new Set(list(tr.managedRoutes).map((r) => goStr(obj(r)?.name)));
    for (const { index, step, path } of steps) {
      for (const key of ROUTE_KEYS) {
        if (!present(step[key])) continue;
        const name = goStr(obj(step[key])?.name);
        if (managed.has(name)) continue;
        const canAppend = Array.isArray(tr.managedRoutes) && name !== '';
        ctx.report({
          path: 'name' in (obj(step[key]) ?? {}) ? [...path, key, 'name'] : [...path, key],
          onKey: !('name' in (obj(step[key]) ?? {})),
          message: explain(
            fieldError(`spec.strategy.steps[${index}].${key}`, 'Invalid value', name, InvalideStepRouteNameNotFoundInManagedRoutes),
            name === '' ? 'Give the route a name and list it under managedRoutes.' : `Add \`- name: ${name}\` to trafficRouting.managedRoutes.`,
          ),
          fixes: canAppend ? [{ title: `Add '${name}' to managedRoutes`, edits: [{ op: 'appendItem', path: [...TRAFFIC_ROUTING, 'managedRoutes'], value: { name } }], preferred: true }] : [],
        });
      }
    }
  },
};
