/**
 * A few parsed documents kept for the life of the process, so that the hidden classes of tree
 * nodes live as long. V8 gives a node a new hidden class with each field set after construction
 * (range, source, type, flow, ...) and holds those classes only weakly: when every tree has been
 * let go (Workspace.releaseTrees before the server's idle collection, lsp/idle-gc.ts), the full
 * collection frees the classes, and with them the optimized code of every function that has
 * handled a node — the parser's shared block/flow code, the checker, the rules reading `value`.
 * The next open then ran that code unoptimized and re-optimized it, over and over: opening a
 * 1,000-document file eight times with a full collection between opens caused about 90 such
 * deoptimizations (8 with these samples kept); the opens took about a fifth longer in-process,
 * 8 % longer in the server (bench/profile-open.mjs).
 *
 * The samples make the fast parser and `yaml` (its fallback) build every node shape they build
 * for manifests; their trees take a few kilobytes.
 */
export const SAMPLES: readonly string[] = [
  // fast parser: block and flow collections, every scalar style, number formats, markers
  `---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: sample
  labels: {app: sample, tier: "web"}
spec:
  replicas: 3
  weight: 1.50
  mask: 0o644
  color: 0xFF
  rate: 1e3
  off: false
  none: ~
  empty:
  list: [a, 'b', "c", 1]
  nested:
  - name: one
    args: []
    opts: {}
  - plain value
  -
    - inner
  script: |
    echo one
  folded: >-
    two
    lines
  'quoted key': x
  "double key": y
...
`,
  `kind: Service
spec:
  ports:
    - port: 80
`,
  // yaml: anchors, aliases, tags, merge keys, and an error
  `base: &base {a: 1}
copy: *base
tagged: !!str 5
merged:
  <<: *base
`,
  `a: [unclosed\n`,
];

let kept: unknown[] | undefined;

/** Parses the samples once with `parse`, and keeps what it returns. */
export function keepNodeShapes(parse: (text: string) => unknown): void {
  if (kept) return;
  kept = [];
  for (const text of SAMPLES) kept.push(parse(text));
}
