import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { closeAllWithoutSaving, diagnosticsOf, openExample, waitFor } from './workspace';

const RULE = 'rollouts/analysis-arg-missing';

test('a Rollout with a missing analysis arg gets an error, and its quick fix removes it', async () => {
  const editor = await openExample('fleet/checkout/rollout.yaml');
  const uri = editor.document.uri;
  const [diagnostic] = await waitFor(() => (diagnosticsOf(uri, RULE).length > 0 ? diagnosticsOf(uri, RULE) : undefined), 60_000, `${RULE} on fleet/checkout/rollout.yaml`);
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  assert.match(diagnostic.message, /args\.service-name was not resolved/);

  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === "Pass 'service-name' to the analysis");
  assert.ok(fix, `no quick fix "Pass 'service-name' to the analysis" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(fix.edit, 'the quick fix carries its edit');
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

  assert.match(editor.document.getText(), /- name: service-name/, 'the fix wrote the arg');
  await waitFor(() => diagnosticsOf(uri, RULE).length === 0, 30_000, `${RULE} to go away after the quick fix`).catch((err: Error) => {
    const left = vscode.languages.getDiagnostics(uri).map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)} at ${d.range.start.line + 1}:${d.range.start.character + 1}`);
    err.message += ` (document version ${editor.document.version}, dirty ${editor.document.isDirty}, diagnostics now: ${left.join(', ')})`;
    throw err;
  });
  await closeAllWithoutSaving();
});

test('a Fleet fleet.yaml with maxUnavailablePartitions 0 gets its warning with a link to the rule docs', async () => {
  const editor = await openExample('fleet/checkout/fleet.yaml');
  const rule = 'fleet/max-unavailable-partitions-zero';
  const [d] = await waitFor(() => (diagnosticsOf(editor.document.uri, rule).length > 0 ? diagnosticsOf(editor.document.uri, rule) : undefined), 60_000, rule);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.equal(editor.document.getText(d.range).trim().length > 0, true, 'the range covers text');
  assert.ok(typeof d.code === 'object' && d.code !== null && /rules\.md#fleet-max-unavailable-partitions-zero/.test(d.code.target.toString()), `the code links to its docs: ${JSON.stringify(d.code)}`);
  await closeAllWithoutSaving();
});
