/**
 * The drill-down's messages, checked on arrival like the rest of the board protocol
 * (../model/protocol.ts calls these): the webview asks to open or close a cluster's drill-down,
 * the extension answers with its data. No `vscode`, no DOM.
 */
import type { ClusterDrilldown } from './types';

export type DrilldownRequest = { type: 'drilldown'; cluster: string } | { type: 'drilldownClose' };
export type DrilldownData = { type: 'drilldown'; data: ClusterDrilldown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A Fleet Cluster name (a Kubernetes object name: DNS subdomain). */
const isClusterName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v);

/** Webview → extension; undefined when the message is not a well-formed drill-down request. */
export function parseDrilldownRequest(raw: Record<string, unknown>): DrilldownRequest | undefined {
  if (raw.type === 'drilldown') return isClusterName(raw.cluster) ? { type: 'drilldown', cluster: raw.cluster } : undefined;
  if (raw.type === 'drilldownClose') return { type: 'drilldownClose' };
  return undefined;
}

/** Extension → webview: the shape the pane draws from (the data are built by our own code). */
export function parseDrilldownData(raw: Record<string, unknown>): DrilldownData | undefined {
  const d = raw.data;
  if (!isRecord(d) || typeof d.cluster !== 'string' || typeof d.problem !== 'string' || !Array.isArray(d.rollouts) || typeof d.at !== 'number') return undefined;
  if (!d.rollouts.every((r) => isRecord(r) && typeof r.name === 'string' && Array.isArray(r.weights) && Array.isArray(r.analysisRuns) && Array.isArray(r.events))) return undefined;
  return { type: 'drilldown', data: d as unknown as ClusterDrilldown };
}
