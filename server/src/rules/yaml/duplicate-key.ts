import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Rule } from '../rule';

interface Duplicate {
  key: string;
  first: Node;
  repeat: Node;
}

/** Walks without recursion so hostile nesting cannot exhaust the stack. */
function duplicateKeys(root: Node): Duplicate[] {
  const out: Duplicate[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          const first = seen.get(key);
          if (first) out.push({ key, first, repeat: pair.key });
          else seen.set(key, pair.key);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
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
    for (const d of duplicateKeys(object.root)) {
      ctx.report({
        node: d.repeat,
        message: `Duplicate key '${d.key}': the earlier value is silently replaced by this one.`,
        related: [{ object, node: d.first, message: `first '${d.key}'` }],
      });
    }
  },
};
