/**
 * The text of `kubectl argo rollouts get rollout` / `get experiment`: header block, then the tree
 * (pkg/kubectl-argo-rollouts/cmd/get/get.go, get_rollout.go, get_experiment.go; argo-rollouts.md
 * §4.6). Byte for byte, including the trailing spaces the tabwriter leaves in empty last columns.
 */
import { age, humanDuration, subMs } from './human-duration';
import { ICON_BAD, ICON_OK, ICON_PROGRESSING, ICON_UNKNOWN, ICON_WAITING, ICON_WARNING, KIND_ICON } from './icons';
import { experimentImages } from './analysis-info';
import type { AnalysisRunInfo, ExperimentInfo, ImageInfo, JobInfo, ReplicaSetInfo, RolloutInfo } from './model';
import { parseTime } from './objects';
import { tabAlign } from './tabwriter';

export interface RenderOptions {
  /** The current time (epoch ms) for AGE and scale-down delays. */
  now: number;
  /**
   * ANSI colors as the plugin prints them (it colors unless `--no-color` or `TERM=dumb`, whether
   * or not the output is a terminal).
   */
  color: boolean;
}

const FG_RED = 31;
const FG_GREEN = 32;
const FG_YELLOW = 33;
const FG_HI_BLUE = 94;

/** `colorMapping` of get.go; anything else is wrapped with code 0. */
const COLOR: Readonly<Record<string, number>> = {
  [ICON_WAITING]: FG_YELLOW,
  [ICON_PROGRESSING]: FG_HI_BLUE,
  [ICON_WARNING]: FG_RED,
  [ICON_UNKNOWN]: FG_YELLOW,
  [ICON_OK]: FG_GREEN,
  [ICON_BAD]: FG_RED,
  canary: FG_YELLOW,
  stable: FG_GREEN,
  active: FG_GREEN,
  preview: FG_HI_BLUE,
  ping: FG_HI_BLUE,
  pong: FG_HI_BLUE,
  Pending: FG_HI_BLUE,
  Running: FG_HI_BLUE,
};

/** `fmt.Sprintf("%-17s%v\n", label, value)`. */
function headerLine(label: string, value: string | number): string {
  return `${label.padEnd(17)}${value}\n`;
}

/** `getPrefixes`: the tree branch of a child and the indent of its own children. */
function prefixes(isLast: boolean, subPrefix: string): [string, string] {
  return isLast ? [`${subPrefix}└──`, `${subPrefix}   `] : [`${subPrefix}├──`, `${subPrefix}│  `];
}

/** `info.ScaleDownDelay`: time left until the scale-down deadline, `passed`, or "" when unparsable. */
export function scaleDownDelay(rs: Pick<ReplicaSetInfo, 'scaleDownDeadline'>, now: number): string {
  const deadline = parseTime(rs.scaleDownDeadline);
  if (deadline === undefined) return '';
  if (deadline < now) return 'passed';
  return humanDuration(subMs(deadline, now));
}

class Printer {
  private readonly rows: string[] = [];

  constructor(private readonly o: RenderOptions) {}

  /** `ansiFormat(s, code)`: always wraps (code 0 too) when colors are on. */
  private wrap(s: string, code: number): string {
    return this.o.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }

  /** `colorize`: a well-known word or icon in its color. */
  colorize(s: string): string {
    return this.wrap(s, COLOR[s] ?? 0);
  }

  /** `colorizeStatus`: any text in the color of a status or tag. */
  colorizeStatus(s: string, status: string): string {
    return this.wrap(s, COLOR[status] ?? 0);
  }

  formatImage(image: ImageInfo): string {
    if (image.tags.length === 0) return image.image;
    return `${image.image} (${image.tags.map((t) => this.colorize(t)).join(', ')})`;
  }

  imagesBlock(images: readonly ImageInfo[]): string {
    let s = '';
    images.forEach((img, i) => (s += headerLine(i === 0 ? 'Images:' : '', this.formatImage(img))));
    return s;
  }

  /** `"%s%s %s\t%s\t%s %s\t%s\t%v\n"`: prefix+icon name, kind, icon status, age, info. */
  row(prefix: string, kindIcon: string, name: string, kind: string, icon: string, status: string, ageText: string, info: string): void {
    this.rows.push(`${prefix}${kindIcon} ${name}\t${kind}\t${icon} ${status}\t${ageText}\t${info}\n`);
  }

  table(): string {
    return tabAlign(`NAME\tKIND\tSTATUS\tAGE\tINFO\n${this.rows.join('')}`);
  }

  rollout(ro: RolloutInfo): void {
    this.row('', KIND_ICON.Rollout, ro.name, 'Rollout', this.colorize(ro.icon), ro.status, age(ro.creationTimestamp, this.o.now), '');
    ro.revisions.forEach((rev, i) => {
      const [prefix, sub] = prefixes(i === ro.revisions.length - 1, '');
      this.row(prefix, KIND_ICON.Revision, `revision:${rev.revision}`, '', '', '', '', '');
      const total = rev.replicaSets.length + rev.experiments.length + rev.analysisRuns.length;
      let curr = 0;
      for (const rs of rev.replicaSets) this.replicaSet(rs, ...prefixes(curr++ === total - 1, sub));
      for (const exp of rev.experiments) this.experiment(exp, ...prefixes(curr++ === total - 1, sub));
      for (const run of rev.analysisRuns) this.analysisRun(run, ...prefixes(curr++ === total - 1, sub));
    });
  }

  replicaSet(rs: ReplicaSetInfo, prefix: string, sub: string): void {
    const info: string[] = [];
    let name = rs.name;
    const tag = (t: string) => {
      info.push(this.colorize(t));
      name = this.colorizeStatus(name, t);
    };
    if (rs.stable) tag('stable');
    if (rs.canary) tag('canary');
    else if (rs.active) tag('active');
    else if (rs.preview) tag('preview');
    if (rs.ping) tag('ping');
    if (rs.pong) tag('pong');
    if (rs.scaleDownDeadline !== '') info.push(`delay:${scaleDownDelay(rs, this.o.now)}`);
    this.row(prefix, KIND_ICON.ReplicaSet, name, 'ReplicaSet', this.colorize(rs.icon), rs.status, age(rs.creationTimestamp, this.o.now), info.join(','));
    rs.pods.forEach((pod, i) => {
      const [podPrefix] = prefixes(i === rs.pods.length - 1, sub);
      const podInfo = [`ready:${pod.ready}`];
      if (pod.restarts > 0) podInfo.push(`restarts:${pod.restarts}`);
      this.row(podPrefix, KIND_ICON.Pod, pod.name, 'Pod', this.colorize(pod.icon), pod.status, age(pod.creationTimestamp, this.o.now), podInfo.join(','));
    });
  }

  experiment(exp: ExperimentInfo, prefix: string, sub: string): void {
    this.row(prefix, KIND_ICON.Experiment, this.colorizeStatus(exp.name, exp.status), 'Experiment', this.colorize(exp.icon), exp.status, age(exp.creationTimestamp, this.o.now), '');
    const total = exp.replicaSets.length + exp.analysisRuns.length;
    let curr = 0;
    for (const rs of exp.replicaSets) this.replicaSet(rs, ...prefixes(curr++ === total - 1, sub));
    for (const run of exp.analysisRuns) this.analysisRun(run, ...prefixes(curr++ === total - 1, sub));
  }

  analysisRun(run: AnalysisRunInfo, prefix: string, sub: string): void {
    const info: string[] = [];
    if (run.successful > 0) info.push(`${this.colorize(ICON_OK)} ${run.successful}`);
    if (run.failed > 0) info.push(`${this.colorize(ICON_BAD)} ${run.failed}`);
    if (run.inconclusive > 0) info.push(`${this.colorize(ICON_UNKNOWN)} ${run.inconclusive}`);
    if (run.error > 0) info.push(`${this.colorize(ICON_WARNING)} ${run.error}`);
    this.row(prefix, KIND_ICON.AnalysisRun, this.colorizeStatus(run.name, run.status), 'AnalysisRun', this.colorize(run.icon), run.status, age(run.creationTimestamp, this.o.now), info.join(','));
    run.jobs.forEach((job, i) => this.job(job, prefixes(i === run.jobs.length - 1, sub)[0]));
  }

  job(job: JobInfo, prefix: string): void {
    this.row(prefix, KIND_ICON.Job, this.colorizeStatus(job.name, job.status), 'Job', this.colorize(job.icon), job.status, age(job.startedAt, this.o.now), '');
  }
}

/** `PrintRollout`: what `kubectl argo rollouts get rollout NAME` prints. */
export function renderRollout(ro: RolloutInfo, options: RenderOptions): string {
  const p = new Printer(options);
  let s = headerLine('Name:', ro.name);
  s += headerLine('Namespace:', ro.namespace);
  s += headerLine('Status:', `${p.colorize(ro.icon)} ${ro.status}`);
  if (ro.message !== '') s += headerLine('Message:', ro.message);
  s += headerLine('Strategy:', ro.strategy);
  if (ro.strategy === 'Canary') {
    s += headerLine('  Step:', ro.step);
    s += headerLine('  SetWeight:', ro.setWeight);
    s += headerLine('  ActualWeight:', ro.actualWeight);
  }
  s += p.imagesBlock(ro.images);
  s += 'Replicas:\n';
  s += headerLine('  Desired:', ro.desired);
  s += headerLine('  Current:', ro.current);
  s += headerLine('  Updated:', ro.updated);
  s += headerLine('  Ready:', ro.ready);
  s += headerLine('  Available:', ro.available);
  s += '\n';
  p.rollout(ro);
  return s + p.table();
}

/** `PrintExperiment`: what `kubectl argo rollouts get experiment NAME` prints. */
export function renderExperiment(exp: ExperimentInfo, options: RenderOptions): string {
  const p = new Printer(options);
  let s = headerLine('Name:', exp.name);
  s += headerLine('Namespace:', exp.namespace);
  s += headerLine('Status:', `${p.colorize(exp.icon)} ${exp.status}`);
  if (exp.message !== '') s += headerLine('Message:', exp.message);
  s += p.imagesBlock(experimentImages(exp));
  s += '\n';
  p.experiment(exp, '', '');
  return s + p.table();
}

/** The escape sequences the plugin writes before each redraw in watch mode. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[0;0H';
