import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { coexistWithRedHatYaml } from './redhat-yaml';

let client: LanguageClient | undefined;

/** Files the language server reads: YAML anywhere, JSON only when it is a manifest the engine classifies. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'untitled', language: 'yaml' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('Fleet Rollouts', { log: true });
  const status = vscode.languages.createLanguageStatusItem('fleetRollouts.status', DOCUMENT_SELECTOR);
  status.name = 'Fleet Rollouts';
  status.text = '$(sync~spin) Fleet Rollouts';
  status.detail = 'starting the language server';
  status.command = { title: 'Show log', command: 'fleetRollouts.showLog' };
  context.subscriptions.push(status, output, vscode.commands.registerCommand('fleetRollouts.showLog', () => output.show()));

  // Activation returns at once; the server starts in the background so the host is never held up.
  void startClient(context, serverOptions, output).then(
    () => {
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

async function startClient(context: vscode.ExtensionContext, serverOptions: ServerOptions, output: vscode.LogOutputChannel): Promise<void> {
  const redHatYaml = await coexistWithRedHatYaml(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'fleetRollouts' },
    diagnosticPullOptions: { onChange: true, onSave: true },
    initializationOptions: { redHatYaml },
  };
  client = new LanguageClient('fleetRollouts', 'Fleet Rollouts', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
