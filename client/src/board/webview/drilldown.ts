/// <reference lib="dom" />
/**
 * The canary part of the board's detail pane (webview side): for the opened cluster, each Rollout
 * with its status, its steps as a timeline, weight over time, its AnalysisRuns' metrics against
 * their thresholds, and recent Events. Text only through `textContent`; charts in chart.ts, drawn
 * again when the theme changes.
 */
import type { AnalysisRunView, ClusterDrilldown, EventView, MetricView, RolloutDrilldown, Timeline } from '../drilldown/types';
import { metricChart, weightChart, type Chart } from './chart';
import { onThemeChange } from './chart-theme';
import './drilldown.css';
import { el } from './dom';

function since(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m}m`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h}h` : `${Math.round(h / 24)}d`;
}

const PHASE_CLASS: Record<string, string> = { Healthy: 'ok', Successful: 'ok', Progressing: 'run', Running: 'run', Paused: 'pause', Degraded: 'bad', Failed: 'bad', Error: 'bad', Inconclusive: 'pause' };

function phaseBadge(phase: string): HTMLElement {
  return el('span', `cbadge ${PHASE_CLASS[phase] ?? ''}`, phase || 'Pending');
}

function timelineList(t: Timeline): HTMLElement {
  const ol = el('ol', `timeline${t.aborted ? ' aborted' : ''}`);
  ol.setAttribute('aria-label', 'Canary steps');
  for (const s of t.steps) {
    const li = el('li', `step ${s.state} kind-${s.kind}`);
    li.append(el('span', 'marker'), el('span', 'slabel', `${s.index}. ${s.label}`));
    if (s.detail) li.append(el('span', 'sdetail', s.detail));
    li.setAttribute('aria-current', String(s.state === 'current'));
    ol.append(li);
  }
  if (t.complete) ol.append(el('li', 'step done final', 'all steps done'));
  return ol;
}

function eventList(events: readonly EventView[], at: number, problem: string): HTMLElement {
  const box = el('div', 'events');
  if (problem) box.append(el('p', 'hint', problem));
  else if (events.length === 0) box.append(el('p', 'hint', 'No recent Event.'));
  const ul = el('ul');
  for (const e of events) {
    const li = el('li', e.type === 'Warning' ? 'warn' : '');
    li.append(el('span', 'etime', since(at - e.last)), el('span', 'ereason', e.reason), el('span', 'emsg', `${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`));
    ul.append(li);
  }
  box.append(ul);
  return box;
}

export class DrilldownView {
  readonly root = el('div', 'canary');
  private charts: Chart[] = [];
  private data: ClusterDrilldown | undefined;
  private readonly stopTheme: () => void;

  constructor() {
    this.root.setAttribute('aria-label', 'Argo Rollouts of the cluster');
    this.stopTheme = onThemeChange(() => this.render());
  }

  get cluster(): string | undefined {
    return this.data?.cluster;
  }

  show(data: ClusterDrilldown | undefined): void {
    this.data = data;
    this.render();
  }

  /** Waiting for the extension's answer about `cluster`. */
  loading(cluster: string): void {
    this.data = undefined;
    this.clear();
    this.root.append(el('h3', undefined, 'Canary'), el('p', 'hint', `Reading the Rollouts of ${cluster}…`));
  }

  private clear(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
    this.root.textContent = '';
  }

  private render(): void {
    const d = this.data;
    if (!d) return;
    this.clear();
    this.root.append(el('h3', undefined, d.context ? `Canary · context ${d.context}` : 'Canary'));
    if (d.problem) this.root.append(el('p', `hint${d.context ? '' : ' noctx'}`, d.problem));
    for (const r of d.rollouts) this.root.append(this.rollout(r, d.at));
  }

  private chartBox(cls: string, draw: (box: HTMLElement) => Chart): HTMLElement {
    const box = el('div', `chart ${cls}`);
    // Drawn once the box is in the document, so it has a width.
    requestAnimationFrame(() => {
      if (box.isConnected) this.charts.push(draw(box));
    });
    return box;
  }

  private rollout(r: RolloutDrilldown, at: number): HTMLElement {
    const sec = el('section', 'ro');
    const h = el('h4');
    h.append(phaseBadge(r.status), document.createTextNode(` ${r.namespace}/${r.name}`));
    sec.append(h);
    const facts: string[] = [r.strategy || 'no strategy'];
    if (r.step) facts.push(`step ${r.step}`);
    if (r.timeline?.stoppedAt !== undefined) facts.push(`aborted at step ${r.timeline.stoppedAt}`);
    if (r.timeline) facts.push(`setWeight ${r.timeline.setWeight} · actual weight ${r.timeline.actualWeight}`);
    sec.append(el('div', 'rfacts', facts.join(' · ')));
    if (r.message) sec.append(el('div', 'rmsg', r.message));
    if (r.timeline) {
      sec.append(timelineList(r.timeline));
      sec.append(el('h5', undefined, `Weight since the board opened (${r.weights.length} samples)`));
      const weights = r.weights;
      sec.append(this.chartBox('weight', (box) => weightChart(box, weights)));
    }
    for (const run of r.analysisRuns) sec.append(this.analysisRun(run));
    sec.append(el('h5', undefined, 'Recent Events'), eventList(r.events, at, r.eventsProblem));
    return sec;
  }

  private analysisRun(run: AnalysisRunView): HTMLElement {
    const box = el('div', 'arun');
    const h = el('h5');
    h.append(phaseBadge(run.phase), document.createTextNode(` AnalysisRun ${run.name} (revision ${run.revision})`));
    box.append(h);
    if (run.message) box.append(el('div', 'rmsg', run.message));
    for (const m of run.metrics) box.append(this.metric(m));
    return box;
  }

  private metric(m: MetricView): HTMLElement {
    const box = el('div', 'metric');
    const conds = [m.successCondition && `successCondition: ${m.successCondition}`, m.failureCondition && `failureCondition: ${m.failureCondition}`].filter(Boolean).join(' · ');
    const counts = `${m.successful} successful, ${m.failed} failed (limit ${m.failureLimit}), ${m.inconclusive} inconclusive, ${m.error} error`;
    const head = el('div', 'mhead');
    head.append(phaseBadge(m.phase), el('span', 'mname', m.name), el('span', 'mcounts', counts));
    box.append(head, el('div', 'mcond', conds || 'no condition'));
    if (m.thresholds.length === 0 && conds) box.append(el('div', 'hint', 'The conditions are not simple comparisons: no threshold line drawn.'));
    else if (!m.thresholdsExact) box.append(el('div', 'hint', 'Part of a condition is not drawn.'));
    if (m.measurements.some((p) => p.value !== undefined)) box.append(this.chartBox('measure', (b) => metricChart(b, m)));
    else if (m.measurements.length) box.append(el('div', 'hint', `Values: ${m.measurements.map((p) => p.raw || p.phase).join(', ')}`));
    else box.append(el('div', 'hint', 'No measurement yet.'));
    if (m.message) box.append(el('div', 'rmsg', m.message));
    return box;
  }

  dispose(): void {
    this.stopTheme();
    this.clear();
  }
}
