/**
 * Tree items of the Rollouts view: icons with theme colours, descriptions and markdown tooltips
 * for contexts, namespaces, Rollouts and what is under a Rollout (analysis, steps, revisions).
 */
import * as vscode from 'vscode';
import type { AnalysisRunInfo, ExperimentInfo, ReplicaSetInfo, RevisionInfo } from '../../../../server/src/semantics/status';
import { phaseKind, type ContextView, type NamespaceView, type PhaseKind, type RolloutView } from '../../model/rollouts';
import type { HealthState } from '../../model/health';

export type Node =
  | { kind: 'context'; view: ContextView; server?: string }
  | { kind: 'namespace'; view: NamespaceView }
  | { kind: 'rollout'; view: RolloutView }
  | { kind: 'detail'; id: string; item: vscode.TreeItem; children?: Node[] };

const color = (id: string) => new vscode.ThemeColor(id);

export const PHASE_ICON: Record<PhaseKind, vscode.ThemeIcon> = {
  Healthy: new vscode.ThemeIcon('pass-filled', color('testing.iconPassed')),
  Progressing: new vscode.ThemeIcon('sync~spin', color('charts.blue')),
  Paused: new vscode.ThemeIcon('debug-pause', color('charts.yellow')),
  Degraded: new vscode.ThemeIcon('error', color('testing.iconFailed')),
  Aborted: new vscode.ThemeIcon('circle-slash', color('testing.iconFailed')),
  Unknown: new vscode.ThemeIcon('question', color('charts.orange')),
};

const HEALTH_ICON: Record<HealthState, vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('server-environment', color('testing.iconPassed')),
  connecting: new vscode.ThemeIcon('loading~spin'),
  reconnecting: new vscode.ThemeIcon('sync~spin', color('charts.yellow')),
  unreachable: new vscode.ThemeIcon('debug-disconnect', color('testing.iconFailed')),
  unauthorized: new vscode.ThemeIcon('key', color('testing.iconFailed')),
  forbidden: new vscode.ThemeIcon('lock', color('charts.orange')),
  crdMissing: new vscode.ThemeIcon('warning', color('charts.orange')),
  error: new vscode.ThemeIcon('error', color('testing.iconFailed')),
};

/** Icons of AnalysisRun / Experiment / metric phases. */
function analysisIcon(phase: string): vscode.ThemeIcon {
  switch (phase) {
    case 'Successful':
      return PHASE_ICON.Healthy;
    case 'Failed':
      return PHASE_ICON.Degraded;
    case 'Error':
      return new vscode.ThemeIcon('warning', color('charts.orange'));
    case 'Inconclusive':
      return new vscode.ThemeIcon('question', color('charts.yellow'));
    case 'Running':
      return PHASE_ICON.Progressing;
    case 'Pending':
      return new vscode.ThemeIcon('clock');
  }
  return new vscode.ThemeIcon('circle-outline');
}

function replicaSetIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'Healthy':
      return PHASE_ICON.Healthy;
    case 'Progressing':
      return PHASE_ICON.Progressing;
    case 'ReplicaFailure':
      return PHASE_ICON.Degraded;
  }
  return new vscode.ThemeIcon('circle-outline', color('disabledForeground'));
}

const md = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

export function contextItem(node: Extract<Node, { kind: 'context' }>): vscode.TreeItem {
  const v = node.view;
  const item = new vscode.TreeItem(v.context, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `ctx:${v.context}`;
  item.iconPath = HEALTH_ICON[v.health.state];
  const count = v.total === v.shown ? `${v.total} rollout${v.total === 1 ? '' : 's'}` : `${v.shown} of ${v.total} rollouts`;
  item.description = v.health.state === 'ok' ? count : v.health.hasData ? `${v.health.label} · ${count}` : v.health.label;
  const tip = new vscode.MarkdownString(`**${md(v.context)}** — ${md(v.health.label)}\n\n`);
  if (node.server) tip.appendMarkdown(`API server: \`${node.server}\`\n\n`);
  for (const p of v.health.problems) tip.appendMarkdown(`- ${md(p)}\n`);
  item.tooltip = tip;
  item.contextValue = `fleetRollouts.context.${v.health.state}`;
  return item;
}

export function namespaceItem(v: NamespaceView): vscode.TreeItem {
  const item = new vscode.TreeItem(v.namespace, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `ns:${v.context}/${v.namespace}`;
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.description = `${v.rollouts.length} rollout${v.rollouts.length === 1 ? '' : 's'}`;
  item.contextValue = 'fleetRollouts.namespace';
  return item;
}

export function rolloutItem(r: RolloutView): vscode.TreeItem {
  const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `ro:${r.context}/${r.namespace}/${r.name}`;
  const kind = phaseKind(r.info);
  item.iconPath = PHASE_ICON[kind];
  item.description = [r.statusText, r.progress].filter(Boolean).join(' · ');
  item.tooltip = rolloutTooltip(r);
  // Menus test these words: `viewItem =~ /\brollout\b/`, `/\bpaused\b/`, `/\bcanary\b/` …
  item.contextValue = ['fleetRollouts', 'rollout', kind.toLowerCase(), r.info.strategy.toLowerCase()].filter(Boolean).join(' ');
  item.accessibilityInformation = { label: `Rollout ${r.name}, ${r.statusText}${r.progress ? `, ${r.progress}` : ''}` };
  return item;
}

/** The header block of `kubectl argo rollouts get rollout`, as markdown. */
export function rolloutTooltip(r: RolloutView): vscode.MarkdownString {
  const i = r.info;
  const rows: Array<[string, string]> = [
    ['Name', i.name],
    ['Namespace', i.namespace],
    ['Context', r.context],
    ['Status', i.status],
  ];
  if (i.message) rows.push(['Message', i.message]);
  if (i.strategy) rows.push(['Strategy', i.strategy]);
  if (i.strategy === 'Canary') rows.push(['Step', i.step], ['SetWeight', i.setWeight], ['ActualWeight', i.actualWeight]);
  const t = new vscode.MarkdownString();
  t.appendMarkdown(rows.map(([k, v]) => `**${k}:** ${md(v)}`).join('  \n'));
  if (i.images.length) t.appendMarkdown(`  \n**Images:** ${i.images.map((im) => `\`${im.image}\`${im.tags.length ? ` (${im.tags.join(', ')})` : ''}`).join(', ')}`);
  t.appendMarkdown(`  \n**Replicas:** desired ${i.desired} · current ${i.current} · updated ${i.updated} · ready ${i.ready} · available ${i.available}`);
  if (r.analysis) t.appendMarkdown(`  \n**Analysis:** ${md(r.analysis.info.name)} — ${md(r.analysis.info.status || 'Pending')}`);
  return t;
}

function detail(id: string, label: string, opts: { description?: string; icon?: vscode.ThemeIcon; tooltip?: string | vscode.MarkdownString; children?: Node[]; expanded?: boolean; contextValue?: string }): Node {
  const state = opts.children?.length ? (opts.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(label, state);
  item.id = id;
  item.description = opts.description;
  item.iconPath = opts.icon;
  item.tooltip = opts.tooltip;
  item.contextValue = opts.contextValue ?? 'fleetRollouts.detail';
  return { kind: 'detail', id, item, children: opts.children };
}

/** A row that only says something (a failure of the context, an empty namespace list). */
export function messageNode(id: string, text: string, icon: vscode.ThemeIcon, tooltip?: string): Node {
  return detail(id, text, { icon, tooltip: tooltip ?? text, contextValue: 'fleetRollouts.message' });
}

export function healthProblemNodes(v: ContextView): Node[] {
  const icon = HEALTH_ICON[v.health.state];
  return v.health.problems.map((p, n) => messageNode(`ctx:${v.context}:problem:${n}`, p.replace(`${v.context}: `, ''), icon, p));
}

function runCounts(a: AnalysisRunInfo): string {
  const parts: string[] = [];
  if (a.successful) parts.push(`✔ ${a.successful}`);
  if (a.failed) parts.push(`✖ ${a.failed}`);
  if (a.inconclusive) parts.push(`? ${a.inconclusive}`);
  if (a.error) parts.push(`⚠ ${a.error}`);
  return parts.join(', ');
}

function analysisRunNode(base: string, a: AnalysisRunInfo, metrics?: RolloutView['analysis']): Node {
  const children = (metrics?.metrics ?? []).map((m) =>
    detail(`${base}/metric:${m.name}`, m.name, {
      icon: analysisIcon(m.phase),
      description: [m.phase || 'Pending', m.lastValue && `last ${m.lastValue}`, m.successCondition && `success: ${m.successCondition}`, `✔ ${m.successful} ✖ ${m.failed}${m.inconclusive ? ` ? ${m.inconclusive}` : ''}${m.error ? ` ⚠ ${m.error}` : ''}`].filter(Boolean).join(' · '),
      tooltip: [m.name, m.message, m.successCondition && `successCondition: ${m.successCondition}`, `failureLimit: ${m.failureLimit}`].filter(Boolean).join('\n'),
    }),
  );
  return detail(`${base}/ar:${a.name}`, a.name, {
    icon: analysisIcon(a.status),
    description: [`AnalysisRun ${a.status || 'Pending'}`, runCounts(a)].filter(Boolean).join(' · '),
    tooltip: [a.name, a.status, a.message].filter(Boolean).join('\n'),
    children,
    expanded: true,
  });
}

function tagsOf(rs: ReplicaSetInfo): string[] {
  return (['stable', 'canary', 'active', 'preview', 'ping', 'pong'] as const).filter((t) => rs[t]);
}

function replicaSetNode(base: string, rs: ReplicaSetInfo): Node {
  const images = [...rs.initContainerImages, ...rs.images];
  return detail(`${base}/rs:${rs.name}`, rs.name, {
    icon: replicaSetIcon(rs.status),
    description: [rs.status, `${rs.available}/${rs.replicas}`, tagsOf(rs).join(',')].filter(Boolean).join(' · '),
    tooltip: `ReplicaSet ${rs.name}\n${rs.status}, ${rs.available} of ${rs.replicas} available\n${images.join('\n')}`,
    children: images.map((im, n) => detail(`${base}/rs:${rs.name}/img:${n}`, im, { icon: new vscode.ThemeIcon('package'), contextValue: 'fleetRollouts.image' })),
  });
}

function experimentNode(base: string, e: ExperimentInfo): Node {
  const id = `${base}/exp:${e.name}`;
  return detail(id, e.name, {
    icon: analysisIcon(e.status),
    description: `Experiment ${e.status}`,
    tooltip: [e.name, e.status, e.message].filter(Boolean).join('\n'),
    children: [...e.replicaSets.map((rs) => replicaSetNode(id, rs)), ...e.analysisRuns.map((a) => analysisRunNode(id, a))],
  });
}

function revisionNode(base: string, rev: RevisionInfo, current: number): Node {
  const id = `${base}/rev:${rev.revision}`;
  const tags = [...new Set(rev.replicaSets.flatMap(tagsOf))];
  return detail(id, `revision ${rev.revision}`, {
    icon: new vscode.ThemeIcon(rev.revision === current ? 'git-commit' : 'history'),
    description: tags.join(', '),
    children: [...rev.replicaSets.map((rs) => replicaSetNode(id, rs)), ...rev.experiments.map((e) => experimentNode(id, e)), ...rev.analysisRuns.map((a) => analysisRunNode(id, a))],
    expanded: rev.revision === current,
  });
}

/** Under a Rollout: the current/last analysis with its metrics, the canary steps, the revisions. */
export function rolloutChildren(r: RolloutView): Node[] {
  const base = `ro:${r.context}/${r.namespace}/${r.name}`;
  const out: Node[] = [];
  if (r.analysis) out.push(analysisRunNode(`${base}/analysis`, r.analysis.info, r.analysis));
  const i = r.info;
  if (i.steps.length) {
    const index = i.currentStepIndex ?? 0;
    out.push(
      detail(`${base}/steps`, 'Steps', {
        icon: new vscode.ThemeIcon('list-ordered'),
        description: i.step ? `${i.step}` : undefined,
        children: i.steps.map((s, n) =>
          detail(`${base}/steps/${n}`, `${n + 1}. ${s}`, {
            icon: n < index ? new vscode.ThemeIcon('check', color('testing.iconPassed')) : n === index ? new vscode.ThemeIcon('arrow-right', color('charts.blue')) : new vscode.ThemeIcon('circle-small'),
            description: n === index ? 'current' : undefined,
          }),
        ),
      }),
    );
  }
  const current = i.revisions[0]?.revision ?? 0;
  for (const rev of i.revisions) out.push(revisionNode(base, rev, current));
  return out;
}
