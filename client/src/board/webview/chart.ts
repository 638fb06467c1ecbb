/// <reference lib="dom" />
/**
 * The drill-down's two charts, drawn with uPlot on canvas (bundled into dist/board.js; no remote
 * content, no inline style attributes: uPlot sets styles through the CSSOM, which the board's CSP
 * allows). Weight over time: setWeight and actual weight as steps. A metric: its measurements with
 * the threshold lines of its conditions and the failing side shaded. Colours come from the theme
 * at draw time (chart-theme.ts).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricView, Threshold, WeightSample } from '../drilldown/types';
import { chartColors, withAlpha, type ChartColors } from './chart-theme';

const HEIGHT = 150;
/** Shortest time span a chart shows, in seconds: a short history is not stretched across the width. */
const MIN_SPAN_S = 120;
const FAILED_PHASES = new Set(['Failed', 'Error']);

const HOURS_MINUTES = uPlot.fmtDate('{H}:{mm}');
const WITH_SECONDS = uPlot.fmtDate('{H}:{mm}:{ss}');
const WITH_DAY = uPlot.fmtDate('{M}/{D} {H}:{mm}');

/** One line of x labels (uPlot's default adds a date row that overlaps on a narrow pane). */
function timeLabels(_u: uPlot, splits: number[]): string[] {
  const span = splits.length > 1 ? splits[splits.length - 1] - splits[0] : 0;
  const fmt = span < 300 ? WITH_SECONDS : span < 86400 ? HOURS_MINUTES : WITH_DAY;
  return splits.map((s) => fmt(new Date(s * 1000)));
}

function axes(c: ChartColors, yLabel: string): uPlot.Axis[] {
  const common = { stroke: c.muted, font: c.font, grid: { stroke: withAlpha(c.grid, 0.5), width: 1 }, ticks: { stroke: withAlpha(c.grid, 0.7), width: 1 } };
  return [
    { ...common, values: timeLabels, space: 70 },
    { ...common, label: yLabel, labelFont: c.font, size: 48 },
  ];
}

function widthOf(container: HTMLElement): number {
  return Math.max(240, Math.floor(container.clientWidth || 400));
}

/** Keeps a plot as wide as its container. */
function fitWidth(plot: uPlot, container: HTMLElement): () => void {
  const ro = new ResizeObserver(() => {
    const w = widthOf(container);
    if (Math.abs(w - plot.width) > 1) plot.setSize({ width: w, height: HEIGHT });
  });
  ro.observe(container);
  return () => ro.disconnect();
}

export interface Chart {
  destroy(): void;
}

function mount(container: HTMLElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): Chart {
  const plot = new uPlot({ ...opts, width: widthOf(container), height: HEIGHT } as uPlot.Options, data, container);
  const unfit = fitWidth(plot, container);
  return {
    destroy() {
      unfit();
      plot.destroy();
    },
  };
}

/** The x range of the data (seconds), at least `minSpan` long, ending at the last point, padded by `pad` of the span. */
function timeRange(xs: readonly number[], minSpan: number, pad: number): uPlot.Range.MinMax {
  const hi = xs.length ? Math.max(...xs) : Date.now() / 1000;
  const lo = Math.min(xs.length ? Math.min(...xs) : hi, hi - minSpan);
  const margin = (hi - lo) * pad;
  return [lo - margin, hi + margin];
}

/** setWeight and actual weight over the sampled time, 0–100 %. */
export function weightChart(container: HTMLElement, samples: readonly WeightSample[]): Chart {
  const c = chartColors();
  const xs = samples.map((s) => s.t / 1000);
  const data: uPlot.AlignedData = [xs, samples.map((s) => s.setWeight), samples.map((s) => s.actualWeight)];
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  return mount(
    container,
    {
      // At least the last MIN_SPAN_S, so a board open for seconds does not zoom into milliseconds.
      // A little beyond 0–100 so a line at 0 or 100 is not hidden by the frame.
      scales: { x: { time: true, range: timeRange(xs, MIN_SPAN_S, 0) }, y: { range: [-4, 104] } },
      axes: axes(c, 'weight %'),
      series: [
        {},
        // Points on: a sample taken seconds ago is a dot at the right edge before it is a line.
        { label: 'setWeight', stroke: c.blue, width: 2, dash: [6, 4], paths: stepped, points: { show: true, size: 5, stroke: c.blue, fill: c.blue } },
        { label: 'actual weight', stroke: c.green, width: 2, fill: withAlpha(c.green, 0.12), paths: stepped, points: { show: true, size: 7, stroke: c.green, fill: c.background } },
      ],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
    },
    data,
  );
}

/** The y range: the measurements and every threshold, with some room. */
function valueRange(values: readonly number[], thresholds: readonly Threshold[]): [number, number] {
  const all = [...values, ...thresholds.map((t) => t.value)];
  if (all.length === 0) return [0, 1];
  const lo = Math.min(0, ...all);
  let hi = Math.max(...all);
  if (hi === lo) hi = lo + 1;
  const pad = (hi - lo) * 0.15;
  return [lo, hi + pad];
}

/** Dashed threshold lines across the plot, the failing side shaded, and failed measurements ringed. */
function thresholdHook(metric: MetricView, c: ChartColors) {
  return (u: uPlot) => {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    for (const t of metric.thresholds) {
      const y = Math.round(u.valToPos(t.value, 'y', true));
      const color = t.condition === 'failure' ? c.red : c.orange;
      ctx.fillStyle = withAlpha(c.red, 0.08);
      if (t.failsWhen === 'above') ctx.fillRect(left, top, width, Math.max(0, y - top));
      else ctx.fillRect(left, y, width, Math.max(0, top + height - y));
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      ctx.font = c.font.replace(/^\S+/, `${11 * devicePixelRatio}px`);
      ctx.textAlign = 'right';
      ctx.textBaseline = t.failsWhen === 'above' ? 'bottom' : 'top';
      ctx.fillText(`${t.condition === 'failure' ? 'fails if' : 'passes if'} ${t.op} ${t.value}`, left + width - 4 * devicePixelRatio, t.failsWhen === 'above' ? y - 3 : y + 3);
    }
    const xs = u.data[0];
    const ys = u.data[1];
    ctx.strokeStyle = c.red;
    ctx.lineWidth = 2 * devicePixelRatio;
    metric.measurements.forEach((m, i) => {
      const v = ys[i];
      if (!FAILED_PHASES.has(m.phase) || v === null || v === undefined) return;
      const x = u.valToPos(xs[i], 'x', true);
      const y = u.valToPos(v, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 6 * devicePixelRatio, 0, 2 * Math.PI);
      ctx.stroke();
    });
    ctx.restore();
  };
}

/** One metric's measurements against its success/failure thresholds. */
export function metricChart(container: HTMLElement, metric: MetricView): Chart {
  const c = chartColors();
  const xs = metric.measurements.map((m) => m.t / 1000);
  const ys = metric.measurements.map((m) => (m.value === undefined ? null : m.value));
  const numbers = ys.filter((v): v is number => v !== null);
  const range = valueRange(numbers, metric.thresholds);
  return mount(
    container,
    {
      scales: { x: { time: true, range: timeRange(xs, MIN_SPAN_S / 2, 0.05) }, y: { range: () => range } },
      axes: axes(c, metric.name),
      series: [{}, { label: metric.name, stroke: c.purple, width: 2, points: { show: true, size: 7, stroke: c.purple, fill: c.background } }],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [thresholdHook(metric, c)] },
    },
    [xs, ys],
  );
}
