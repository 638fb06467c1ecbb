/**
 * Actions on Argo Rollouts, each sending exactly the requests `kubectl argo rollouts` sends
 * (argo-rollouts.md §3) to ONE pinned context (`configForContext`), returning them with the
 * plugin's message. No `vscode` here: the extension, the CLI and the tests share it.
 */
export { promote, promotePatches, type PromotePatches } from './promote';
export { abort, retry, pause, resume, restart, restartBody, parseGoDuration } from './simple';
export { setImage, withImage, SET_IMAGE_ATTEMPTS } from './set-image';
export { undo, selectorString, pickRevision, templateMatches, undoPatchBody } from './undo';
export { start, startPlan, manifestDocs, referencedTemplates, FIELD_MANAGER, type StartPlan, type StartResult } from './apply';
export { diffableYaml, applyChangesNothing, startSummary } from './apply-diff';
export { describeAction, type RolloutAction, type ActionTarget } from './describe';
export { ActionError, MERGE_PATCH, JSON_PATCH, APPLY_PATCH, type ActionResult, type SentRequest } from './request';
