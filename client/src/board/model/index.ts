// The wave board model: pure functions from hub snapshots to the JSON the webview draws.
export * from './types';
export { buildFleetBoard, deploymentState, findBundle, DEFAULT_OFFLINE_AFTER_MS, type FleetHubSnapshot, type FleetBoardOptions, type HubObject } from './fleet';
export { bundleTargets, compileGroups, groupsOfCluster } from './fleet-targets';
export * from './protocol';
export { buildRollingSyncBoard, findApplicationSet, stepName, type RollingSyncSnapshot, type RollingSyncBoardOptions, type ArgoObject } from './rolling-sync';
