// How to start and configure each language server under test.
//   ours                 node <server/node-flags.json> dist/server.js --stdio   (pull diagnostics when advertised)
//   yaml-language-server node .../out/server/src/server.js --stdio   (push diagnostics)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';

export const SERVERS = ['ours', 'yls'];

export const LABEL = { ours: 'ours', yls: 'yaml-language-server' };

/** The node flags the extension starts our server with (client/src/extension.ts). */
export const SERVER_NODE_FLAGS = JSON.parse(fs.readFileSync(new URL('../server/node-flags.json', import.meta.url), 'utf8'));

export function serverCommand(which, root) {
  if (which === 'ours') {
    const main = path.join(root, 'dist/server.js');
    return { main, args: [...SERVER_NODE_FLAGS, main, '--stdio'], available: fs.existsSync(main), missing: 'not built' };
  }
  const main = path.join(root, 'node_modules/yaml-language-server/out/server/src/server.js');
  let version = '?';
  try {
    version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/yaml-language-server/package.json'), 'utf8')).version;
  } catch {
    /* not installed */
  }
  return { main, args: [main, '--stdio'], available: fs.existsSync(main), missing: 'not installed', version };
}

/** What a user configures today in VS Code (vscode-yaml settings) to validate these files. */
export function yamlSettings(schemas) {
  // BENCH_YLS_EXCLUDE_FLEET=1 keeps fleet.yaml out of the *.yaml glob: a file matched by two
  // globs gets a per-file combined schema that yaml-language-server resolves on every validation
  const globs = process.env.BENCH_YLS_EXCLUDE_FLEET === '1' ? ['*.yaml', '*.yml', '!fleet.yaml', '!fleet.yml'] : ['*.yaml', '*.yml'];
  const schemaMap = { [pathToFileURL(schemas.combined).href]: globs };
  if (schemas.fleet) schemaMap[pathToFileURL(schemas.fleet).href] = ['fleet.yaml', 'fleet.yml'];
  return {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: true },
    schemas: schemaMap,
    customTags: [],
    // offline machine: the SchemaStore catalog and the CRD catalog would be fetched from the
    // network otherwise (both default on in vscode-yaml); our schemas are mapped explicitly
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
}

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    codeAction: {},
  },
  window: { workDoneProgress: false },
  general: { positionEncodings: ['utf-16'] },
};

/**
 * Spawns, initializes and configures a server.
 * @returns {Promise<{client: LspClient, which: string, mode: 'pull'|'push', incremental: boolean,
 *   capabilities: object, stats: {configRequests: number, serverRequests: Map<string, number>}}>}
 */
export async function startServer(which, { root, workspaceDir, schemas, timeoutMs, track }) {
  const cmd = serverCommand(which, root);
  if (!cmd.available) throw new Error(`${LABEL[which]}: ${cmd.missing}`);
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the servers
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const client = new LspClient(LABEL[which], process.execPath, [...nodeArgs, ...cmd.args], { cwd: root });
  track?.(client);
  const settings = { yaml: yamlSettings(schemas) };
  const stats = { serverRequests: new Map() };
  const count = (m) => stats.serverRequests.set(m, (stats.serverRequests.get(m) ?? 0) + 1);
  let configAnswered;
  const configSeen = new Promise((resolve) => (configAnswered = resolve));
  client.onRequest('workspace/configuration', (params) => {
    count('workspace/configuration');
    const items = params?.items ?? [];
    const out = items.map((it) => {
      if (it.section === 'yaml') return settings.yaml;
      return {};
    });
    if (items.some((it) => it.section === 'yaml')) setImmediate(configAnswered);
    return out;
  });
  for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'window/showMessageRequest']) {
    client.onRequest(m, () => {
      count(m);
      return null;
    });
  }
  const wsUri = pathToFileURL(workspaceDir).href;
  const init = await client.request(
    'initialize',
    {
      processId: process.pid,
      clientInfo: { name: 'fleet-rollouts-bench', version: '1' },
      locale: 'en',
      rootUri: wsUri,
      rootPath: workspaceDir,
      workspaceFolders: [{ uri: wsUri, name: path.basename(workspaceDir) }],
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: {},
      trace: 'off',
    },
    timeoutMs,
  );
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings });
  const caps = init?.capabilities ?? {};
  const sync = caps.textDocumentSync;
  const change = typeof sync === 'number' ? sync : sync?.change;
  const mode = caps.diagnosticProvider ? 'pull' : 'push';
  if (which === 'yls') {
    // it pulls `yaml` with workspace/configuration after didChangeConfiguration; wait for that
    await Promise.race([configSeen, new Promise((r) => setTimeout(r, 5000))]);
  }
  await client.barrier(timeoutMs);
  return { client, which, mode, incremental: change === 2, capabilities: caps, stats, version: cmd.version };
}
