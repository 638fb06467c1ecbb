import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { activateExtension } from './workspace';

test('every command the extension contributes is registered once it is active', async () => {
  const ext = await activateExtension();
  const contributed = (ext.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
  assert.ok(contributed.length > 0);
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((c) => !registered.has(c));
  assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
});
