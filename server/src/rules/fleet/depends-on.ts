import { K } from '../../engine/kinds';
import { BUNDLE_STATES, dependsOnProblems } from '../../semantics/fleet/validate-fleet-yaml';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/depends-on',
  description: 'A dependsOn entry with neither name nor selector, or an acceptedStates value that is not a bundle state: fleet apply rejects the fleet.yaml.',
  severity: 'error',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/validate_fleetyaml.go validateBundleRef; integrationtests/cli/apply/apply_test.go (fleet-argocd.md §1.5, §1.7 F1)',
  check(object, ctx) {
    for (const p of dependsOnProblems(object.value)) {
      const hint = p.path.length === 2 ? ' Give the bundle name to wait for, or a selector on bundle labels.' : ` States are case-sensitive: ${BUNDLE_STATES.join(', ')}.`;
      ctx.report({ path: p.path, message: `fleet apply fails: “${p.message}”.${hint}` });
    }
  },
};
