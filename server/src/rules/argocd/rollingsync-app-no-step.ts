import { K } from '../../engine/kinds';
import { analyse, labelText } from '../../semantics/argocd/analysis';
import { buildAppDependencyList } from '../../semantics/argocd/progressive-sync';
import { emptyCause } from '../../semantics/argocd/step-selection';
import type { Rule } from '../rule';

type Obj = Record<string, unknown>;

const ONE =
  'it gets status.step "-1": the controller never syncs it (RollingSync also disables automated sync), so it changes only when someone syncs it by hand, and no step waits for it.';
const ALL =
  'they all get status.step "-1": the controller never syncs them (RollingSync also disables automated sync), so they change only when someone syncs them by hand, and no step waits for them.';

export const rule: Rule = {
  id: 'argocd/rollingsync-app-no-step',
  description:
    'A generated Application that no RollingSync step selects (computed when list generator elements are static): it gets step -1 and is never synced by the ApplicationSet controller. (RollingSync runs only with --enable-progressive-syncs.)',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go buildAppDependencyList/getAppStep (-1), SyncDesiredApplications (fleet-argocd.md §5.3, §5.6, §5.8, §5.11 S8)',
  check(appset, ctx) {
    const an = analyse(appset.value as Obj);
    if (!an.enabled) return;
    if (an.deps && an.staticApps) {
      for (const app of an.staticApps) {
        if (an.deps.stepMap.has(app.name)) continue;
        const at = app.elements[0];
        ctx.report({
          path: at ?? ['spec', 'generators', app.generator],
          message: `Application '${app.name}' (${labelText(app.labels)}) matches no RollingSync step: ${ONE} Add a step that selects it, or change its labels.`,
        });
      }
      return;
    }
    // Without exact Applications: a generator whose Applications all carry the same literal labels
    // on every key the steps use has one fate for all of them.
    // When no step can select anything at all, argocd/rollingsync-step-selects-nothing says it per step.
    if (an.steps.every((step) => an.closedSources.every((s) => emptyCause(step, s) !== undefined))) return;
    const stepKeys = new Set(an.steps.flatMap((s) => (s.matchExpressions ?? []).map((e) => e?.key ?? '')));
    for (const source of an.sources) {
      if (source.open) continue;
      const labels: Record<string, string> = {};
      let known = true;
      for (const key of stepKeys) {
        const info = source.labels.get(key);
        if (!info) continue;
        if (info.templated) known = false;
        else labels[key] = info.literal ?? '';
      }
      if (!known) continue;
      const deps = buildAppDependencyList(an.strategy, [{ name: 'x', labels }]);
      if (deps.stepMap.has('x')) continue;
      ctx.report({
        path: ['spec', 'generators', source.generator, ...(source.kind ? [source.kind] : [])],
        onKey: true,
        message: `Every Application of this generator carries ${labelText(labels)} on the keys the steps use, and no RollingSync step selects that: ${ALL}`,
      });
    }
  },
};
