// Every snippet, expanded with its defaults, is a manifest that passes every check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService } from '../../server/src/language-service';
import { repoRoot } from '../helpers/paths';

const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'client', 'snippets', 'manifests.code-snippets'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;

/** ${1:default} -> default, $0 / $1 -> '' (as VS Code inserts them when the user tabs through). */
function expand(body: string[]): string {
  return body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') + '\n';
}

test('snippets expand to manifests with no finding at all, together in one workspace', () => {
  const service = new LanguageService();
  const uris: string[] = [];
  for (const [name, s] of Object.entries(snippets)) {
    const uri = s.prefix[0] === 'fleet-yaml' ? 'file:///snippets/app/fleet.yaml' : `file:///snippets/${s.prefix[0]}.yaml`;
    service.setFile(uri, expand(s.body));
    uris.push(uri);
    assert.ok(service.workspace.objectsOfFile(uri).length > 0, `${name} yields objects`);
  }
  const findings = uris.flatMap((u) => service.diagnostics(u).map((d) => `${u}:${d.range.start.line + 1} ${d.code} ${d.message}`));
  assert.deepEqual(findings, []);
});
