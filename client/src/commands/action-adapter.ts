/**
 * The thin layer between the UI and client/src/actions: one call per action, always with a
 * KubeConfig pinned to the one context the user confirmed.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { abort, describeAction, pause, promote, restart, resume, retry, setImage, undo, type ActionResult, type ActionTarget, type RolloutAction } from '../actions';

export type UiAction = Exclude<RolloutAction, 'start'>;

export interface ActionArgs {
  container?: string;
  image?: string;
  /** undo: 0 = the previous revision. */
  toRevision?: number;
}

export const ACTIONS: Record<UiAction, { title: string; button: string }> = {
  promote: { title: 'Promote', button: 'Promote' },
  promoteFull: { title: 'Promote Full', button: 'Promote Full' },
  abort: { title: 'Abort', button: 'Abort' },
  retry: { title: 'Retry', button: 'Retry' },
  pause: { title: 'Pause', button: 'Pause' },
  resume: { title: 'Resume', button: 'Resume' },
  restart: { title: 'Restart', button: 'Restart' },
  setImage: { title: 'Set Image', button: 'Set Image' },
  undo: { title: 'Undo', button: 'Roll Back' },
};

export function question(action: UiAction, target: ActionTarget): string {
  return describeAction(action, target);
}

export function runAction(action: UiAction, kc: KubeConfig, t: ActionTarget, args: ActionArgs = {}): Promise<ActionResult> {
  switch (action) {
    case 'promote':
      return promote(kc, t.namespace, t.name);
    case 'promoteFull':
      return promote(kc, t.namespace, t.name, { full: true });
    case 'abort':
      return abort(kc, t.namespace, t.name);
    case 'retry':
      return retry(kc, t.namespace, t.name);
    case 'pause':
      return pause(kc, t.namespace, t.name);
    case 'resume':
      return resume(kc, t.namespace, t.name);
    case 'restart':
      return restart(kc, t.namespace, t.name);
    case 'setImage':
      if (!args.container || !args.image) throw new Error('set image needs a container and an image');
      return setImage(kc, t.namespace, t.name, args.container, args.image);
    case 'undo':
      return undo(kc, t.namespace, t.name, { toRevision: args.toRevision ?? 0 });
  }
}
