import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService } from '../../server/src/language-service';

function findUp(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'examples'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}

function exampleFiles(): Array<{ uri: string; text: string }> {
  const root = path.join(findUp(__dirname), 'examples');
  const out: Array<{ uri: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push({ uri: `file://${p}`, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}

/** Everything whole-file the editor asks for, as plain data. */
function snapshot(service: LanguageService, uris: string[]): unknown {
  return uris.map((uri) => ({
    diagnostics: service.diagnostics(uri),
    symbols: service.documentSymbols(uri),
    folding: service.foldingRanges(uri),
    tokens: service.semanticTokens(uri),
    lenses: service.codeLenses(uri),
  }));
}

test('released node trees come back on use: diagnostics, fixes and editor features stay the same', () => {
  const files = exampleFiles();
  assert.ok(files.length > 5);
  const uris = files.map((f) => f.uri);
  const service = new LanguageService();
  for (const f of files) service.setFile(f.uri, f.text, 1);
  const before = snapshot(service, uris);
  service.releaseTrees();
  assert.deepStrictEqual(snapshot(service, uris), before, 'cached results after release');

  // An edit after a release: the same as a service that never let a tree go.
  const target = files.find((f) => f.text.includes('setWeight:'))!;
  const line = target.text.split('\n').findIndex((l) => l.includes('setWeight:'));
  const character = target.text.split('\n')[line].indexOf('setWeight:') + 'setWeight: '.length;
  const edit = { range: { start: { line, character }, end: { line, character: character + 2 } }, text: '120' };
  service.releaseTrees();
  service.editFile(target.uri, [edit], 2);
  const fresh = new LanguageService();
  for (const f of files) fresh.setFile(f.uri, f.text, 1);
  fresh.editFile(target.uri, [edit], 2);
  assert.deepStrictEqual(snapshot(service, uris), snapshot(fresh, uris));
  service.releaseTrees();
  assert.deepStrictEqual(snapshot(service, uris), snapshot(fresh, uris), 'and again after another release');
});

test('an edit that shifts lines moves cached outline entries and folds with their documents', () => {
  const doc = (name: string) => ['apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata:', `  name: ${name}`, 'spec:', '  strategy:', '    canary:', '      steps:', '        - setWeight: 20', '        - pause: {}', ''].join('\n');
  // The edit re-reads the first document and its neighbour; the last two keep their chunks and shift.
  const text = ['a', 'b', 'c', 'd'].map(doc).join('---\n');
  const uri = 'file:///shift.yaml';
  const service = new LanguageService();
  service.setFile(uri, text, 1);
  service.documentSymbols(uri);
  service.foldingRanges(uri);
  service.releaseTrees();
  const insert = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n# another\n' };
  service.editFile(uri, [insert], 2);
  const fresh = new LanguageService();
  fresh.setFile(uri, insert.text + text, 2);
  assert.deepStrictEqual(service.documentSymbols(uri), fresh.documentSymbols(uri));
  assert.deepStrictEqual(service.foldingRanges(uri), fresh.foldingRanges(uri));
});
