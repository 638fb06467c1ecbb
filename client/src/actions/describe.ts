/**
 * The confirmation a UI asks before an action that moves traffic, stops or replaces pods: it names
 * the rollout, the namespace and the context, because the action acts on that one context only.
 */
export type RolloutAction = 'promote' | 'promoteFull' | 'abort' | 'retry' | 'pause' | 'resume' | 'restart' | 'setImage' | 'undo' | 'start';

export interface ActionTarget {
  context: string;
  namespace: string;
  name: string;
  /** setImage: `container=image`; undo: the revision (0/undefined: the previous one); restart: the delay. */
  detail?: string;
}

export function describeAction(action: RolloutAction, t: ActionTarget): string {
  const where = `${t.name} in ${t.context}/${t.namespace}`;
  switch (action) {
    case 'promote':
      return `Promote ${where}?`;
    case 'promoteFull':
      return `Fully promote ${where}, skipping all remaining steps, analyses and pauses?`;
    case 'abort':
      return `Abort ${where}? Traffic goes back to the stable version and the update stops.`;
    case 'retry':
      return `Retry ${where}? The aborted update starts again from the first step.`;
    case 'pause':
      return `Pause ${where}?`;
    case 'resume':
      return `Resume ${where}?`;
    case 'restart':
      return `Restart the pods of ${where}${t.detail && t.detail !== '0s' ? ` in ${t.detail}` : ''}?`;
    case 'setImage':
      return `Set image ${t.detail ?? ''} on ${where}? This starts a new revision.`.replace('image  on', 'image on');
    case 'undo':
      return `Roll back ${where} to ${t.detail && t.detail !== '0' ? `revision ${t.detail}` : 'the previous revision'}?`;
    case 'start':
      return `Apply ${where}?`;
  }
}
