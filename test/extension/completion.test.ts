import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { closeAllWithoutSaving, openExample, positionOf, waitFor } from './workspace';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

test('completion of templateName offers the AnalysisTemplates of the workspace', async () => {
  const editor = await openExample('fleet/checkout/rollout.yaml');
  const at = positionOf(editor.document, 'templateName: ', 'templateName: '.length);
  const expected = ['http-success-rate', 'search-latency'];
  let labels: string[] = [];
  // The workspace is indexed in the background: the templates of other folders may come a little later.
  await waitFor(async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    labels = list.items.map(labelOf);
    return expected.every((t) => labels.includes(t));
  }, 60_000, 'the template completions').catch((err: Error) => {
    err.message += `; offered: ${JSON.stringify(labels)}`;
    throw err;
  });
  assert.ok(!labels.includes('checkout'), 'only AnalysisTemplates are offered, not other objects');
  await closeAllWithoutSaving();
});
