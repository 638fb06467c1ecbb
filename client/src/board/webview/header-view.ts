/**
 * The board's top: the subject's name and where it lives, the sibling bundles of its GitRepo,
 * pause / resume / force-update, the next step in words, Fleet's rollout gates against their
 * limits, totals per bucket, and the problems the model found. Built once; render() refills it.
 */
import { BUCKETS, type WaveBoard } from '../model/types';
import type { BoardAction } from '../model/protocol';
import { decorateRollingSyncHeader } from './rolling-sync-view';
import { decorateDirectWavesHeader } from './direct-waves-view';
import { BUCKET_LABEL } from './wave-cards';
import { el, type Post } from './dom';

export class BoardHeader {
  /** The elements to place, in order: header row, next step, gates, problems. */
  readonly parts: HTMLElement[];
  private readonly title = el('h1');
  private readonly meta = el('span', 'meta');
  private readonly siblings = el('select', 'siblings');
  private readonly actions = el('div', 'actions');
  private readonly pauseBtn: HTMLButtonElement;
  private readonly resumeBtn: HTMLButtonElement;
  /** The next step in words; also where a status message shows before the first model. */
  readonly next = el('div', 'next');
  private readonly gates = el('div', 'gates');
  private readonly problems = el('ul', 'problems');
  private subject: string | undefined;

  constructor(private readonly post: Post) {
    const header = el('header', 'hdr');
    this.siblings.setAttribute('aria-label', 'Bundle of the same GitRepo');
    this.siblings.addEventListener('change', () => {
      const name = this.siblings.value;
      if (name && name !== this.subject) post({ type: 'selectBundle', name });
    });
    this.pauseBtn = this.button('pause', 'Pause');
    this.resumeBtn = this.button('unpause', 'Resume');
    this.actions.append(this.pauseBtn, this.resumeBtn, this.button('forceUpdate', 'Force update', true));
    header.append(this.title, this.meta, this.siblings, this.actions);
    this.next.setAttribute('role', 'status');
    this.parts = [header, this.next, this.gates, this.problems];
  }

  private button(action: BoardAction, label: string, secondary = false): HTMLButtonElement {
    const b = el('button', secondary ? 'secondary' : '', label);
    b.dataset.action = action;
    b.addEventListener('click', () => this.post({ type: 'action', action }));
    return b;
  }

  /** `search` is the list's filter box, which the RollingSync decoration relabels. */
  render(m: WaveBoard, search: HTMLInputElement): void {
    this.subject = m.subject.name;
    this.title.textContent = `${m.subject.name}`;
    const bits = [`context ${m.context}`, `namespace ${m.subject.namespace}`];
    if (m.subject.gitRepo) bits.push(`GitRepo ${m.subject.gitRepo}`);
    if (m.subject.revision) bits.push(`revision ${m.subject.revision}`);
    this.meta.textContent = bits.join(' · ');
    if (m.subject.paused) this.meta.append(el('span', 'badge paused', 'paused'));
    this.siblings.textContent = '';
    this.siblings.hidden = m.siblings.length < 2;
    for (const s of m.siblings) {
      const o = el('option', undefined, s);
      o.value = s;
      o.selected = s === m.subject.name;
      this.siblings.append(o);
    }
    this.pauseBtn.hidden = m.subject.paused;
    this.resumeBtn.hidden = !m.subject.paused;
    this.next.textContent = m.next;
    this.renderGates(m);
    this.problems.textContent = '';
    for (const p of m.problems) this.problems.append(el('li', undefined, p));
    const parts = { meta: this.meta, actions: this.actions, gates: this.gates, post: this.post };
    if (m.mode === 'rollingSync') decorateRollingSyncHeader(m, { ...parts, search });
    if (m.mode === 'directWaves') decorateDirectWavesHeader(m, parts);
  }

  private renderGates(m: WaveBoard): void {
    const gates = this.gates;
    gates.textContent = '';
    if (m.fleet) {
      const g = m.fleet;
      const s = g.fromStatus ?? {};
      const gate = (label: string, v: number, max: number, fromStatus?: number, fromStatusMax?: number): HTMLElement => {
        const span = el('span', `gate${v >= max && max > 0 ? ' hot' : ''}`, `${label} ${v} / ${max}`);
        if (fromStatus !== undefined) span.title = `Fleet's status: ${fromStatus} / ${fromStatusMax ?? '?'}`;
        return span;
      };
      gates.append(
        gate('unavailable clusters', g.unavailable, g.maxUnavailable, s.unavailable, s.maxUnavailable),
        gate('unavailable partitions', g.unavailablePartitions, g.maxUnavailablePartitions + 1, s.unavailablePartitions, s.maxUnavailablePartitions),
        el('span', 'gate', `maxNew ${g.maxNew}`),
        el('span', 'gate', `${g.partitioning} partitions`),
      );
      if (s.readyClusters) gates.append(el('span', 'gate', `Fleet: ready ${s.readyClusters}`));
    }
    const c = m.counts;
    const total = el('span', 'gate totals');
    for (const b of BUCKETS) total.append(el('span', `dot ${b}`), document.createTextNode(` ${c[b]} ${BUCKET_LABEL[b]}  `));
    gates.append(total);
  }
}
