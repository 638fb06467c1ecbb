import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { coexistWithRedHatYaml } from './redhat-yaml';
import { registerWaveBoard } from './board/panel';
import { registerWaveCommands } from './waves/commands';
import { registerRolloutsView } from './views/tree';
import type { RolloutsController } from './views/tree/controller';
import type { ClusterSession } from './kube/session';
import { feedInventory } from './inventory-feed';
import SERVER_NODE_FLAGS from '../../server/node-flags.json';

let client: LanguageClient | undefined;

/** Files the language server reads: YAML anywhere, JSON only when it is a manifest the engine classifies. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'untitled', language: 'yaml' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Fleet Rollouts', { log: true });
  const status = vscode.languages.createLanguageStatusItem('fleetRollouts.status', DOCUMENT_SELECTOR);
  status.name = 'Fleet Rollouts';
  status.text = '$(sync~spin) Fleet Rollouts';
  status.detail = 'starting the language server';
  status.command = { title: 'Show log', command: 'fleetRollouts.showLog' };
  context.subscriptions.push(status, output, vscode.commands.registerCommand('fleetRollouts.showLog', () => output.show()));
  // Rollouts view and its commands; no cluster is contacted until the view asks.
  const rollouts = registerRolloutsView(context, output);
  // Wave board: command fleetRollouts.openWaveBoard and its webview panel, on the same session
  // (one list+watch per context and resource, whichever view asks).
  // Direct waves: Run Wave Plan, Approve Wave, Abort Wave Plan; Open Wave Board on a WavePlan editor shows its board.
  const openWavePlanBoard = registerWaveCommands(context, { log: output, session: () => rollouts.session() });
  registerWaveBoard(context, {
    log: output,
    session: () => rollouts.session(),
    openWavePlanBoard,
    // RollingSync boards: the Rollout inside an Application, shown by filtering the Rollouts view to it.
    revealRollout: ({ namespace, name }) => {
      rollouts.filter = `ns:${namespace} name:${name}`;
      void vscode.commands.executeCommand('fleetRollouts.rollouts.focus');
    },
  });

  // Activation returns at once; the server starts in the background so the host is never held up.
  void startClient(context, output).then(
    () => {
      context.subscriptions.push(shareInventory(rollouts));
      status.text = '$(check) Fleet Rollouts';
      status.detail = 'checking Argo Rollouts, Fleet and ApplicationSet manifests';
      status.severity = vscode.LanguageStatusSeverity.Information;
    },
    (err: Error) => {
      status.text = '$(error) Fleet Rollouts';
      status.detail = `language server failed to start: ${err.message}`;
      status.severity = vscode.LanguageStatusSeverity.Error;
      output.error(`Language server failed to start: ${err.stack ?? err.message}`);
    },
  );
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  // Loaded after activation returns (the language client is a separate, larger bundle).
  await new Promise((resolve) => setImmediate(resolve));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lc = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // server/node-flags.json caps V8's young generation: V8 keeps it committed at its largest while
  // the server idles (30 MiB after a large file), and large files open as fast with the smaller one.
  // It also gives V8 one background thread instead of four: on a 2-core machine four compiler and
  // collector threads preempted the main thread while a large file was checked (opens about a
  // tenth faster with one, and 6-10 MiB less memory; bench/profile-open.mjs).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: lc.TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: lc.TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const redHatYaml = await coexistWithRedHatYaml(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'fleetRollouts' },
    diagnosticPullOptions: { onChange: true, onSave: true },
    initializationOptions: { redHatYaml },
  };
  client = new lc.LanguageClient('fleetRollouts', 'Fleet Rollouts', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

/**
 * Sends the language server the Fleet clusters of the watched hub contexts (for partition hovers,
 * lenses, label completion and live checks). Only contexts the user chose are read.
 */
function shareInventory(rollouts: RolloutsController): vscode.Disposable {
  let feed: { dispose(): void } | undefined;
  let bound: { session: ClusterSession; watched: string } | undefined;
  const rebind = () => {
    const chosen = rollouts.hasSession || (rollouts.remembered()?.length ?? 0) > 0 || rollouts.configuredContexts().length > 0;
    if (!chosen) return;
    const session = rollouts.session();
    const watched = session.watched().join('\u0000');
    if (bound && bound.session === session && bound.watched === watched) return;
    feed?.dispose();
    bound = { session, watched };
    feed = feedInventory(session, (inventory) => void client?.sendNotification('fleetRollouts/inventory', { inventory: inventory ?? null }));
  };
  const sub = rollouts.onDidChange(rebind);
  rebind();
  return { dispose: () => (sub.dispose(), feed?.dispose()) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
