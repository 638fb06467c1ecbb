/// <reference lib="dom" />
/**
 * What the wave board draws differently for an Argo CD ApplicationSet with RollingSync (mode
 * `rollingSync`): steps instead of partitions, Applications instead of clusters (sync, health,
 * progressive sync status, the Argo Rollout inside), the ApplicationSet's conditions instead of
 * Fleet's gates, and only the actions that write nothing: Refresh and "Show in Rollouts view".
 * main.ts calls these where it would draw the Fleet version. Text only through `textContent`.
 */
import type { BoardApplication, BoardCluster, Wave, WaveBoard } from '../model/types';
import './rolling-sync.css';
import { el, kv, type Post } from './dom';
import { ago } from '../model/format';

/** Header: meta line, Fleet buttons hidden, a Refresh button, the ApplicationSet's own status as gates (before the totals). */
export function decorateRollingSyncHeader(m: WaveBoard, parts: { meta: HTMLElement; actions: HTMLElement; gates: HTMLElement; search: HTMLInputElement; post: Post }): void {
  const rs = m.rollingSync;
  parts.search.placeholder = 'Filter Applications (name, label value, status, Rollout)';
  parts.search.setAttribute('aria-label', 'Filter Applications');
  const bits = [`ApplicationSet · context ${m.context}`, `namespace ${m.subject.namespace}`, `${m.waves.length} RollingSync steps`];
  if (m.subject.revision) bits.push(`targetRevision ${m.subject.revision}`);
  if (rs) bits.push(`deletionOrder ${rs.deletionOrder}`);
  parts.meta.textContent = bits.join(' · ');
  for (const b of Array.from(parts.actions.querySelectorAll<HTMLButtonElement>('button[data-action]'))) b.hidden = true;
  if (!parts.actions.querySelector('button.refresh')) {
    const refresh = el('button', 'secondary refresh', 'Refresh');
    refresh.title = 'List the ApplicationSet and its Applications from the hub again (writes nothing; the ApplicationSet controller alone syncs RollingSync steps)';
    refresh.addEventListener('click', () => parts.post({ type: 'refresh' }));
    parts.actions.append(refresh);
  }
  if (!rs) return;
  const gates: HTMLElement[] = [];
  const progressing = rs.conditions.find((c) => c.type === 'RolloutProgressing');
  if (progressing) gates.push(gateSpan(`controller: ${progressing.message}`, progressing.status === 'True', `${progressing.type}=${progressing.status} (${progressing.reason})`));
  else if (rs.currentStep) gates.push(gateSpan(`step ${rs.currentStep} rolling out`, true, 'computed from status.applicationStatus'));
  const invalid = rs.conditions.find((c) => c.type === 'InvalidRolloutConfig' && c.status === 'True');
  if (invalid) gates.push(gateSpan(`InvalidRolloutConfig: ${invalid.message}`, true));
  gates.push(gateSpan(`${rs.statusEntries} status entries`, false, 'entries in status.applicationStatus'));
  const total = rs.autoSyncDisabled + rs.autoSyncEnabled.length;
  if (total) gates.push(gateSpan(`autosync off ${rs.autoSyncDisabled}/${total}`, rs.autoSyncEnabled.length > 0, 'RollingSync disables automated sync on every Application it generates (§5.8)'));
  if (!rs.applicationsListed) gates.push(gateSpan('Applications not readable: from status only', true));
  parts.gates.prepend(...gates);
}

function gateSpan(text: string, hot: boolean, title?: string): HTMLElement {
  const s = el('span', `gate${hot ? ' hot' : ''}`, text);
  if (title) s.title = title;
  return s;
}

/** The numbers line of a step card. */
export function stepNums(w: Wave): HTMLElement {
  const rs = w.rollingSync;
  if (!rs) return el('div', 'wnums', `${w.count} Applications`);
  const limit = rs.maxUpdate ? `maxUpdate ${rs.maxUpdate}${rs.limit !== undefined && String(rs.limit) !== rs.maxUpdate ? ` (= ${rs.limit})` : ''}` : 'maxUpdate unlimited';
  const text = `step ${w.index + 1} · ${w.count} Application${w.count === 1 ? '' : 's'} · Healthy ${rs.healthy}/${w.count} · updating ${rs.updating} · ${limit}`;
  const div = el('div', 'wnums', text);
  if (rs.nextPending.length) div.append(el('div', 'rs-next', `next reconcile syncs: ${rs.nextPending.join(', ')}`));
  return div;
}

/** Relabels the three group cards (offline, in no step, in several steps). */
export function relabelGroups(groups: HTMLElement, m: WaveBoard): void {
  const set = (cls: string, name: string, hint: string) => {
    const card = groups.querySelector<HTMLElement>(`.wave.group.${cls}`);
    if (!card) return;
    const n = card.querySelector('.wname');
    const h = card.querySelector('.ghint');
    if (n) n.textContent = name;
    if (h) h.textContent = hint;
    card.title = hint;
  };
  const first = m.offline[0] !== undefined ? m.clusters[m.offline[0]] : undefined;
  const since = first?.app?.offline?.since;
  set('offline', 'Offline / unknown', first ? `destination unreachable or health Unknown; longest ${first.name}${since ? ` (${ago(m.at - since)})` : ''}` : 'every destination answers');
  set('excluded', 'In no step', 'never synced by the controller (sync by hand)');
  set('multi', 'In several steps', 'selected by several steps: each waits for it');
}

/** "Progressing · Synced/Suspended" — the row's state column. */
export function appStateText(a: BoardApplication): string {
  const argo = a.listed ? `${a.sync || '?'}/${a.health || '?'}` : 'not listed';
  return `${a.progress?.status || 'no status'} · ${argo}`;
}

/** The row's last column: the Rollout inside, or offline since, or the destination. */
export function appSideText(c: BoardCluster, m: WaveBoard): { text: string; off: boolean } {
  const a = c.app!;
  if (a.offline) return { text: a.offline.since ? `offline ${ago(m.at - a.offline.since)}` : 'offline', off: true };
  const r = a.rollouts.find((x) => x.health !== 'Healthy') ?? a.rollouts[0];
  if (r) return { text: `Rollout ${r.health}`, off: false };
  return { text: a.destination.name || hostOf(a.destination.server), off: false };
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

/** What the filter box matches of an Application besides name and labels. */
export function appSearchText(a: BoardApplication): string {
  return [a.progress?.status, a.sync, a.health, a.destination.name, a.destination.server, ...a.rollouts.map((r) => `${r.name} ${r.health}`)].join(' ').toLowerCase();
}

/** The detail pane of one Application. */
export function renderApplicationDetail(detail: HTMLElement, m: WaveBoard, c: BoardCluster, post: Post): void {
  const a = c.app!;
  const h = el('h2');
  h.append(el('span', `dot ${c.bucket}`), document.createTextNode(` ${c.name}`));
  detail.append(h);
  const dl = el('dl');
  const p = a.progress;
  kv(dl, 'RollingSync status', p ? `${p.status} (step ${p.step})${p.since ? `, since ${ago(m.at - p.since)} ago` : ''}` : 'no entry in status.applicationStatus yet');
  if (p?.message) kv(dl, 'Controller says', p.message);
  kv(dl, 'Steps', c.waves.length ? c.waves.map((w) => `${w + 1}: ${m.waves[w].name} (${m.waves[w].phase})`).join('; ') : 'none — the controller never syncs it');
  if (a.listed) {
    kv(dl, 'Sync', `${a.sync || 'not reported'}${a.revision ? ` at ${a.revision}` : ''}`);
    kv(dl, 'Health', `${a.health || 'not reported'}${a.healthMessage ? `: ${a.healthMessage}` : ''}`);
    if (a.operation) kv(dl, 'Last sync', `${a.operation.phase}${a.operation.message ? `: ${a.operation.message}` : ''}`);
    kv(dl, 'Destination', `${a.destination.name || a.destination.server || '?'} · namespace ${a.destination.namespace || '—'}`);
    kv(dl, 'Automated sync', a.autoSync ? 'enabled (RollingSync should have disabled it: is the controller running with progressive syncs?)' : 'disabled (RollingSync syncs it)');
  } else kv(dl, 'Application', 'not listed on the hub: shown from the ApplicationSet status only');
  if (a.offline) kv(dl, 'Offline', `${a.offline.reason}${a.offline.since ? ` (since ${new Date(a.offline.since).toISOString()})` : ''}`);
  if (c.lastSeen !== undefined) kv(dl, 'Reconciled', `${ago(m.at - c.lastSeen)} ago`);
  detail.append(dl);
  if (a.rollouts.length) {
    detail.append(el('h3', undefined, 'Argo Rollouts inside'));
    const ul = el('ul', 'nonready rs-rollouts');
    for (const r of a.rollouts) {
      const li = el('li', r.health === 'Degraded' ? 'err' : '', `${r.namespace}/${r.name} — ${r.health}${r.message ? `: ${r.message}` : ''} `);
      const show = el('button', 'secondary rs-show', 'Show in Rollouts view');
      show.title = 'Filters the Rollouts view to this Rollout (its cluster must be a watched context)';
      show.addEventListener('click', () => post({ type: 'openRollout', application: c.name, namespace: r.namespace, name: r.name }));
      li.append(show);
      ul.append(li);
    }
    detail.append(ul);
  }
  const others = c.nonReady.filter((r) => r.kind !== 'Rollout');
  if (others.length) {
    detail.append(el('h3', undefined, 'Resources not Healthy'));
    const ul = el('ul', 'nonready');
    for (const r of others) ul.append(el('li', r.error ? 'err' : '', `${r.kind} ${r.namespace}/${r.name} [${r.state}] ${r.message}`));
    detail.append(ul);
  }
  if (a.conditions.length) {
    detail.append(el('h3', undefined, 'Conditions'));
    const ul = el('ul', 'nonready');
    for (const cond of a.conditions) ul.append(el('li', /Error$/.test(cond.type) ? 'err' : '', `${cond.type}: ${cond.message}`));
    detail.append(ul);
  }
  const labels = el('div', 'labels');
  for (const [k, v] of Object.entries(c.labels)) labels.append(el('span', 'label', `${k}=${v}`));
  detail.append(el('h3', undefined, 'Labels'), labels);
}
