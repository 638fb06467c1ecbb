/**
 * Messages between the wave board webview and the extension, with runtime checks on both sides:
 * anything that does not match is dropped (a webview is untrusted input to the extension, and the
 * webview only trusts what has the expected shape). No `vscode`, no DOM: both sides import it.
 */
import type { WaveBoard } from './types';
import { parseDrilldownData, parseDrilldownRequest, type DrilldownData, type DrilldownRequest } from '../drilldown/protocol';

export type BoardAction = 'pause' | 'unpause' | 'forceUpdate';
export const BOARD_ACTIONS: readonly BoardAction[] = ['pause', 'unpause', 'forceUpdate'];

/** Extension → webview. */
export type ToWebview =
  | { type: 'model'; seq: number; model: WaveBoard }
  | { type: 'status'; level: 'info' | 'warning' | 'error'; text: string }
  | { type: 'actionResult'; ok: boolean; text: string }
  | DrilldownData;

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'action'; action: BoardAction }
  | { type: 'selectBundle'; name: string }
  | { type: 'timing'; kind: 'first' | 'update'; ms: number; clusters: number; seq: number }
  | { type: 'refresh' }
  | { type: 'openRollout'; application: string; namespace: string; name: string }
  /** directWaves mode: a person approves the wave (index) that waits for approval, or aborts the plan. */
  | { type: 'approveWave'; wave: number }
  | { type: 'abortWavePlan' }
  | DrilldownRequest;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks a message from the webview; undefined when it is not one we accept. */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'action':
      return (BOARD_ACTIONS as readonly unknown[]).includes(raw.action) ? { type: 'action', action: raw.action as BoardAction } : undefined;
    case 'selectBundle':
      return isName(raw.name) ? { type: 'selectBundle', name: raw.name } : undefined;
    case 'timing':
      if ((raw.kind !== 'first' && raw.kind !== 'update') || !isCount(raw.ms) || !isCount(raw.clusters) || !isCount(raw.seq)) return undefined;
      return { type: 'timing', kind: raw.kind, ms: raw.ms, clusters: raw.clusters, seq: raw.seq };
    case 'drilldown':
    case 'drilldownClose':
      return parseDrilldownRequest(raw);
    case 'refresh':
      return { type: 'refresh' };
    case 'approveWave':
      return typeof raw.wave === 'number' && Number.isInteger(raw.wave) && raw.wave >= 0 ? { type: 'approveWave', wave: raw.wave } : undefined;
    case 'abortWavePlan':
      return { type: 'abortWavePlan' };
    case 'openRollout':
      return isName(raw.application) && isName(raw.namespace) && isName(raw.name) ? { type: 'openRollout', application: raw.application, namespace: raw.namespace, name: raw.name } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the extension (shape only: the model is built by our own code). */
export function parseToWebview(raw: unknown): ToWebview | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'model': {
      const m = raw.model;
      if (!isCount(raw.seq) || !isRecord(m) || !Array.isArray(m.waves) || !Array.isArray(m.clusters) || !isRecord(m.subject) || !isRecord(m.counts)) return undefined;
      return { type: 'model', seq: raw.seq, model: m as unknown as WaveBoard };
    }
    case 'status':
      return typeof raw.text === 'string' && (raw.level === 'info' || raw.level === 'warning' || raw.level === 'error') ? { type: 'status', level: raw.level, text: raw.text } : undefined;
    case 'actionResult':
      return typeof raw.ok === 'boolean' && typeof raw.text === 'string' ? { type: 'actionResult', ok: raw.ok, text: raw.text } : undefined;
    case 'drilldown':
      return parseDrilldownData(raw);
    default:
      return undefined;
  }
}
