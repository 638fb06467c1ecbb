import { K } from '../../engine/kinds';
import { analyse, stepPath } from '../../semantics/argocd/analysis';
import { maxUpdateLimit } from '../../semantics/argocd/progressive-sync';
import { invalidMaxUpdateMessage, type InvalidMaxUpdate } from '../../semantics/argocd/validation-issues';
import type { Fix, Rule } from '../rule';

type Obj = Record<string, unknown>;

/** The valid form an invalid maxUpdate string most likely meant. */
function repaired(v: string): number | string | undefined {
  let m = /^\s*([+-]?[0-9]+)\s*$/.exec(v);
  if (m) return parseInt(m[1], 10);
  m = /^\s*([0-9]+)(?:\.[0-9]*)?\s*%\s*$/.exec(v);
  if (m) return `${parseInt(m[1], 10)}%`;
  return undefined;
}

export const rule: Rule = {
  id: 'argocd/rollingsync-max-update',
  description:
    'RollingSync maxUpdate values and their effect: 0, negative integers and "0%" sync nothing automatically (manual gate; later steps wait); strings other than "N%" are reported as InvalidRolloutConfig and behave as 1; "00%" or negative percentages behave as 1, not 0. (RollingSync runs only with --enable-progressive-syncs.)',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go UpdateApplicationSetApplicationStatusProgress (GetScaledValueFromIntOrPercent, rounded down, raised to 1 for strings other than "0%"); validation_issues.go formatInvalidMaxUpdateMessage (fleet-argocd.md §5.5, §5.11 S4, S5)',
  check(appset, ctx) {
    const an = analyse(appset.value as Obj);
    if (!an.enabled) return;
    const invalid: InvalidMaxUpdate[] = [];
    an.steps.forEach((step, i) => {
      const v = step.maxUpdate;
      if (typeof v === 'string') {
        const lim = maxUpdateLimit(v, 1);
        if (lim.error) invalid.push({ stepIndex: i, maxUpdate: v, error: lim.error });
      }
    });
    const condition = invalid.length ? invalidMaxUpdateMessage(invalid) : '';
    an.steps.forEach((step, i) => {
      const v = step.maxUpdate;
      if (v === undefined || v === null) return;
      const path = stepPath(i, 'maxUpdate');
      const n = i + 1;
      const count = an.deps ? an.deps.list[i].length : undefined;
      const apps = count === undefined ? "this step's Applications" : `the ${count} Application(s) of this step`;
      const blocked = `the controller never moves ${apps} from Waiting to Pending, so it syncs none that have changes: each OutOfSync one must be synced by hand (argocd app sync or the UI), and later steps wait until all of them are Healthy.`;
      if (typeof v === 'number') {
        if (!Number.isInteger(v)) return;
        if (v === 0) ctx.report({ path, severity: 'info', message: `maxUpdate: 0 — ${blocked} Upstream documents this as a manual gate.` });
        else if (v < 0) ctx.report({ path, message: `maxUpdate ${v} is negative and acts like 0: ${blocked}` });
        return;
      }
      if (typeof v !== 'string') return;
      if (v === '0%') {
        ctx.report({ path, severity: 'info', message: `maxUpdate "0%" — ${blocked} (Only exactly "0%" blocks; every other percentage lets at least one Application through.)` });
        return;
      }
      const lim = maxUpdateLimit(v, 1);
      if (lim.error) {
        // A repair to 0 would only trade this finding for the "syncs nothing" one: offer none then.
        const r = repaired(v);
        const fixed = r === 0 || r === '0%' ? undefined : r;
        const fixes: Fix[] | undefined = fixed === undefined ? undefined : [{ title: `Use maxUpdate: ${typeof fixed === 'number' ? fixed : JSON.stringify(fixed)}`, edits: [{ op: 'replaceValue', path, value: fixed }], preferred: true }];
        const zero = r === 0 ? ' Note that the string "0" does NOT block the step the way the integer 0 does.' : '';
        ctx.report({
          path,
          message: `Step ${n} has an invalid maxUpdate value: ${v} — maxUpdate must be an integer or a string "N%" with an integer N. The controller reports InvalidRolloutConfig "${condition}" once the step has Applications, and lets 1 Application of the step update at a time.${zero}`,
          fixes,
        });
        return;
      }
      const pct = parseInt(v.slice(0, -1), 10);
      if (pct < 0) {
        ctx.report({ path, message: `maxUpdate "${v}" is a negative percentage: it rounds below 1 and the controller raises every percentage other than "0%" to 1, so 1 Application of the step updates at a time (it does not block the step).` });
      } else if (pct === 0) {
        ctx.report({
          path,
          message: `maxUpdate "${v}" is 0 percent but not the exact string "0%": the controller raises it to 1, so 1 Application of the step updates at a time. Write "0%" (or 0) to sync none automatically, or 1 to say what happens now.`,
        });
      }
    });
  },
};
