import { K } from '../../engine/kinds';
import { labelSelectorIssues } from '../../semantics/labels/selector';
import { BUNDLE_NAMESPACE_MAPPING, selectorSites } from '../../semantics/fleet/targeting';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/invalid-label-selector',
  description: 'A label selector Kubernetes cannot parse (unknown operator, In/NotIn without values, values on Exists, malformed key or value): Fleet fails where it uses it.',
  severity: 'error',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp, K.GitRepo, K.ClusterGroup, BUNDLE_NAMESPACE_MAPPING],
  upstream:
    'k8s.io/apimachinery metav1.LabelSelectorAsSelector / labels.NewRequirement, called by matcher/clustermatcher.go NewClusterMatcher, target/query.go, agent deployer checkDependency (fleet-argocd.md §1.5, §2.9 R11)',
  check(object, ctx) {
    for (const site of selectorSites(object.typeId, object.value)) {
      for (const issue of labelSelectorIssues(site.raw)) {
        ctx.report({ path: [...site.path, ...issue.path], onKey: issue.onKey, message: `${issue.message} — ${site.failure}.` });
      }
    }
  },
};
