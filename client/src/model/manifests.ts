/**
 * Where a Rollout is defined in a YAML file: every document with `kind: Rollout` and the given
 * `metadata.name`, with the position of its name. Pure; the view reads the files.
 */
import { yaml } from '../yaml-on-demand';

export interface ManifestMatch {
  /** 0-based line and character of the `metadata.name` value (or the document start). */
  line: number;
  character: number;
  /** The document's `metadata.namespace`, "" when it names none (Fleet/Argo CD usually set it). */
  namespace: string;
  /** The namespace is the one asked for, or the document names none. */
  namespaceMatches: boolean;
}

function scalar(node: unknown): string | undefined {
  return yaml().isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** A cheap test before parsing: does the text mention a Rollout with this name at all? */
export function mayDefineRollout(text: string, name: string): boolean {
  return /^\s*kind:\s*["']?Rollout["']?\s*$/m.test(text) && text.includes(name);
}

/** Rollouts named `name` in `text` (a file of one or more YAML documents). */
export function findRolloutManifests(text: string, name: string, namespace?: string): ManifestMatch[] {
  if (!mayDefineRollout(text, name)) return [];
  const { isMap, isScalar, LineCounter, parseAllDocuments } = yaml();
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const out: ManifestMatch[] = [];
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    if (scalar(root.get('kind', true)) !== 'Rollout') continue;
    const apiVersion = scalar(root.get('apiVersion', true));
    if (typeof apiVersion === 'string' && !apiVersion.startsWith('argoproj.io/')) continue;
    const meta = root.get('metadata', true);
    if (!isMap(meta)) continue;
    const nameNode = meta.get('name', true);
    if (!isScalar(nameNode) || String(nameNode.value) !== name) continue;
    const docNs = scalar(meta.get('namespace', true)) ?? '';
    const offset = nameNode.range?.[0] ?? root.range?.[0] ?? 0;
    const pos = lc.linePos(offset);
    out.push({ line: pos.line - 1, character: pos.col - 1, namespace: docNs, namespaceMatches: !namespace || docNs === '' || docNs === namespace });
  }
  return out;
}

/** The Rollouts (name and namespace) an editor's text defines, for the editor-title actions. */
export function rolloutsInText(text: string): Array<{ name: string; namespace: string; line: number }> {
  if (!/^\s*kind:\s*["']?Rollout["']?\s*$/m.test(text)) return [];
  const { isMap, isScalar, LineCounter, parseAllDocuments } = yaml();
  const lc = new LineCounter();
  const out: Array<{ name: string; namespace: string; line: number }> = [];
  try {
    for (const doc of parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false })) {
      const root = doc.contents;
      if (!isMap(root) || scalar(root.get('kind', true)) !== 'Rollout') continue;
      const meta = root.get('metadata', true);
      if (!isMap(meta)) continue;
      const n = meta.get('name', true);
      if (!isScalar(n) || typeof n.value !== 'string') continue;
      out.push({ name: n.value, namespace: scalar(meta.get('namespace', true)) ?? '', line: lc.linePos(n.range?.[0] ?? 0).line - 1 });
    }
  } catch {
    return [];
  }
  return out;
}
