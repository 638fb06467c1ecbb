import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { closeAllWithoutSaving, openExample, positionOf, waitFor } from './workspace';

async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

test('the hover on a templateName shows the AnalysisTemplate it resolves to', async () => {
  const editor = await openExample('fleet/checkout/rollout.yaml');
  const at = positionOf(editor.document, 'http-success-rate', 3);
  const text = await waitFor(async () => {
    const t = await hoverText(editor.document.uri, at);
    return /AnalysisTemplate/.test(t) ? t : undefined;
  }, 60_000, 'the template hover');
  assert.match(text, /http-success-rate/);
  await closeAllWithoutSaving();
});

test('the hover on a Fleet partition says what it selects', async () => {
  const editor = await openExample('fleet/checkout/fleet.yaml');
  const at = positionOf(editor.document, '- name: eu', '- name: '.length);
  const text = await waitFor(async () => {
    const t = await hoverText(editor.document.uri, at);
    return /Partition/.test(t) ? t : undefined;
  }, 60_000, 'the partition hover');
  assert.match(text, /Partition `eu`/);
  assert.match(text, /Selects: .*region/);
  await closeAllWithoutSaving();
});
