/// <reference lib="dom" />
/**
 * What the wave board draws differently for a WavePlan (mode `directWaves`): waves of kubeconfig
 * contexts with their gates (passed, holding, pending, failed), an Approve button on the wave that
 * waits for a person, Abort plan instead of Fleet's buttons, and a target's Rollout in the detail
 * pane. main.ts calls these where it would draw the Fleet version. Text only through `textContent`.
 */
import type { BoardCluster, Wave, WaveBoard } from '../model/types';
import './direct-waves.css';
import { el, kv, type Post } from './dom';

const GATE_MARK: Record<string, string> = { passed: '✓', holding: '●', pending: '○', failed: '✗' };

/** Header: what the plan is, Fleet's buttons hidden, Abort plan while it can still be aborted. */
export function decorateDirectWavesHeader(m: WaveBoard, parts: { meta: HTMLElement; actions: HTMLElement; gates: HTMLElement; post: Post }): void {
  const d = m.directWaves;
  const bits = [`WavePlan · Rollout ${m.subject.namespace}/${m.clusters[0]?.target?.rollout ?? '?'}`, `contexts ${m.context}`];
  if (d) bits.push(`promotion ${d.promotion}`, `on failure ${d.onFailure}`, d.status);
  parts.meta.textContent = bits.join(' · ');
  for (const b of Array.from(parts.actions.querySelectorAll<HTMLButtonElement>('button[data-action]'))) b.hidden = true;
  let abort = parts.actions.querySelector<HTMLButtonElement>('button.abort-plan');
  if (!abort) {
    abort = el('button', 'secondary abort-plan', 'Abort plan');
    abort.title = 'Abort every Rollout of the plan that is not Healthy yet and record the stop on each (asks first)';
    abort.addEventListener('click', () => parts.post({ type: 'abortWavePlan' }));
    parts.actions.append(abort);
  }
  abort.hidden = !d?.abortable;
}

/** Under a wave card's reason: its gates in order, and Approve when the wave waits for a person. */
export function directWaveExtras(w: Wave, post: Post): HTMLElement {
  const box = el('div', 'wgates');
  const step = w.directWave;
  if (!step) return box;
  for (const g of step.gates) {
    const chip = el('span', `gate ${g.state}`, `${GATE_MARK[g.state]} ${g.label}`);
    chip.title = `${g.label}: ${g.state}`;
    box.append(chip);
  }
  if (step.gates.length === 0) box.append(el('span', 'gate', 'no gates: the next wave starts when every Rollout is Healthy'));
  if (step.approvable) {
    const approve = el('button', 'approve', `Approve ${w.name}`);
    approve.title = 'Record your approval on the Rollouts of this wave (asks first)';
    approve.addEventListener('click', (e) => {
      // The card itself selects the wave; the button only approves.
      e.stopPropagation();
      post({ type: 'approveWave', wave: w.index });
    });
    box.append(approve);
  }
  return box;
}

/** Group cards: a plan has no targets outside its waves or in two of them; unreadable contexts keep their card. */
export function relabelDirectWaveGroups(groups: HTMLElement): void {
  for (const card of Array.from(groups.querySelectorAll<HTMLElement>('.group.excluded, .group.multi'))) card.style.display = 'none';
  const offline = groups.querySelector<HTMLElement>('.group.offline');
  const name = offline?.querySelector('.wname');
  const hint = offline?.querySelector('.ghint');
  if (name) name.textContent = 'Unreadable contexts';
  if (hint) hint.textContent = 'no Rollout, or the context cannot be read';
}

/** A target row's state column: the Rollout's phase as the plugin shows it. */
export function targetStateText(c: BoardCluster): string {
  const t = c.target;
  if (!t || !t.phase) return c.offline ? 'unreadable' : c.state;
  return `${t.phase}${t.rolloutMessage ? ` · ${t.rolloutMessage}` : ''}${c.paused ? ' · paused by a person' : ''}`;
}

/** A target row's side column: whether its wave released it. */
export function targetSideText(c: BoardCluster): string {
  if (c.offline) return c.unknown ? 'no Rollout' : 'cannot be read';
  if (c.upToDate) return 'healthy';
  return c.target?.released ? 'released' : 'held';
}

/** Detail pane of a target: its Rollout as the plugin shows it, and what the plan recorded. */
export function renderTargetDetail(detail: HTMLElement, m: WaveBoard, c: BoardCluster): void {
  const t = c.target;
  const h = el('h2');
  h.append(el('span', `dot ${c.bucket}`), document.createTextNode(` ${c.name}`));
  detail.append(h);
  const dl = el('dl');
  if (t) {
    kv(dl, 'Context', t.context);
    kv(dl, 'Rollout', `${t.namespace}/${t.rollout}`);
    kv(dl, 'Phase', t.phase ? `${t.phase}${t.rolloutMessage ? ` (${t.rolloutMessage})` : ''}` : c.message);
    kv(dl, 'Revision', t.revision || '—');
    kv(dl, 'Released', t.released ? 'yes: the plan promotes it' : 'no: held until its wave starts');
  }
  kv(dl, 'Wave', c.waves.map((w) => `${m.waves[w]?.name} (${m.waves[w]?.directWave?.stage ?? m.waves[w]?.phase})`).join(', '));
  if (c.paused) kv(dl, 'Paused', 'yes: paused by a person (spec.paused); the plan waits until it is resumed');
  if (c.offline) kv(dl, 'Problem', c.message);
  detail.append(dl);
}
