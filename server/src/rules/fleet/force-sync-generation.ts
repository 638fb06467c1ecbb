import { K } from '../../engine/kinds';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/force-sync-generation',
  description: 'forceSyncGeneration at the top of fleet.yaml: fleet apply overwrites it with the GitRepo value, so it never forces a redeploy.',
  severity: 'warning',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/read.go bundleFromDir: bundle.Spec.ForceSyncGeneration = opts.SyncGeneration (fleet-argocd.md §1.2, §1.6, §1.7 F4)',
  check(object, ctx) {
    if (object.value?.forceSyncGeneration === undefined) return;
    ctx.report({
      path: ['forceSyncGeneration'],
      onKey: true,
      message:
        'fleet apply replaces forceSyncGeneration with the GitRepo\'s spec.forceSyncGeneration (0 unless set there), so this value has no effect. Raise spec.forceSyncGeneration on the GitRepo to force a redeploy, or set it inside a targetCustomization, where values above 0 are merged.',
      fixes: [{ title: 'Remove forceSyncGeneration', edits: [{ op: 'remove', path: ['forceSyncGeneration'] }], preferred: true }],
    });
  },
};
