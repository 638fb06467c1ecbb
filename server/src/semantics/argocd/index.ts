/**
 * Argo CD ApplicationSet progressive sync (RollingSync) semantics — the public surface for the
 * language rules (server/src/rules/argocd) and the wave board (mode 2, issue 8). Everything here is
 * a pure function over plain objects as read from YAML or from the cluster; see fleet-argocd.md §5.
 *
 * Typical wave-board use on live objects:
 *   const strategy = strategyOf(appset);
 *   const deps = buildAppDependencyList(strategy, generatedOrLiveApps);      // §5.3 steps
 *   const view = rolloutView(strategy.rollingSync.steps, deps, appset.status.applicationStatus, names); // §5.7 why a step waits
 *   rolloutHealth(rollout)                                                    // §5.10 what keeps an Application non-Healthy
 */
export * from './progressive-sync';
export * from './validation-issues';
export * from './application-status';
export * from './wave-status';
export * from './health';
export { staticApplications, labelSources, type StaticApp, type LabelSource } from './generated-apps';
export { analyse, FLAG_NOTE, type AppSetAnalysis } from './analysis';
export { stepOverlaps } from './step-overlap';
