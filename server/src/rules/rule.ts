import type { Node } from 'yaml';
import type { ManifestObject } from '../engine/objects';
import type { PathSeg } from '../engine/yaml-nodes';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A place inside an object: a path from the object's root; `onKey` points at the key, not its value. */
export interface Target {
  path?: readonly PathSeg[];
  onKey?: boolean;
  /** A node of the object's own document, for places a path cannot name (a repeated key). */
  node?: Node;
}

export interface RelatedFinding extends Target {
  object: ManifestObject;
  message: string;
}

export interface Finding extends Target {
  message: string;
  /** Overrides the rule's default when one rule reports things of different weight. */
  severity?: Severity;
  related?: RelatedFinding[];
}

/** What a rule can see of the workspace. Lookups are recorded so edits re-check dependents. */
export interface RuleContext {
  report(finding: Finding): void;
  find(typeId: string, name: string, namespace?: string): ManifestObject[];
  /** Objects of a type anywhere; the result re-checks whenever any object of that type changes. */
  all(typeId: string): ManifestObject[];
}

export interface Rule {
  /** Stable id, also the diagnostic code and the file name: `rollouts/analysis-arg-missing`. */
  id: string;
  /** One sentence: what the rule catches. */
  description: string;
  severity: Severity;
  /** Type ids (see engine/kinds.ts) the rule looks at. */
  appliesTo: readonly string[];
  /** The upstream source that makes this a problem (file, function, section of shared/docs). */
  upstream: string;
  check(object: ManifestObject, ctx: RuleContext): void;
}
