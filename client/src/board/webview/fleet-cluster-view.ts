/**
 * The detail pane for a Fleet cluster: its state against the bundle, partitions, agent, the
 * BundleDeployment's IDs, the cluster's canary drill-down (a DrilldownView's element, passed in),
 * non-ready resources and labels. RollingSync and direct-wave rows have views of their own.
 */
import type { BoardCluster, WaveBoard } from '../model/types';
import { ago } from '../model/format';
import { el, kv } from './dom';

export function renderFleetClusterDetail(detail: HTMLElement, m: WaveBoard, c: BoardCluster, canary: HTMLElement): void {
  const h = el('h2');
  h.append(el('span', `dot ${c.bucket}`), document.createTextNode(` ${c.name}`));
  detail.append(h);
  const dl = el('dl');
  kv(dl, 'State', `${c.state}${c.bdState && c.bdState !== c.state ? ` (BundleDeployment says ${c.bdState})` : ''} · ${c.bucket}`);
  kv(dl, 'Partitions', c.waves.length ? c.waves.map((w) => `${m.waves[w].name} (${m.waves[w].phase})`).join(', ') : 'none — never deployed by this bundle');
  kv(dl, 'Agent', c.lastSeen === undefined ? 'never checked in' : `last seen ${ago(m.at - c.lastSeen)} ago (${new Date(c.lastSeen).toISOString()})${c.offline ? ' — offline' : ''}`);
  kv(dl, 'Up to date', c.upToDate ? 'yes' : 'no');
  kv(dl, 'Unavailable', c.unavailable ? 'yes (counts against maxUnavailable)' : 'no');
  if (c.paused) kv(dl, 'Paused', 'yes (bundle or cluster spec.paused)');
  if (c.bd) {
    kv(dl, 'BundleDeployment', `${c.bd.namespace}/${c.bd.name}`);
    kv(dl, 'deploymentID', c.bd.deploymentID || '—');
    kv(dl, 'stagedDeploymentID', c.bd.stagedDeploymentID || '—');
    kv(dl, 'appliedDeploymentID', c.bd.appliedDeploymentID || '—');
    kv(dl, 'ready', String(c.bd.ready));
  } else kv(dl, 'BundleDeployment', 'none yet (Pending)');
  if (c.message) kv(dl, 'Message', c.message);
  detail.append(dl, canary);
  if (c.nonReady.length) {
    detail.append(el('h3', undefined, 'Non-ready resources'));
    const ul = el('ul', 'nonready');
    for (const r of c.nonReady) ul.append(el('li', r.error ? 'err' : '', `${r.kind} ${r.namespace}/${r.name} [${r.state}] ${r.message}`));
    detail.append(ul);
  }
  const labels = el('div', 'labels');
  for (const [k, v] of Object.entries(c.labels)) labels.append(el('span', 'label', `${k}=${v}`));
  detail.append(el('h3', undefined, 'Labels'), labels);
}
