import type { Node } from 'yaml';
import type { ManifestObject } from '../engine/objects';
import type { Inventory } from '../engine/inventory';
import type { PathSeg } from '../engine/yaml-nodes';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A place inside an object: a path from the object's root; `onKey` points at the key, not its value. */
export interface Target {
  path?: readonly PathSeg[];
  onKey?: boolean;
  /** A node of the object's own document, for places a path cannot name (a repeated key). */
  node?: Node;
  /** Inside a string scalar: [start, end) offsets in its value text (a column of a PromQL query). */
  span?: readonly [number, number];
}

export interface RelatedFinding extends Target {
  object: ManifestObject;
  message: string;
}

/**
 * A mechanical change, described on the object's structure; the engine turns it into text edits
 * that keep the file's indentation and flow/block style. Paths are relative to the object's root.
 */
export type FixEdit =
  /** Rename the key of the pair at `path`. */
  | { op: 'renameKey'; path: readonly PathSeg[]; to: string }
  /** Replace the value at `path` with `value` (rendered as YAML). */
  | { op: 'replaceValue'; path: readonly PathSeg[]; value: unknown }
  /** Add `key: value` to the mapping at `path` (which must exist). */
  | { op: 'setKey'; path: readonly PathSeg[]; key: string; value: unknown }
  /** Append `value` to the sequence at `path` (which must exist). */
  | { op: 'appendItem'; path: readonly PathSeg[]; value: unknown }
  /** Remove the pair or sequence item at `path`, with its lines. */
  | { op: 'remove'; path: readonly PathSeg[] };

export interface Fix {
  /** Imperative and specific: "Pass 'service-name' to the analysis". */
  title: string;
  edits: FixEdit[];
  /** The object the edits apply to; the reported object when absent. */
  object?: ManifestObject;
  /** The one fix an editor may apply with a single keystroke. */
  preferred?: boolean;
}

export interface Finding extends Target {
  message: string;
  /** Overrides the rule's default when one rule reports things of different weight. */
  severity?: Severity;
  related?: RelatedFinding[];
  fixes?: Fix[];
}

/** What a rule can see of the workspace. Lookups are recorded so edits re-check dependents. */
export interface RuleContext {
  report(finding: Finding): void;
  find(typeId: string, name: string, namespace?: string): ManifestObject[];
  /** Objects of a type anywhere; the result re-checks whenever any object of that type changes. */
  all(typeId: string): ManifestObject[];
  /** The live Fleet clusters of a connected hub, when the user watches one; re-checks when it changes. */
  inventory(): Inventory | undefined;
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
