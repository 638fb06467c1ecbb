/**
 * The one-patch actions of `kubectl argo rollouts` (argo-rollouts.md §3): abort, retry rollout,
 * pause, restart — and resume, which the plugin does not have (see `resume`).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { patchRollout, patchStatusWithFallback, Recorder, getRollout, type ActionResult } from './request';
import { UNPAUSE } from './promote';

export const ABORT = '{"status":{"abort":true}}';
export const RETRY = '{"status":{"abort":false}}';
export const PAUSE = '{"spec":{"paused":true}}';

/** `abort NAME`: `{"status":{"abort":true}}` on /status, 404 → the same on the Rollout. */
export async function abort(kc: KubeConfig, namespace: string, name: string): Promise<ActionResult> {
  const rec = new Recorder(kc);
  const { object } = await patchStatusWithFallback(rec, namespace, name, ABORT, ABORT);
  return rec.done(`rollout '${object?.metadata?.name ?? name}' aborted`, object);
}

/** `retry rollout NAME`: `{"status":{"abort":false}}` on /status, 404 → the same on the Rollout. */
export async function retry(kc: KubeConfig, namespace: string, name: string): Promise<ActionResult> {
  const rec = new Recorder(kc);
  const { object } = await patchStatusWithFallback(rec, namespace, name, RETRY, RETRY);
  return rec.done(`rollout '${object?.metadata?.name ?? name}' retried`, object);
}

/** `pause NAME`: `{"spec":{"paused":true}}` on the Rollout (the phase becomes Paused, "manually paused"). */
export async function pause(kc: KubeConfig, namespace: string, name: string): Promise<ActionResult> {
  const rec = new Recorder(kc);
  const object = await patchRollout(rec, namespace, name, PAUSE);
  return rec.done(`rollout '${object.metadata?.name ?? name}' paused`, object);
}

/**
 * Resume: the undo of `pause`. The plugin has no such command (its `promote` is what resumes a
 * rollout paused at a step, and it moves traffic); Argo CD offers a separate "resume" action on
 * Rollouts. Here resume is exactly the part of promote that clears a manual pause: when
 * `spec.paused` is true it sends promote's own spec patch `{"spec":{"paused":false}}` to the
 * Rollout and nothing else — pause conditions of a canary step or a blue-green pre-promotion are
 * left alone (that is `promote`). A Rollout not paused by spec gets no request but the GET and an
 * error that says to use promote.
 */
export async function resume(kc: KubeConfig, namespace: string, name: string): Promise<ActionResult> {
  const rec = new Recorder(kc);
  const ro = await getRollout(rec, namespace, name);
  if (ro.spec?.paused !== true) {
    const conditions: Array<{ reason?: string }> = Array.isArray(ro.status?.pauseConditions) ? ro.status.pauseConditions : [];
    const why = conditions.length > 0 ? `it is paused by the controller (${conditions.map((c) => c.reason).join(', ')}): promote it to continue` : 'it is not paused';
    throw rec.fail(`${rec.context}: rollout '${name}' was not resumed: ${why}`);
  }
  const object = await patchRollout(rec, namespace, name, UNPAUSE);
  return rec.done(`rollout '${object.metadata?.name ?? name}' resumed`, object);
}

/** `restart`'s body, tabs and newlines included: `{\n\t"spec": {\n\t\t"restartAt": "<time>"\n\t}\n}`. */
export function restartBody(restartAt: Date): string {
  return `{\n\t"spec": {\n\t\t"restartAt": "${goRFC3339(restartAt)}"\n\t}\n}`;
}

/** Go's `t.UTC().Format(time.RFC3339)`: whole seconds (truncated), `Z`. */
export function goRFC3339(t: Date): string {
  return `${new Date(Math.floor(t.getTime() / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's `time.ParseDuration` ("10s", "1m30s", "1.5h", "-2m", "0"), in milliseconds. */
export function parseGoDuration(text: string): number {
  const bad = (): Error => new Error(`time: invalid duration "${text}"`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let ns = 0;
  while (s !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]*)/.exec(s);
    if (!m || m[1] === '' || m[1] === '.') throw bad();
    if (m[2] === '') throw new Error(`time: missing unit in duration "${text}"`);
    const unit = UNIT_NS[m[2]];
    if (unit === undefined) throw new Error(`time: unknown unit "${m[2]}" in duration "${text}"`);
    ns += Number(m[1]) * unit;
    s = s.slice(m[0].length);
  }
  return (sign * ns) / 1e6;
}

/**
 * `restart NAME [--in DURATION]`: `spec.restartAt` = now (UTC, whole seconds) + the delay; the
 * controller then replaces pods created before that time. The message repeats the delay as given
 * (`0s` when none).
 */
export async function restart(kc: KubeConfig, namespace: string, name: string, options: { in?: string; now?: Date } = {}): Promise<ActionResult & { restartAt: string }> {
  const now = options.now ?? new Date();
  const delayMs = options.in ? parseGoDuration(options.in) : 0;
  const at = new Date(now.getTime() + delayMs);
  const rec = new Recorder(kc);
  const object = await patchRollout(rec, namespace, name, restartBody(at));
  return { ...rec.done(`rollout '${object.metadata?.name ?? name}' restarts in ${options.in || '0s'}`, object), restartAt: goRFC3339(at) };
}
