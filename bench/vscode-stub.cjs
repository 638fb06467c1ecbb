// A permissive stand-in for the `vscode` module, enough to require and activate the
// extension outside VS Code: every unknown property is a callable, constructible proxy
// that returns more of the same (and disposables); the APIs activation typically touches
// get small concrete implementations. Used only by bench/activation.cjs.
'use strict';

const path = require('node:path');

function permissive(name, overrides = {}, keys = []) {
  const store = new Map(Object.entries(overrides));
  const target = function () {};
  return new Proxy(target, {
    // bundlers copy a CommonJS module's own keys into an ES namespace (`import * as vscode`)
    ownKeys() {
      return [...new Set(['prototype', ...keys, ...store.keys()])];
    },
    getOwnPropertyDescriptor(t, prop) {
      if (prop === 'prototype') return Object.getOwnPropertyDescriptor(t, prop);
      if (!store.has(prop) && !keys.includes(prop)) return undefined;
      return { value: this.get(t, prop), writable: true, enumerable: true, configurable: true };
    },
    get(t, prop) {
      if (store.has(prop)) return store.get(prop);
      if (prop === 'then' || prop === '__esModule') return undefined; // not a promise, not ESM
      if (prop === 'prototype') return t.prototype;
      if (prop === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'toString' || prop === 'toJSON') return () => `[stub ${name}]`;
      if (prop === 'dispose') return () => {};
      if (typeof prop === 'symbol') return undefined;
      const child = permissive(`${name}.${String(prop)}`);
      store.set(prop, child);
      return child;
    },
    set(_t, prop, value) {
      store.set(prop, value);
      return true;
    },
    has(_t, prop) {
      return prop !== 'then';
    },
    apply() {
      return permissive(`${name}()`);
    },
    construct() {
      return permissive(`new ${name}`);
    },
  });
}

class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...ds) {
    return new Disposable(() => ds.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this._fn?.();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(l);
      const d = new Disposable(() => this._listeners.delete(l));
      disposables?.push?.(d);
      return d;
    };
  }
  fire(e) {
    for (const l of [...this._listeners]) l(e);
  }
  dispose() {
    this._listeners.clear();
  }
}

const noEvent = () => new Disposable();

class Uri {
  constructor(scheme, authority, p, query = '', fragment = '') {
    Object.assign(this, { scheme, authority, path: p, query, fragment });
  }
  get fsPath() {
    return this.path;
  }
  static file(p) {
    return new Uri('file', '', path.resolve(p));
  }
  static parse(s) {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.slice(1), u.hash.slice(1));
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  static from(c) {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query, c.fragment);
  }
  with(c) {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
  toJSON() {
    return { scheme: this.scheme, authority: this.authority, path: this.path };
  }
}

function configuration() {
  return {
    get: (_key, def) => def,
    has: () => false,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  };
}

function outputChannel(name) {
  const noop = () => {};
  return permissive(`OutputChannel(${name})`, {
    name,
    append: noop,
    appendLine: noop,
    replace: noop,
    clear: noop,
    show: noop,
    hide: noop,
    dispose: noop,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    logLevel: 2,
    onDidChangeLogLevel: noEvent,
  });
}

function languageStatusItem(id) {
  return { id, name: undefined, text: '', detail: undefined, severity: 0, busy: false, command: undefined, selector: undefined, dispose() {} };
}

const workspaceRoot = process.env.BENCH_WORKSPACE_ROOT || process.cwd();

/** Top-level names of the real API (namespaces, classes, enums), from @types/vscode. */
function apiNames() {
  try {
    const dts = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
    return [...dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]);
  } catch {
    return [];
  }
}

const vscode = permissive('vscode', {
  version: '1.100.0',
  Disposable,
  EventEmitter,
  Uri,
  env: permissive('env', { language: 'en', appName: 'Visual Studio Code', appHost: 'desktop', uiKind: 1, machineId: 'bench', sessionId: 'bench', remoteName: undefined, shell: '/bin/bash' }),
  workspace: permissive('workspace', {
    getConfiguration: configuration,
    onDidChangeConfiguration: noEvent,
    onDidOpenTextDocument: noEvent,
    onDidCloseTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    textDocuments: [],
    workspaceFolders: [{ uri: Uri.file(workspaceRoot), name: path.basename(workspaceRoot), index: 0 }],
    name: path.basename(workspaceRoot),
    isTrusted: true,
    getWorkspaceFolder: () => undefined,
    findFiles: () => Promise.resolve([]),
    createFileSystemWatcher: () => permissive('FileSystemWatcher', { onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose() {} }),
  }),
  window: permissive('window', {
    createOutputChannel: outputChannel,
    showInformationMessage: () => Promise.resolve(undefined),
    showWarningMessage: () => Promise.resolve(undefined),
    showErrorMessage: () => Promise.resolve(undefined),
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeVisibleTextEditors: noEvent,
    activeTextEditor: undefined,
    visibleTextEditors: [],
  }),
  languages: permissive('languages', {
    createLanguageStatusItem: languageStatusItem,
    onDidChangeDiagnostics: noEvent,
    getDiagnostics: () => [],
    match: () => 0,
  }),
  commands: permissive('commands', {
    registerCommand: () => new Disposable(),
    executeCommand: () => Promise.resolve(undefined),
    getCommands: () => Promise.resolve([]),
  }),
  extensions: permissive('extensions', { getExtension: () => undefined, all: [], onDidChange: noEvent }),
  StatusBarAlignment: { Left: 1, Right: 2 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  UIKind: { Desktop: 1, Web: 2 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
}, apiNames());

function memento() {
  const m = new Map();
  return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: (k, v) => (m.set(k, v), Promise.resolve()), keys: () => [...m.keys()], setKeysForSync() {} };
}

/** A minimal ExtensionContext for `extensionRoot`. */
function makeContext(extensionRoot) {
  const storage = path.join(extensionRoot, 'bench/work/.ext-storage');
  return permissive('ExtensionContext', {
    subscriptions: [],
    extensionPath: extensionRoot,
    extensionUri: Uri.file(extensionRoot),
    asAbsolutePath: (p) => path.join(extensionRoot, p),
    storagePath: storage,
    globalStoragePath: storage,
    logPath: storage,
    storageUri: Uri.file(storage),
    globalStorageUri: Uri.file(storage),
    logUri: Uri.file(storage),
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    secrets: { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: noEvent },
    extension: { id: 'fleet-rollouts.fleet-rollouts', extensionPath: extensionRoot, extensionUri: Uri.file(extensionRoot), packageJSON: {}, isActive: false, exports: undefined, extensionKind: 1 },
  });
}

module.exports = vscode;
module.exports.__makeContext = makeContext;
