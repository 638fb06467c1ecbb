import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { PathSeg } from '../../engine/yaml-nodes';
import type { Rule } from '../rule';

interface Duplicate {
  key: string;
  first: Node;
  repeat: Node;
  /** Path of the mapping that holds both. */
  mapPath: PathSeg[];
}

/** A node to visit and how it was reached; the path is only spelled out for a duplicate. */
interface Visit {
  node: unknown;
  parent?: Visit;
  seg?: PathSeg;
}

function pathOf(v: Visit): PathSeg[] {
  const path: PathSeg[] = [];
  for (let at: Visit | undefined = v; at?.parent; at = at.parent) path.push(at.seg!);
  return path.reverse();
}

/** Walks without recursion so hostile nesting cannot exhaust the stack. */
function duplicateKeys(root: Node): Duplicate[] {
  const out: Duplicate[] = [];
  const stack: Visit[] = [{ node: root }];
  while (stack.length) {
    const visit = stack.pop()!;
    const node = visit.node;
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          const first = seen.get(key);
          if (first) out.push({ key, first, repeat: pair.key as Node, mapPath: pathOf(visit) });
          else seen.set(key, pair.key as Node);
        }
        // Below a repeated key, paths by name would lead to the first occurrence: don't descend there.
        if (isMap(pair.value) || isSeq(pair.value)) {
          if (key !== undefined && seen.get(key) === pair.key) stack.push({ node: pair.value, parent: visit, seg: key });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isMap(item) || isSeq(item)) stack.push({ node: item, parent: visit, seg: i });
      });
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'yaml/duplicate-key',
  description: 'A mapping repeats a key; only the last value is used.',
  severity: 'warning',
  appliesTo: ['*'],
  upstream: 'sigs.k8s.io/yaml keeps the last of duplicate keys; kubectl --validate=strict and the API server field validation reject them',
  check(object, ctx) {
    // The fast parser already compared the keys of every mapping of the document.
    if (!object.mayHaveDuplicateKeys) return;
    for (const d of duplicateKeys(object.root)) {
      ctx.report({
        node: d.repeat,
        message: `Duplicate key '${d.key}': the earlier value is silently replaced by this one.`,
        related: [{ object, node: d.first, message: `first '${d.key}'` }],
        fixes: [{ title: `Remove the earlier '${d.key}' (the value in effect stays)`, preferred: true, edits: [{ op: 'remove', path: [...d.mapPath, d.key] }] }],
      });
    }
  },
};
