// Objects are first read without node trees (Chunk.readPlain: the fast parser's plain mode);
// the trees are built only for what needs positions. These tests hold the two paths together:
// the same objects with the same data, and trees only where a finding is placed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Chunk } from '../../server/src/engine/source-file';
import { objectsOfChunk, type ManifestObject } from '../../server/src/engine/objects';
import { splitChunks } from '../../server/src/engine/parse/split';
import { LanguageService } from '../../server/src/language-service';

function findUp(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'examples'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}
const repoRoot = findUp(__dirname);
const corpusDir = path.join(process.env.FLEET_ROLLOUTS_SHARED ?? path.resolve(repoRoot, '..', 'shared'), 'corpus');

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function identity(o: ManifestObject) {
  return { id: o.id.replace(/^\d+/, ''), typeId: o.typeId, apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, docIndex: o.docIndex, basePath: o.basePath, value: o.value, valueError: o.valueError, hasSyntaxErrors: o.hasSyntaxErrors, mayHaveDuplicateKeys: o.mayHaveDuplicateKeys };
}

test('objects read without trees equal the objects read from trees (examples and the shared corpus)', () => {
  const files = [...manifestFiles(path.join(repoRoot, 'examples')), ...manifestFiles(corpusDir)];
  assert.ok(files.length > 50, `only ${files.length} files`);
  let plainChunks = 0;
  let total = 0;
  for (const file of files) {
    const uri = `file://${file}`;
    splitChunks(fs.readFileSync(file, 'utf8')).forEach((text, i) => {
      total++;
      const viaTree = new Chunk(text, 0);
      void viaTree.parsed; // a chunk that already has its tree reads objects from it
      const treeObjects = objectsOfChunk(uri, viaTree, i === 0);
      const plain = new Chunk(text, 0);
      const plainObjects = objectsOfChunk(uri, plain, i === 0);
      if (!plain.hasTree) plainChunks++;
      assert.deepStrictEqual(plainObjects.map(identity), treeObjects.map(identity), `${file} #${i}`);
      assert.deepStrictEqual(plain.summary, { problems: viaTree.parsed.problems, templated: viaTree.parsed.templated }, `${file} #${i}: summary`);
      // The tree a plain object builds on demand is the one the tree path has.
      plainObjects.forEach((o, k) => assert.equal(o.root.toString(), treeObjects[k].root.toString()));
    });
  }
  // Argo placeholders inside queries (`{{args.x}}`) do not send a chunk to the tree path.
  assert.ok(plainChunks / total > 0.9, `only ${plainChunks} of ${total} chunks read without a tree`);
});

test('diagnostics build a node tree only for the documents a finding is placed in', () => {
  const doc = (name: string, weight: number) =>
    ['apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata:', `  name: ${name}`, 'spec:', '  selector:', '    matchLabels: {app: x}', '  template:', '    metadata: {labels: {app: x}}', '    spec: {containers: [{name: x, image: "x:1"}]}', '  strategy:', '    canary:', '      steps:', ...(weight ? [`        - setWeight: ${weight}`] : []), '        - pause: {duration: 1m}', ''].join('\n');
  const text = [doc('a', 0), doc('b', 120), doc('c', 0)].join('---\n');
  const uri = 'file:///w/rollouts.yaml';
  const service = new LanguageService();
  service.setFile(uri, text, 1);
  const codes = service.diagnostics(uri).map((d) => `${d.range.start.line}:${d.code}`);
  assert.ok(codes.includes('28:rollouts/step-set-weight-range'), codes.join(', '));
  const file = service.workspace.file(uri)!;
  assert.deepStrictEqual(file.chunks.map((c: Chunk) => c.hasTree), [false, true, false]);
});

test('a line indented 600 spaces in a block scalar is read, not taken for deep nesting, by both paths', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\ndata:\n  banner: |\n' + ' '.repeat(600) + 'x\n';
  const viaTree = new Chunk(text, 0);
  assert.deepStrictEqual(viaTree.parsed.problems, []);
  const treeObjects = objectsOfChunk('file:///w/cm.yaml', viaTree, true);
  const plain = new Chunk(text, 0);
  const plainObjects = objectsOfChunk('file:///w/cm.yaml', plain, true);
  assert.equal(plain.hasTree, false);
  assert.deepStrictEqual(plainObjects.map(identity), treeObjects.map(identity));
  assert.deepStrictEqual(plainObjects[0].value?.data, { banner: 'x\n' });
});
