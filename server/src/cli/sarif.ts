import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult, Reported } from './report';

const LEVEL: Record<Reported['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, rules with help links, results with
 * locations relative to %SRCROOT% (the current directory).
 */
export function formatSarif(result: LintResult, version: string, cwd = process.cwd()): string {
  const ruleIds = [...result.rules.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const relative = (file: string) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fleet-rollouts',
            version,
            rules: ruleIds.map((id) => {
              const r = result.rules.get(id)!;
              return { id, name: id, shortDescription: { text: r.description }, helpUri: r.docUrl, defaultConfiguration: { level: LEVEL[r.severity] } };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        results: result.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relative(d.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
