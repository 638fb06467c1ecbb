/// <reference lib="dom" />
/**
 * The wave board webview (browser side, bundled by esbuild into dist/board.js). Plain DOM, no
 * framework: wave columns with bucket counts, a virtualised cluster list (only the visible rows
 * exist in the DOM, so 500 or 5000 clusters cost the same), a drill-down for the selected
 * cluster, keyboard navigation, and UI state kept with `setState` so a hidden-then-shown panel
 * comes back as it was. Every message from the extension is checked (`parseToWebview`); text is
 * only ever set with `textContent`.
 */
import { BUCKETS, type BoardCluster, type Bucket, type WaveBoard } from '../model/types';
import { emptyDetailHint, filterLabel, filterPlaceholder, rowCount } from '../model/wording';
import { parseToWebview, type FromWebview } from '../model/protocol';
import { DrilldownView } from './drilldown';
import { appSearchText, appSideText, appStateText, relabelGroups, renderApplicationDetail } from './rolling-sync-view';
import { relabelDirectWaveGroups, renderTargetDetail, targetSideText, targetStateText } from './direct-waves-view';
import { BUCKET_LABEL, groupCard, waveCard } from './wave-cards';
import { BoardHeader } from './header-view';
import { renderFleetClusterDetail } from './fleet-cluster-view';
import './board.css';
import { el, type Post } from './dom';
import { ago } from '../model/format';

interface VsCodeApi {
  postMessage(msg: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post: Post = (msg) => vscode.postMessage(msg);

/** What the list shows: all clusters, one wave, or a special group. */
type Scope = { kind: 'all' } | { kind: 'wave'; index: number } | { kind: 'offline' } | { kind: 'excluded' } | { kind: 'multi' };

interface UiState {
  scope: Scope;
  bucket: Bucket | '';
  query: string;
  selected: string | undefined;
  scrollTop: number;
  /** The detail pane (with the cluster's canary drill-down) is open for the selected cluster. */
  open?: boolean;
}

interface Saved {
  v: 1;
  model?: WaveBoard;
  seq?: number;
  ui: UiState;
}

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

const saved = vscode.getState() as Saved | undefined;
let model: WaveBoard | undefined = saved?.v === 1 ? saved.model : undefined;
let seq = saved?.seq ?? 0;
const ui: UiState = saved?.v === 1 ? { ...saved.ui } : { scope: { kind: 'all' }, bucket: '', query: '', selected: undefined, scrollTop: 0 };
let rendered = false;
let visible: number[] = [];
let saveTimer: number | undefined;

function save(): void {
  // Debounced: scrolling must not serialise the model on every frame.
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => vscode.setState({ v: 1, model, seq, ui } satisfies Saved), 200);
}

// ---------------------------------------------------------------------------------------------
// Static skeleton (built once)

const app = document.getElementById('app')!;
app.textContent = '';
const header = new BoardHeader(post);
const flash = el('div', 'flash');
flash.setAttribute('role', 'alert');
const wavesBox = el('div', 'waves');
wavesBox.setAttribute('role', 'toolbar');
wavesBox.setAttribute('aria-label', 'Partitions');
const main = el('div', 'main');
const listPane = el('section', 'listpane');
const filters = el('div', 'filters');
const search = el('input', 'search');
search.type = 'search';
search.placeholder = filterPlaceholder('fleet');
search.setAttribute('aria-label', filterLabel('fleet'));
const bucketSel = el('select', 'bucketsel');
bucketSel.setAttribute('aria-label', 'Bucket');
for (const b of ['', ...BUCKETS]) {
  const o = el('option', undefined, b ? BUCKET_LABEL[b as Bucket] : 'every state');
  o.value = b;
  bucketSel.append(o);
}
const listInfo = el('span', 'listinfo');
filters.append(search, bucketSel, listInfo);
const list = el('div', 'list');
list.tabIndex = 0;
list.setAttribute('role', 'listbox');
list.setAttribute('aria-label', 'Clusters');
const spacer = el('div', 'spacer');
const rowsBox = el('div', 'rows');
list.append(spacer, rowsBox);
listPane.append(filters, list);
const detail = el('section', 'detail');
detail.tabIndex = -1;
detail.setAttribute('aria-label', 'Cluster details');
main.append(listPane, detail);
app.append(...header.parts, flash, wavesBox, main);

search.value = ui.query;
bucketSel.value = ui.bucket;
search.addEventListener('input', () => {
  ui.query = search.value;
  refilter();
});
bucketSel.addEventListener('change', () => {
  ui.bucket = bucketSel.value as Bucket | '';
  refilter();
});

// ---------------------------------------------------------------------------------------------
// Header, gates, waves

function renderHeader(m: WaveBoard): void {
  search.placeholder = filterPlaceholder(m.mode);
  search.setAttribute('aria-label', filterLabel(m.mode));
  header.render(m, search);
}

function scopeEquals(a: Scope, b: Scope): boolean {
  return a.kind === b.kind && (a.kind !== 'wave' || a.index === (b as { index: number }).index);
}

/** Toggles the list between `scope` and all clusters. */
function toggleScope(scope: Scope): () => void {
  return () => setScope(scopeEquals(ui.scope, scope) ? { kind: 'all' } : scope);
}

function renderGroupCard(kind: 'offline' | 'excluded' | 'multi', label: string, n: number, hint: string): HTMLElement {
  return groupCard(kind, label, n, hint, scopeEquals(ui.scope, { kind }), toggleScope({ kind }));
}

function renderWaves(m: WaveBoard): void {
  wavesBox.textContent = '';
  for (const w of m.waves) {
    const scope: Scope = { kind: 'wave', index: w.index };
    wavesBox.append(waveCard(w, m, scopeEquals(ui.scope, scope), toggleScope(scope), post));
  }
  const oldest = m.offline[0] !== undefined ? m.clusters[m.offline[0]] : undefined;
  const groups = el('div', 'groups');
  wavesBox.append(groups);
  groups.append(
    renderGroupCard('offline', 'Offline / unknown', m.offline.length, oldest ? `silent > ${Math.round(m.offlineThresholdMs / 60000)} min; longest ${oldest.name} (${oldest.lastSeen ? ago(m.at - oldest.lastSeen) : 'never seen'})` : 'every agent checked in recently'),
    renderGroupCard('excluded', 'In no partition', m.excluded.length, 'targeted, never deployed'),
    renderGroupCard('multi', 'In several partitions', m.multi.length, 'counted in each partition'),
  );
  if (m.mode === 'rollingSync') relabelGroups(groups, m);
  if (m.mode === 'directWaves') relabelDirectWaveGroups(groups);
}

function setScope(scope: Scope): void {
  ui.scope = scope;
  if (model) renderWaves(model);
  refilter();
}

// ---------------------------------------------------------------------------------------------
// Virtualised list

function matches(c: BoardCluster, q: string): boolean {
  if (!q) return true;
  if (c.name.includes(q) || c.state.toLowerCase().includes(q) || c.bucket.includes(q)) return true;
  for (const v of Object.values(c.labels)) if (v.includes(q)) return true;
  return !!c.app && appSearchText(c.app).includes(q);
}

function refilter(keepScroll = false): void {
  if (!model) return;
  const m = model;
  let base: number[];
  switch (ui.scope.kind) {
    case 'wave':
      base = m.waves[ui.scope.index]?.members ?? [];
      break;
    case 'offline':
      base = m.offline;
      break;
    case 'excluded':
      base = m.excluded;
      break;
    case 'multi':
      base = m.multi;
      break;
    default:
      base = m.clusters.map((_, i) => i);
  }
  const q = ui.query.trim().toLowerCase();
  visible = base.filter((i) => (!ui.bucket || m.clusters[i].bucket === ui.bucket) && matches(m.clusters[i], q));
  listInfo.textContent = `${visible.length} of ${rowCount(m.mode, m.clusters.length)}`;
  spacer.style.height = `${visible.length * ROW_HEIGHT}px`;
  if (!keepScroll) list.scrollTop = 0;
  renderRows();
  save();
}

const rowPool: HTMLElement[] = [];

function row(): HTMLElement {
  const r = el('div', 'row');
  r.setAttribute('role', 'option');
  r.append(el('span', 'dot'), el('span', 'cname'), el('span', 'cstate'), el('span', 'cwaves'), el('span', 'cseen'));
  r.addEventListener('click', () => {
    select(r.dataset.name);
    list.focus();
  });
  r.addEventListener('dblclick', () => openDetail());
  return r;
}

function renderRows(): void {
  if (!model) return;
  const m = model;
  const top = list.scrollTop;
  const height = list.clientHeight || 400;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const needed = last - first;
  while (rowPool.length < needed) rowPool.push(row());
  rowsBox.textContent = '';
  for (let k = 0; k < needed; k++) {
    const idx = first + k;
    const c = m.clusters[visible[idx]];
    const r = rowPool[k];
    r.style.transform = `translateY(${idx * ROW_HEIGHT}px)`;
    r.dataset.name = c.name;
    r.id = `row-${idx}`;
    const sel = c.name === ui.selected;
    r.classList.toggle('selected', sel);
    r.setAttribute('aria-selected', String(sel));
    const [dot, name, state, waves, seen] = r.children as unknown as HTMLElement[];
    dot.className = `dot ${c.bucket}`;
    name.textContent = c.name;
    state.textContent = c.state + (c.paused ? ' · paused' : '');
    waves.textContent = c.waves.length ? c.waves.map((w) => m.waves[w]?.name ?? '').join(', ') : '—';
    seen.textContent = c.lastSeen === undefined ? 'never seen' : c.offline ? `offline ${ago(m.at - c.lastSeen)}` : `${ago(m.at - c.lastSeen)} ago`;
    seen.classList.toggle('off', c.offline);
    if (c.app) {
      state.textContent = appStateText(c.app);
      const side = appSideText(c, m);
      seen.textContent = side.text;
      seen.classList.toggle('off', side.off);
    }
    if (c.target) {
      state.textContent = targetStateText(c);
      seen.textContent = targetSideText(c);
      seen.classList.toggle('off', c.offline);
    }
    rowsBox.append(r);
  }
  const selIdx = visible.findIndex((i) => m.clusters[i].name === ui.selected);
  if (selIdx >= first && selIdx < last) list.setAttribute('aria-activedescendant', `row-${selIdx}`);
  else list.removeAttribute('aria-activedescendant');
}

let scrollQueued = false;
list.addEventListener('scroll', () => {
  ui.scrollTop = list.scrollTop;
  if (scrollQueued) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    renderRows();
    save();
  });
});
window.addEventListener('resize', () => renderRows());

function select(name: string | undefined): void {
  ui.selected = name;
  ui.open = name !== undefined;
  requestDrilldown();
  renderRows();
  renderDetail();
  save();
}

function moveSelection(delta: number): void {
  if (!model || visible.length === 0) return;
  const cur = visible.findIndex((i) => model!.clusters[i].name === ui.selected);
  const next = Math.max(0, Math.min(visible.length - 1, cur < 0 ? 0 : cur + delta));
  ui.selected = model.clusters[visible[next]].name;
  const y = next * ROW_HEIGHT;
  if (y < list.scrollTop) list.scrollTop = y;
  else if (y + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = y + ROW_HEIGHT - list.clientHeight;
  renderRows();
  requestDrilldown();
  renderDetail();
  save();
}

function openDetail(): void {
  ui.open = ui.selected !== undefined;
  requestDrilldown();
  renderDetail();
  save();
  detail.classList.add('focused');
  detail.focus();
}

function closeDetail(): void {
  if (ui.open) vscode.postMessage({ type: 'drilldownClose' });
  ui.open = false;
  renderDetail();
  save();
  detail.classList.remove('focused');
  list.focus();
}

list.addEventListener('keydown', (e) => {
  const page = Math.max(1, Math.floor(list.clientHeight / ROW_HEIGHT) - 1);
  const keys: Record<string, () => void> = {
    ArrowDown: () => moveSelection(1),
    ArrowUp: () => moveSelection(-1),
    PageDown: () => moveSelection(page),
    PageUp: () => moveSelection(-page),
    Home: () => moveSelection(-visible.length),
    End: () => moveSelection(visible.length),
    Enter: () => openDetail(),
    Escape: () => closeDetail(),
  };
  const f = keys[e.key];
  if (f) {
    e.preventDefault();
    f();
  }
});
detail.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeDetail();
});
wavesBox.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const cards = Array.from(wavesBox.querySelectorAll<HTMLElement>('button.wave'));
  // Partition cards, then the three group buttons, in reading order.
  const i = cards.indexOf(document.activeElement as HTMLElement);
  const next = cards[Math.max(0, Math.min(cards.length - 1, i + (e.key === 'ArrowRight' ? 1 : -1)))];
  next?.focus();
  e.preventDefault();
});
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== search) {
    e.preventDefault();
    search.focus();
  }
});

// ---------------------------------------------------------------------------------------------
// Drill-down

const canary = new DrilldownView();
let drilldownTimer: number | undefined;

/** Asks the extension for the selected cluster's canary; debounced, so arrowing through rows asks once where it stops. */
function requestDrilldown(): void {
  if (drilldownTimer !== undefined) clearTimeout(drilldownTimer);
  const name = ui.selected;
  // Fleet clusters only: RollingSync rows are Applications, direct-wave rows draw their own detail.
  if (!ui.open || !name || model?.mode !== 'fleet') return;
  if (canary.cluster !== name) canary.loading(name);
  drilldownTimer = window.setTimeout(() => vscode.postMessage({ type: 'drilldown', cluster: name }), 120);
}

function renderDetail(): void {
  detail.textContent = '';
  const m = model;
  const c = m?.clusters.find((x) => x.name === ui.selected);
  if (!m || !c || !ui.open) {
    detail.append(el('p', 'hint', emptyDetailHint(m?.mode ?? 'fleet')));
    return;
  }
  if (c.target) {
    renderTargetDetail(detail, m, c);
    return;
  }
  if (c.app) {
    renderApplicationDetail(detail, m, c, post);
    return;
  }
  renderFleetClusterDetail(detail, m, c, canary.root);
}

// ---------------------------------------------------------------------------------------------
// Model in, timings out

function renderAll(m: WaveBoard): void {
  renderHeader(m);
  renderWaves(m);
  if (ui.scope.kind === 'wave' && !m.waves[ui.scope.index]) ui.scope = { kind: 'all' };
  refilter(true);
  if (!rendered) list.scrollTop = ui.scrollTop;
  renderRows();
  renderDetail();
}

function measure(kind: 'first' | 'update', t0: number, m: WaveBoard, n: number): void {
  // After layout: force it, then read the clock on the next frame.
  void document.body.offsetHeight;
  requestAnimationFrame(() => {
    const ms = performance.now() - t0;
    document.body.dataset[kind === 'first' ? 'firstRenderMs' : 'updateMs'] = ms.toFixed(1);
    document.body.dataset.seq = String(n);
    vscode.postMessage({ type: 'timing', kind, ms, clusters: m.clusters.length, seq: n });
  });
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseToWebview(event.data);
  if (!msg) return;
  if (msg.type === 'model') {
    const t0 = performance.now();
    model = msg.model;
    seq = msg.seq;
    const kind = rendered ? 'update' : 'first';
    renderAll(model);
    rendered = true;
    if (kind === 'first') requestDrilldown();
    measure(kind, t0, model, msg.seq);
    save();
  } else if (msg.type === 'status') {
    if (!model) {
      app.dataset.status = msg.level;
      header.next.textContent = msg.text;
    }
  } else if (msg.type === 'drilldown') {
    if (ui.open && msg.data.cluster === ui.selected) canary.show(msg.data);
  } else {
    flash.textContent = msg.text;
    flash.className = `flash ${msg.ok ? 'ok' : 'err'}`;
  }
});

if (model) renderAll(model);
else renderDetail();
vscode.postMessage({ type: 'ready' });
