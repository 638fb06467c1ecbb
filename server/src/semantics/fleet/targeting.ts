/**
 * Where the cluster criteria and label selectors of Fleet objects live (fleet-argocd.md §1.2,
 * §1.3, §2, §3): fleet.yaml `targets`, `targetCustomizations`, `overrideTargets`,
 * `rolloutStrategy.partitions`, `dependsOn[].selector`; Bundle / HelmOp `spec.targets`,
 * `spec.targetRestrictions`, `spec.rolloutStrategy.partitions`, `spec.dependsOn`; GitRepo
 * `spec.targets`; ClusterGroup `spec.selector`; BundleNamespaceMapping selectors.
 */
import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { readLabelSelector, trySelector } from '../labels/selector';
import { criteriaOf, type ClusterCriteria } from './cluster-matcher';
import type { KnownGroup } from './criteria-algebra';

export type EntryRole = 'partition' | 'target' | 'customization' | 'overrideTarget' | 'restriction' | 'gitRepoTarget';

/** An entry with the four ClusterMatcher criteria. */
export interface CriteriaEntry {
  role: EntryRole;
  /** Path of the entry (a list item) inside the object. */
  path: PathSeg[];
  index: number;
  raw: Record<string, unknown>;
  criteria: ClusterCriteria;
  /** `partition "canary"`, `targetCustomizations[2]`, for messages. */
  label: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(value: unknown, path: readonly PathSeg[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
  }
  return cur;
}

const ROLE_NOUN: Record<EntryRole, string> = {
  partition: 'partition',
  target: 'target',
  customization: 'targetCustomization',
  overrideTarget: 'overrideTarget',
  restriction: 'targetRestriction',
  gitRepoTarget: 'target',
};

function entriesAt(value: unknown, listPath: PathSeg[], role: EntryRole): CriteriaEntry[] {
  const list = at(value, listPath);
  if (!Array.isArray(list)) return [];
  const out: CriteriaEntry[] = [];
  list.forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
    const label = name ? `${ROLE_NOUN[role]} "${name}"` : `${String(listPath[listPath.length - 1])}[${index}]`;
    out.push({ role, path: [...listPath, index], index, raw, criteria: criteriaOf(raw), label });
  });
  return out;
}

/** The lists of criteria-bearing entries an object type has, in document terms. */
export function criteriaLists(typeId: string | undefined): Array<{ path: PathSeg[]; role: EntryRole }> {
  switch (typeId) {
    case K.FleetYaml:
      return [
        { path: ['targets'], role: 'customization' },
        { path: ['targetCustomizations'], role: 'customization' },
        { path: ['overrideTargets'], role: 'overrideTarget' },
        { path: ['rolloutStrategy', 'partitions'], role: 'partition' },
      ];
    case K.Bundle:
    case K.HelmOp:
      return [
        { path: ['spec', 'targets'], role: 'target' },
        { path: ['spec', 'targetRestrictions'], role: 'restriction' },
        { path: ['spec', 'rolloutStrategy', 'partitions'], role: 'partition' },
      ];
    case K.GitRepo:
      return [{ path: ['spec', 'targets'], role: 'gitRepoTarget' }];
    default:
      return [];
  }
}

/** Every criteria-bearing entry of an object. */
export function criteriaEntries(typeId: string | undefined, value: unknown): CriteriaEntry[] {
  return criteriaLists(typeId).flatMap((l) => entriesAt(value, l.path, l.role));
}

/** Type ids that hold criteria entries or selectors. */
export const TARGETING_TYPES = [K.FleetYaml, K.Bundle, K.HelmOp, K.GitRepo] as const;

export const BUNDLE_NAMESPACE_MAPPING = 'fleet.cattle.io/BundleNamespaceMapping';

/** A label selector Fleet evaluates, with what fails when it is invalid. */
export interface SelectorSite {
  path: PathSeg[];
  raw: unknown;
  /** What Fleet does with an invalid selector here, for messages. */
  failure: string;
}

const TARGETING_FAILURE = 'the Bundle fails targeting ("targeting error: …") and no cluster gets it';
const PARTITION_FAILURE = 'the Bundle fails with "failed to update partitions: …" and the rollout stops';

/** Every label selector of an object that Fleet parses with LabelSelectorAsSelector. */
export function selectorSites(typeId: string | undefined, value: unknown): SelectorSite[] {
  const out: SelectorSite[] = [];
  for (const e of criteriaEntries(typeId, value)) {
    const failure = e.role === 'partition' ? PARTITION_FAILURE : TARGETING_FAILURE;
    for (const key of ['clusterSelector', 'clusterGroupSelector'] as const) {
      if (e.raw[key] !== undefined && e.raw[key] !== null) out.push({ path: [...e.path, key], raw: e.raw[key], failure });
    }
  }
  const dependsOn = typeId === K.FleetYaml ? ['dependsOn'] : typeId === K.Bundle || typeId === K.HelmOp ? ['spec', 'dependsOn'] : undefined;
  const deps = dependsOn && at(value, dependsOn);
  if (Array.isArray(deps)) {
    deps.forEach((d, i) => {
      if (isRecord(d) && isRecord(d.selector)) {
        out.push({ path: [...dependsOn!, i, 'selector'], raw: d.selector, failure: 'the agent cannot check the dependency and the BundleDeployment never becomes ready' });
      }
    });
  }
  if (typeId === K.ClusterGroup) {
    const s = at(value, ['spec', 'selector']);
    if (isRecord(s)) out.push({ path: ['spec', 'selector'], raw: s, failure: 'Fleet logs "invalid selector on clusterGroup", the group gets the error in its status and matches no cluster' });
  }
  if (typeId === BUNDLE_NAMESPACE_MAPPING) {
    for (const key of ['bundleSelector', 'namespaceSelector']) {
      const s = at(value, [key]);
      if (isRecord(s)) out.push({ path: [key], raw: s, failure: 'Fleet fails building the targets of the bundles in its namespace' });
    }
  }
  return out;
}

/** A ClusterGroup's selector and labels as the matcher sees them (fleet-argocd.md §3.1). */
export function knownGroupOf(name: string, value: unknown): KnownGroup {
  const spec = at(value, ['spec']);
  const raw = isRecord(spec) ? spec.selector : undefined;
  const labelsRaw = at(value, ['metadata', 'labels']);
  const labels: Record<string, string> = {};
  if (isRecord(labelsRaw)) for (const [k, v] of Object.entries(labelsRaw)) labels[k] = typeof v === 'string' ? v : String(v);
  // An invalid selector makes the group match nothing, like a nil one (query.go ClusterGroupsForCluster).
  const selector = trySelector(readLabelSelector(raw)) ?? { kind: 'nothing' as const };
  return { name, selector, labels };
}
