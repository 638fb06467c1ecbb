/**
 * Direct waves (issue 8, mode 3): a WavePlan lists waves of kubeconfig contexts and the extension
 * promotes the plan's Rollout wave by wave. Pure: no editor, no network, no clock of its own.
 *
 *   const { plan, problems } = parseWavePlan(object);
 *   const decision = decide({ plan, observations, now: Date.now() });
 *   decision.actions  // what to send next; decision.sentence // what to tell the user
 */
export * from './plan';
export * from './fields';
export * from './annotations';
export * from './actions';
export * from './observe';
export * from './gates';
export * from './decide';
export * from './manual';
export * from './messages';
