// Conformance over ../shared/corpus: each folder is linted as one workspace (cross-file references resolve).
// Upstream-valid files must get no error; upstream-invalid files must be flagged with the same meaning:
// an error whose message carries upstream's message (or its field path and quoted values), or, for Helm
// templates that are not YAML until rendered, the one go-template notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LanguageService } from '../../server/src/language-service';
import { decodeManifestBytes } from '../../server/src/engine/text/decode';
import { sharedRoot } from '../helpers/paths';

interface Entry {
  path: string;
  expect: string;
  kind?: string;
  message?: string;
}

const VALID = new Set(['valid', 'valid-static/runtime-error', 'valid (semantic warning)', 'valid-parse/schema-error', 'error-unless-imagescan-enabled', 'valid (fragment)']);
const INVALID = new Set(['invalid', 'invalid-reference', 'invalid-decode', 'unparseable', 'error', 'crd-error']);
// `health: <status>` entries are live objects from old controllers (e.g. `strategy.type`), kept for the
// health semantics, not claims of schema validity; they are neither asserted valid nor invalid here.
const isValid = (e: Entry) => VALID.has(e.expect);

/** Quoted values and the field path of an upstream message: what "the same meaning" must mention. */
function meaningTokens(message: string): string[] {
  const quoted = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const path = /^([a-zA-Z][\w.[\]]*):/.exec(message)?.[1];
  return [...(path ? [path] : []), ...quoted];
}

function flaggedWithMeaning(e: Entry, errors: Array<{ message: string; code: string }>, all: Array<{ code: string }>): boolean {
  if (/Helm|Go template/i.test(e.message ?? '') && all.some((d) => d.code === 'yaml/go-template')) return true;
  if (errors.length === 0) return false;
  // Unparseable YAML: the parsers word it differently; a YAML syntax error is the same finding.
  if (e.expect === 'unparseable' && errors.some((d) => d.code === 'yaml/syntax')) return true;
  // Several upstream messages may be joined with "; " (ApplicationSet CRD errors): the first is enough.
  const upstream = (e.message ?? '').split('; ')[0].replace(/^[A-Za-z]+\/[\w.-]+: /, '');
  if (!upstream) return true;
  if (errors.some((d) => d.message.includes(upstream))) return true;
  const tokens = meaningTokens(upstream);
  return tokens.length > 0 && errors.some((d) => tokens.every((t) => d.message.includes(t)));
}

function uriFor(corpusDir: string, e: Entry): string {
  const abs = path.resolve(corpusDir, e.path);
  // fleet.yaml-format files saved under other names (docs extracts) are read as the fleet.yaml they are.
  if (e.kind === 'fleet.yaml' && !/(^|\/)fleet\.ya?ml$/.test(e.path)) return pathToFileURL(path.join(abs, 'fleet.yaml')).href;
  return pathToFileURL(abs).href;
}

for (const folder of ['argo-rollouts', 'fleet', 'argocd']) {
  const dir = path.join(sharedRoot, 'corpus', folder);
  const expectations = JSON.parse(fs.readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as { entries: Entry[] };
  const entries = expectations.entries.filter((e) => /\.(ya?ml|json)$/.test(e.path) && !e.path.startsWith('../../crds/') && e.expect !== 'reference' && e.expect !== 'template');

  test(`corpus ${folder}: upstream-valid files get no error`, () => {
    const service = new LanguageService();
    for (const e of entries) {
      const decoded = decodeManifestBytes(fs.readFileSync(path.resolve(dir, e.path)));
      service.setFile(uriFor(dir, e), decoded.text, 0, decoded.notice);
    }
    const falseErrors: string[] = [];
    const unflagged: string[] = [];
    let validCount = 0;
    let invalidCount = 0;
    for (const e of entries) {
      const errors = service.diagnostics(uriFor(dir, e)).filter((d) => d.severity === 'error');
      if (isValid(e)) {
        validCount++;
        for (const d of errors) falseErrors.push(`${e.path}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
      } else if (INVALID.has(e.expect)) {
        invalidCount++;
        const all = service.diagnostics(uriFor(dir, e));
        if (!flaggedWithMeaning(e, errors, all)) unflagged.push(`${e.path} (${e.expect}${e.message ? `: ${e.message.slice(0, 160)}` : ''}) — got: ${all.map((d) => d.code).join(', ') || 'nothing'}`);
      }
    }
    const report = [`${folder}: ${validCount} upstream-valid files, ${falseErrors.length} false errors; ${invalidCount} upstream-invalid files, ${invalidCount - unflagged.length} flagged, ${unflagged.length} not yet flagged`, ...unflagged.map((u) => `  not yet flagged: ${u}`)];
    console.log(report.join('\n'));
    assert.deepEqual(falseErrors, [], 'errors on upstream-valid files');
    assert.deepEqual(unflagged, [], 'upstream-invalid files not flagged with the same meaning');
  });
}
