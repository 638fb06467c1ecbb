import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { canarySteps, list, obj, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const dirOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);

/** The fleet.yaml of the bundle directory holding `uri`: the deepest ancestor directory with one. */
export function bundleFleetYaml(uri: string, fleetYamls: readonly ManifestObject[]): ManifestObject | undefined {
  let best: ManifestObject | undefined;
  for (const f of fleetYamls) {
    const dir = dirOf(f.uri);
    if (uri.startsWith(dir) && (!best || dir.length > dirOf(best.uri).length)) best = f;
  }
  return best;
}

/** fleet.yaml `ignore.conditions` drops a condition when every given pair matches it. */
function ignoresCompletedFalse(fleetYaml: ManifestObject): boolean {
  return list(obj(fleetYaml.value?.ignore)?.conditions).some((c) => {
    const cond = obj(c);
    if (!cond || Object.keys(cond).length === 0) return false;
    return Object.entries(cond).every(([k, v]) => (k === 'type' ? v === 'Completed' : k === 'status' ? v === 'False' : false));
  });
}

export const rule: Rule = {
  id: 'rollouts/fleet-final-indefinite-pause',
  description:
    'A canary Rollout deployed by Fleet (a fleet.yaml in its directory or an ancestor) ends with an indefinite `pause: {}`. Fleet counts a Rollout Ready only once it is Completed, so every cluster waits for a manual promote and the bundle, the partition and every later partition wait with it.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream:
    'fleet-argocd.md §3.4 (Fleet readiness of a Rollout: Completed=False is transitioning, so the BundleDeployment is not ready) and argo-rollouts utils/conditions RolloutCompleted; field guide, seeds 000 and 002',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !validatedCanary(view)) return;
    const steps = canarySteps(view);
    const last = steps[steps.length - 1];
    if (!last || steps.length !== view.steps.length) return;
    const pause = obj(last.step.pause);
    if (!pause || present(pause.duration)) return;
    const fleetYaml = bundleFleetYaml(rollout.uri, ctx.all(K.FleetYaml));
    if (!fleetYaml || ignoresCompletedFalse(fleetYaml)) return;
    ctx.report({
      path: [...last.path, 'pause'],
      onKey: true,
      message:
        'Fleet deploys this Rollout, and Fleet treats a Rollout as Ready only once it has Completed. This final `pause: {}` waits for `kubectl argo rollouts promote` on every cluster: until then the bundle stays not Ready there, the cluster counts as unavailable for its partition, and the next partitions never start. ' +
        'Give the pause a duration, gate with an analysis step instead, or accept promoting cluster by cluster.',
      related: [{ object: fleetYaml, path: [], message: 'the fleet.yaml of this bundle' }],
      fixes: [{ title: 'Remove the final pause', edits: [{ op: 'remove', path: last.path }] }],
    });
  },
};
