import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  MarkupKind,
  createConnection,
  type CodeAction,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type Range,
  type Position,
} from 'vscode-languageserver/node';
import { LanguageService } from '../language-service';
import { defaultConfig, type CheckConfig, type SeveritySetting } from '../check/config';
import { CONFIG_FILE_NAME, parseConfigFile } from '../check/config-file';
import { ALL_RULES } from '../rules';
import { BUILTIN } from '../rules/builtin';
import { toLspCompletion, toLspDiagnostic, toLspSymbol } from './convert';
import { isManifestUri, readUri, scanFolders } from './disk';
import { readSettings, SETTINGS_SECTION } from './settings';
import { IdleCollector } from './idle-gc';
import { encodeTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/semantic-tokens';
import type { Inventory } from '../engine/inventory';
import type { FileNotice } from '../engine/source-file';

declare const FLEET_ROLLOUTS_VERSION: string | undefined;
const VERSION = typeof FLEET_ROLLOUTS_VERSION === 'string' ? FLEET_ROLLOUTS_VERSION : '0.0.0-dev';

/**
 * Push mode only: publishing waits for the current burst of messages to be read, then goes out.
 * A timer of 0 coalesces a burst of keystrokes without adding a fixed delay (pull clients need none).
 */
const PUSH_COALESCE_MS = 0;

const connection = createConnection(ProposedFeatures.all);

function docsUrl(): string {
  for (const candidate of [path.join(__dirname, '..', 'docs', 'rules.md'), path.join(__dirname, '..', '..', '..', 'docs', 'rules.md')]) {
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return defaultConfig().docsUrl;
}

const baseConfig: CheckConfig = { ...defaultConfig(), docsUrl: docsUrl() };
const service = new LanguageService(baseConfig);
const idle = new IdleCollector(() => service.releaseTrees());
const openVersions = new Map<string, number>();
/** Bumped whenever a file's diagnostics may have changed; the pull protocol's resultId. */
const generations = new Map<string, number>();
let generation = 0;

let pullSupported = false;
let refreshSupported = false;
let configurationSupported = false;
let watcherRegistrationSupported = false;
let folders: string[] = [];

const pendingPush = new Set<string>();
let pushTimer: NodeJS.Timeout | undefined;
let refreshTimer: NodeJS.Timeout | undefined;
const workspaceWaiters: Array<() => void> = [];

function changed(affected: Set<string>, origin?: string): void {
  idle.arm();
  generation++;
  for (const uri of affected) generations.set(uri, generation);
  if (pullSupported) {
    // The client re-pulls the edited document by itself; other files need a refresh request.
    const others = [...affected].some((u) => u !== origin && openVersions.has(u));
    if (others && refreshSupported && !refreshTimer) {
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void connection.languages.diagnostics.refresh();
      }, PUSH_COALESCE_MS);
    }
    for (const wake of workspaceWaiters.splice(0)) wake();
    return;
  }
  for (const uri of affected) if (openVersions.has(uri)) pendingPush.add(uri);
  if (!pushTimer && pendingPush.size) {
    pushTimer = setTimeout(() => {
      pushTimer = undefined;
      for (const uri of pendingPush) publish(uri);
      pendingPush.clear();
    }, PUSH_COALESCE_MS);
  }
}

function publish(uri: string): void {
  void connection.sendDiagnostics({ uri, version: openVersions.get(uri), diagnostics: service.diagnostics(uri).map(toLspDiagnostic) });
  idle.arm();
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  pullSupported = !!caps.textDocument?.diagnostic;
  refreshSupported = !!caps.workspace?.diagnostics?.refreshSupport;
  configurationSupported = !!caps.workspace?.configuration;
  watcherRegistrationSupported = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  // Red Hat YAML already reports YAML syntax errors and duplicate keys: show each problem once.
  if ((params.initializationOptions as { redHatYaml?: boolean } | undefined)?.redHatYaml) defaultRules = { [BUILTIN.syntax.id]: 'off', 'yaml/duplicate-key': 'off' };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: { label: 'Fleet Rollouts' },
      foldingRangeProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '.', '-'], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: false },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
      diagnosticProvider: pullSupported ? { identifier: 'fleet-rollouts', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
    },
    serverInfo: { name: 'fleet-rollouts', version: VERSION },
  };
});

connection.onInitialized(async () => {
  if (watcherRegistrationSupported) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
  }
  loadConfigFile();
  applyRuleConfig();
  await loadSettings();
  void indexWorkspace();
});

/** Rule severities: the repository's .fleet-rollouts.yaml, then the user's settings on top. */
let defaultRules: Record<string, SeveritySetting> = {};
let fileRules: Record<string, SeveritySetting> = {};
let settingsRules: Record<string, SeveritySetting> = {};

function applyRuleConfig(): void {
  const rules = { ...defaultRules, ...fileRules, ...settingsRules };
  if (JSON.stringify(rules) === JSON.stringify(service.checker.config.rules)) return;
  service.setConfig({ ...baseConfig, rules });
  changed(new Set(service.workspace.uris()));
}

async function loadSettings(): Promise<void> {
  if (!configurationSupported) return;
  try {
    settingsRules = readSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION)).rules;
    applyRuleConfig();
  } catch (err) {
    connection.console.warn(`Could not read settings: ${(err as Error).message}`);
  }
}

function configFileUri(): string | undefined {
  const folder = folders.find((f) => f.startsWith('file:'));
  return folder ? `${folder.replace(/\/$/, '')}/${CONFIG_FILE_NAME}` : undefined;
}

function loadConfigFile(): void {
  const uri = configFileUri();
  if (!uri) return;
  let text: string | undefined;
  try {
    text = fs.readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    text = undefined;
  }
  const known = new Set([...ALL_RULES, ...Object.values(BUILTIN)].map((r) => r.id));
  const parsed = text === undefined ? { rules: {}, problems: [] } : parseConfigFile(text, known);
  for (const p of parsed.problems) connection.console.warn(p);
  fileRules = parsed.rules;
  applyRuleConfig();
}

connection.onDidChangeConfiguration(() => void loadSettings());

/**
 * Gives the service a file's whole text. Every whole text goes through here so that the idle
 * collector (idle-gc.ts) learns of each large one: reading it is what leaves memory to give back.
 */
function setText(uri: string, text: string, version: number, notice?: FileNotice): Set<string> {
  idle.noteText(text.length);
  return service.setFile(uri, text, version, notice);
}

async function indexWorkspace(): Promise<void> {
  const started = Date.now();
  let count = 0;
  const affected = new Set<string>();
  for await (const uri of scanFolders(folders)) {
    if (openVersions.has(uri) || service.hasFile(uri)) continue;
    const decoded = readUri(uri);
    if (!decoded) continue;
    for (const u of setText(uri, decoded.text, 0, decoded.notice)) affected.add(u);
    count++;
  }
  if (count) changed(affected);
  connection.console.info(`Indexed ${count} manifest files in ${Date.now() - started} ms`);
}

connection.onDidOpenTextDocument(({ textDocument }) => {
  openVersions.set(textDocument.uri, textDocument.version);
  changed(setText(textDocument.uri, textDocument.text, textDocument.version), textDocument.uri);
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  const uri = textDocument.uri;
  openVersions.set(uri, textDocument.version);
  if (!service.hasFile(uri)) return;
  // A whole-text change resets the file; the incremental ones after it apply on top.
  const lastFull = contentChanges.findLastIndex((c) => !isIncremental(c));
  const affected = lastFull === -1 ? new Set<string>() : setText(uri, contentChanges[lastFull].text, textDocument.version);
  const edits = contentChanges.slice(lastFull + 1).filter(isIncremental);
  if (edits.length) for (const u of service.editFile(uri, edits, textDocument.version)) affected.add(u);
  changed(affected, uri);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  const uri = textDocument.uri;
  openVersions.delete(uri);
  // What is on disk is what other files refer to once the editor lets go.
  const decoded = isManifestUri(uri) ? readUri(uri) : undefined;
  changed(decoded ? setText(uri, decoded.text, 0, decoded.notice) : service.removeFile(uri), uri);
  if (!pullSupported) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const affected = new Set<string>();
  if (changes.some((c) => c.uri === configFileUri())) loadConfigFile();
  for (const change of changes) {
    if (openVersions.has(change.uri) || !isManifestUri(change.uri)) continue;
    const decoded = change.type === FileChangeType.Deleted ? undefined : readUri(change.uri);
    const result = decoded ? setText(change.uri, decoded.text, 0, decoded.notice) : service.removeFile(change.uri);
    for (const u of result) affected.add(u);
  }
  if (affected.size) changed(affected);
});

function isIncremental(c: TextDocumentContentChangeEvent): c is Extract<TextDocumentContentChangeEvent, { range: unknown }> {
  return 'range' in c && c.range !== undefined;
}

const resultId = (uri: string): string => String(generations.get(uri) ?? 0);

connection.languages.diagnostics.on((params): DocumentDiagnosticReport => {
  const uri = params.textDocument.uri;
  const id = resultId(uri);
  if (params.previousResultId === id) return { kind: 'unchanged', resultId: id };
  const items = service.diagnostics(uri).map(toLspDiagnostic);
  idle.arm();
  return { kind: 'full', resultId: id, items };
});

connection.languages.diagnostics.onWorkspace(async (params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const collect = (): WorkspaceDocumentDiagnosticReport[] => {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of service.workspace.uris()) {
      const id = resultId(uri);
      const before = previous.get(uri);
      if (before === id) continue;
      const diagnostics = service.diagnostics(uri);
      if (before === undefined && diagnostics.length === 0) continue;
      items.push({ uri, version: openVersions.get(uri) ?? null, kind: 'full', resultId: id, items: diagnostics.map(toLspDiagnostic) });
    }
    idle.arm();
    return items;
  };
  let items = collect();
  // Nothing new: hold the request until something changes, as the protocol intends for workspace pulls.
  while (items.length === 0 && !token.isCancellationRequested) {
    await new Promise<void>((resolve) => {
      workspaceWaiters.push(resolve);
      token.onCancellationRequested(() => resolve());
    });
    items = collect();
  }
  return { items };
});

connection.onCodeAction(({ textDocument, range }): CodeAction[] => {
  const actions: CodeAction[] = [];
  for (const d of service.diagnostics(textDocument.uri)) {
    if (!d.fixes || !overlaps(d.range, range)) continue;
    const diagnostic = toLspDiagnostic(d);
    for (const fix of d.fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fix.edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: { changes } });
    }
  }
  return actions;
});

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

connection.onDocumentSymbol(({ textDocument }) => service.documentSymbols(textDocument.uri).map(toLspSymbol));
connection.onFoldingRanges(({ textDocument }) => service.foldingRanges(textDocument.uri));
connection.onHover(({ textDocument, position }) => {
  const h = service.hover(textDocument.uri, position);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
});
connection.onCompletion(({ textDocument, position }) => ({ isIncomplete: false, items: service.completion(textDocument.uri, position).map(toLspCompletion) }));
connection.onDefinition(({ textDocument, position }) => service.definition(textDocument.uri, position));
connection.onReferences(({ textDocument, position, context }) => service.references(textDocument.uri, position, context.includeDeclaration));
connection.onRenameRequest(({ textDocument, position, newName }) => {
  const edits = service.rename(textDocument.uri, position, newName);
  if (!edits) return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
});

/** The client sends the Fleet clusters of the hub contexts the user watches (never on its own). */
connection.onNotification('fleetRollouts/inventory', (params: { inventory?: Inventory | null }) => {
  const affected = service.setInventory(params?.inventory ?? undefined);
  for (const uri of openVersions.keys()) affected.add(uri);
  changed(affected);
  if (refreshSupported) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

connection.onCodeLens(({ textDocument }) => service.codeLenses(textDocument.uri).map((l) => ({ range: l.range, command: { title: l.title, command: '' } })));
connection.languages.semanticTokens.on(({ textDocument }) => ({ data: encodeTokens(service.semanticTokens(textDocument.uri)) }));

process.on('uncaughtException', (err) => connection.console.error(`fleet-rollouts server: ${err.stack ?? err.message}`));

connection.listen();
