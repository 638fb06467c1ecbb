/**
 * The strip of partition cards above the cluster list: one card per wave (phase, progress bar,
 * counts per bucket, why it waits) and the three group buttons (offline, in no partition, in
 * several). Each card is a toggle button; main.ts owns which one is active.
 */
import { BUCKETS, type Bucket, type Wave, type WaveBoard } from '../model/types';
import { rowCount } from '../model/wording';
import { stepNums } from './rolling-sync-view';
import { directWaveExtras } from './direct-waves-view';
import { el, type Post } from './dom';

export const BUCKET_LABEL: Record<Bucket, string> = { ready: 'ready', updating: 'updating', waiting: 'waiting', error: 'error', offline: 'offline' };

/** A stacked bar of the buckets' shares (decorative: the counts next to it say the same). */
function bar(counts: Record<Bucket, number>, total: number): HTMLElement {
  const b = el('div', 'bar');
  b.setAttribute('aria-hidden', 'true');
  for (const k of BUCKETS) {
    if (!counts[k] || !total) continue;
    const seg = el('span', `seg ${k}`);
    seg.style.width = `${(100 * counts[k]) / total}%`;
    b.append(seg);
  }
  return b;
}

function toggle(card: HTMLElement, active: boolean, onToggle: () => void): void {
  card.classList.toggle('active', active);
  card.setAttribute('aria-pressed', String(active));
  card.addEventListener('click', onToggle);
}

export function waveCard(w: Wave, m: WaveBoard, active: boolean, onToggle: () => void, post: Post): HTMLElement {
  const card = el('button', `wave phase-${w.phase}`);
  card.dataset.wave = String(w.index);
  const head = el('div', 'whead');
  head.append(el('span', 'wname', w.name || `(partition ${w.index + 1})`), el('span', `badge phase ${w.phase}`, w.phase));
  const nums = m.mode === 'rollingSync' ? stepNums(w) : el('div', 'wnums', `${rowCount(m.mode, w.count)} · maxUnavailable ${w.maxUnavailable} · not done ${w.unavailable}`);
  const counts = el('div', 'wcounts');
  for (const b of BUCKETS) {
    const s = el('span', `cnt ${b}${w.counts[b] ? '' : ' zero'}`);
    s.append(el('span', `dot ${b}`), document.createTextNode(` ${w.counts[b]} ${BUCKET_LABEL[b]}`));
    counts.append(s);
  }
  const reason = el('div', 'wreason', w.reason);
  reason.title = w.reason;
  card.append(head, bar(w.counts, w.count), nums, counts, reason);
  if (m.mode === 'directWaves') card.append(directWaveExtras(w, post));
  if (w.fromStatus) {
    const fs = w.fromStatus;
    card.append(el('div', 'wstatus', `Fleet's status: ${fs.ready}/${fs.desiredReady} ready, maxUnavailable ${fs.maxUnavailable}`));
  }
  card.title = `${w.name}: ${w.reason}`;
  toggle(card, active, onToggle);
  return card;
}

export function groupCard(kind: 'offline' | 'excluded' | 'multi', label: string, n: number, hint: string, active: boolean, onToggle: () => void): HTMLElement {
  const card = el('button', `wave group ${kind}${n ? '' : ' zero'}`);
  card.title = hint;
  const head = el('div', 'whead');
  head.append(el('span', 'wname', label), el('span', 'gnum', String(n)));
  card.append(head, el('div', 'ghint', hint));
  toggle(card, active, onToggle);
  return card;
}
