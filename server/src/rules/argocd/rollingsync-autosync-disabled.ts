import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { analyse, FLAG_NOTE } from '../../semantics/argocd/analysis';
import { generatorKinds } from '../../semantics/argocd/generated-apps';
import type { Fix, FixEdit, Rule } from '../rule';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Every Application template of the ApplicationSet: spec.template and the generators' own templates. */
function templates(appset: Obj): Array<{ template: Obj; path: PathSeg[] }> {
  const spec = obj(appset.spec) ?? {};
  const out: Array<{ template: Obj; path: PathSeg[] }> = [];
  const t = obj(spec.template);
  if (t) out.push({ template: t, path: ['spec', 'template'] });
  const gens = Array.isArray(spec.generators) ? spec.generators : [];
  gens.forEach((g, i) => {
    for (const kind of generatorKinds(g)) {
      const gt = obj(obj(obj(g)?.[kind])?.template);
      if (gt) out.push({ template: gt, path: ['spec', 'generators', i, kind, 'template'] });
    }
  });
  return out;
}

export const rule: Rule = {
  id: 'argocd/rollingsync-autosync-disabled',
  description:
    'An Application template with syncPolicy.automated under RollingSync: the controller (with --enable-progressive-syncs) writes automated.enabled: false on every generated Application and syncs them itself in step order (when maxUpdate allows) — no self-heal, and an Application in no step is never synced.',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go SyncDesiredApplications/disableAutomatedSync/syncApplication (fleet-argocd.md §5.8, §5.11 S10; seed 001)',
  check(appset, ctx) {
    const value = appset.value as Obj;
    const an = analyse(value);
    if (!an.enabled) return;
    for (const { template, path } of templates(value)) {
      const automated = obj(obj(obj(template.spec)?.syncPolicy))?.automated;
      if (automated === undefined || automated === null) continue;
      const auto = obj(automated);
      if (auto && auto.enabled === false) continue;
      const autoPath: PathSeg[] = [...path, 'spec', 'syncPolicy', 'automated'];
      const prune = auto?.prune === true;
      const selfHeal = auto?.selfHeal === true;
      let edit: FixEdit;
      if (!auto) edit = { op: 'replaceValue', path: autoPath, value: { enabled: false } };
      else if (auto.enabled === undefined) edit = { op: 'setKey', path: autoPath, key: 'enabled', value: false };
      else edit = { op: 'replaceValue', path: [...autoPath, 'enabled'], value: false };
      const fix: Fix = { title: 'Declare automated.enabled: false (what RollingSync writes)', edits: [edit], preferred: true };
      ctx.report({
        path: autoPath,
        onKey: true,
        message:
          `RollingSync turns this off: the ApplicationSet controller writes spec.syncPolicy.automated.enabled: false on every generated Application (also those in no step) and syncs them itself, in step order — an Application whose revision or spec changes goes back to Waiting and is synced only when its step is reached and maxUpdate allows. Drift on the cluster without a new revision is not corrected${selfHeal ? ' (selfHeal has no effect)' : ''}, and an Application in no step is never synced. ` +
          `prune: ${prune} is reused for the syncs RollingSync triggers. ${FLAG_NOTE}`,
        fixes: [fix],
      });
    }
  },
};
