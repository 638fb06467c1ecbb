/**
 * Which board a webview's saved state (its `setState`, handed back by VS Code to the panel
 * serializer after a reload) stands for: the hub context and the Bundle or ApplicationSet. The state was written by
 * the webview, so it is checked like any message from it; a restored board is opened only on a
 * context the kubeconfig has and the user watches.
 */
export type RestoredSubjectKind = 'Bundle' | 'ApplicationSet';

export interface RestoredBoard {
  context: string;
  kind: RestoredSubjectKind;
  namespace: string;
  name: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v);
/** Kubeconfig context names are free text: anything printable of a sane length. */
const isContextName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 253 && !/[\u0000-\u001f]/.test(v);

/** The board of a saved webview state (`{ v: 1, model: { context, subject: { kind, namespace, name } } }`), if any. */
export function restoredBoard(state: unknown): RestoredBoard | undefined {
  if (!isRecord(state) || state.v !== 1 || !isRecord(state.model)) return undefined;
  const { context, subject } = state.model;
  if (!isContextName(context) || !isRecord(subject) || (subject.kind !== 'Bundle' && subject.kind !== 'ApplicationSet')) return undefined;
  if (!isName(subject.namespace) || !isName(subject.name)) return undefined;
  return { context, kind: subject.kind, namespace: subject.namespace, name: subject.name };
}

/** Why a saved board is not reopened, or undefined when it may be. */
export function restoreProblem(board: RestoredBoard | undefined, contexts: readonly string[], watched: readonly string[]): string | undefined {
  if (!board) return 'Fleet Rollouts: the wave board could not be restored (no board in its saved state). Open it again with "Fleet Rollouts: Open Wave Board".';
  if (!contexts.includes(board.context)) return `Fleet Rollouts: the wave board of ${board.name} was not restored: no kubeconfig context named ${board.context}.`;
  if (!watched.includes(board.context)) return `Fleet Rollouts: the wave board of ${board.name} was not restored: context ${board.context} is not watched. Open it again with "Fleet Rollouts: Open Wave Board".`;
  return undefined;
}
