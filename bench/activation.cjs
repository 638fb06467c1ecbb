// One cold activation of the extension, in this fresh process:
//   require(dist/client.js) + activate(context), against bench/vscode-stub.cjs for `vscode`,
// until the language client's start is issued (the first child_process spawn/fork, which
// LanguageClient.start does; the fork gets a fake child that never answers) or the promise
// of activate settles, whichever comes first. Prints one JSON line (times, what ended it, and which
// of the extension's bundles in dist/ were loaded by then).
//   node bench/activation.cjs /path/to/dist/client.js
'use strict';

const { performance } = require('node:perf_hooks');
const Module = require('node:module');
const path = require('node:path');
const cp = require('node:child_process');
const { EventEmitter } = require('node:events');
const { PassThrough } = require('node:stream');

const clientPath = path.resolve(process.argv[2]);
const root = path.resolve(path.dirname(clientPath), '..');
const stubPath = path.join(__dirname, 'vscode-stub.cjs');
process.env.BENCH_WORKSPACE_ROOT ??= path.join(root, 'examples');

const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return stubPath;
  return origResolve.call(this, request, ...rest);
};
const vscode = require(stubPath); // loading the stub is not part of the extension's cost

let startIssued;
const started = new Promise((resolve) => (startIssued = resolve));
function fakeChild(kind, args) {
  startIssued({ at: performance.now(), via: `${kind} ${JSON.stringify(args[0])}` });
  const child = new EventEmitter();
  Object.assign(child, {
    pid: 0,
    connected: true,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    send: () => true,
    kill: () => true,
    disconnect() {},
    unref() {},
    ref() {},
  });
  return child;
}
cp.fork = (...args) => fakeChild('fork', args);
cp.spawn = (...args) => fakeChild('spawn', args);

const t0 = performance.now();
const ext = require(clientPath);
const tRequired = performance.now();
let result;
let promise;
try {
  promise = ext.activate(vscode.__makeContext(root));
} catch (e) {
  result = { error: `activate threw: ${e?.stack ?? e}` };
}
const tSync = performance.now();

const timeoutMs = 10_000;
Promise.race([
  Promise.resolve(promise).then(
    () => ({ at: performance.now(), via: 'activate resolved' }),
    (e) => ({ at: performance.now(), via: `activate rejected: ${e?.message ?? e}` }),
  ),
  started,
  new Promise((r) => setTimeout(() => r({ at: NaN, via: 'timeout' }), timeoutMs)),
]).then((end) => {
  result ??= {
    requireMs: tRequired - t0,
    activateSyncMs: tSync - tRequired,
    totalMs: end.at - t0,
    endedBy: end.via,
    // The extension's own bundles loaded so far (dist/client.js and the libraries it required).
    bundles: Object.keys(require.cache).filter((f) => path.dirname(f) === path.dirname(clientPath)).map((f) => path.basename(f)).sort(),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
});
