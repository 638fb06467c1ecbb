/**
 * `fleet-rollouts get rollout|experiment NAME` and `fleet-rollouts status NAME`: the output of
 * `kubectl argo rollouts get …` and `… status` (argo-rollouts.md §4.6, §4.7), computed by the
 * same `rolloutStatus()` as the editor's views, from a pluggable object source: `--from DIR` (saved
 * objects, directory-source.ts), or kubeconfig contexts through a factory the CLI entry registers
 * (`setContextSourceFactory`; the live source is client code, which nothing here may import).
 */
import * as fs from 'node:fs';
import { parseGoDuration } from '../semantics/go/duration';
import { PathError } from './walk';
import { DirectorySource } from './directory-source';
import {
  AmbiguousError,
  CLEAR_SCREEN,
  NotFoundError,
  SourceError,
  WATCH_TIMEOUT_ERROR,
  experimentStatus,
  isFinalStatus,
  renderExperiment,
  renderRollout,
  rolloutStatus,
  statusError,
  statusLine,
  watchStatusLine,
  type ObjectSource,
  type RolloutInfo,
} from '../semantics/status';
import { parseTime } from '../semantics/status/objects';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const GET_USAGE = `Usage: fleet-rollouts get rollout NAME [-n NS] [--from DIR | --context CTX...] [--no-color] [-w] [--timeout-seconds N]
       fleet-rollouts get experiment NAME [-n NS] [--from DIR | --context CTX...] [--no-color] [-w]
       fleet-rollouts status NAME [-n NS] [--from DIR | --context CTX...] [-w[=true|false]] [-t DURATION]

Prints what \`kubectl argo rollouts get rollout\` / \`get experiment\` / \`status\` print: the same
header, tree, icons, colors (off with --no-color or TERM=dumb) and errors.

  --from DIR         render saved objects: every *.yaml, *.yml, *.json below DIR, or one file
                     (Rollouts, ReplicaSets, Pods, Experiments, AnalysisRuns, Deployments;
                     \`kind: List\` dumps from \`kubectl get -o yaml|json\` included). Without -n,
                     NAME may be in any namespace of the dump.
  --context CTX      read a live cluster through this kubeconfig context (KUBECONFIG or
                     ~/.kube/config); repeat it for several clusters: one block per context,
                     each after a \`Context: CTX\` line. Without --from and --context, the
                     current context.
  -n, --namespace    namespace of the rollout (live: the context's namespace when absent).
  -w, --watch        redraw when the objects change (get: until --timeout-seconds or Ctrl-C;
                     status: until Healthy or Degraded or --timeout). A saved dump does not
                     change, so \`status --from\` does not watch unless asked to.

Exit status: 0 ok; 1 the plugin's errors (not found, Degraded, watch timeout); 2 usage error or
unreadable path. FLEET_ROLLOUTS_NOW=<RFC 3339 time> fixes the clock used for ages.
`;

class UsageError extends Error {}

/** A request this version cannot serve yet (live clusters): exit 2, without the usage text. */
class NotSupportedError extends Error {}

/** Errors the plugin itself reports (printed `Error: <message>`, exit 1). */
class CommandError extends Error {}

// ---- arguments ---------------------------------------------------------------------------------

interface Options {
  positionals: string[];
  namespace?: string;
  from?: string;
  contexts: string[];
  noColor: boolean;
  watch?: boolean;
  timeoutMs: number;
  timeoutSeconds: number;
}

function parseBool(flag: string, v: string): boolean {
  if (/^(1|t|T|true|TRUE|True)$/.test(v)) return true;
  if (/^(0|f|F|false|FALSE|False)$/.test(v)) return false;
  throw new UsageError(`invalid argument "${v}" for "${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}

/** Go's time.ParseDuration, in milliseconds (the --timeout and --interval flags). */
export function durationMs(s: string): number | undefined {
  const d = parseGoDuration(s);
  return d.ok ? Number(d.ns) / 1e6 : undefined;
}

function parseArgs(command: 'get' | 'status', args: string[]): Options {
  const o: Options = { positionals: [], contexts: [], noColor: false, timeoutMs: 0, timeoutSeconds: 0 };
  const value = (i: number, flag: string, inline: string | undefined): [string, number] => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= args.length) throw new UsageError(`flag needs an argument: ${flag}`);
    return [args[i + 1], i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      o.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      o.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    let flag = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    let inline = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : undefined;
    // Short flags: -nNS, -n=NS, -w=false, -t=30s.
    if (!a.startsWith('--') && a.length > 2) {
      flag = a.slice(0, 2);
      inline = a[2] === '=' ? a.slice(3) : a.slice(2);
    }
    switch (flag) {
      case '-n':
      case '--namespace':
        [o.namespace, i] = value(i, flag, inline);
        break;
      case '--from':
        [o.from, i] = value(i, flag, inline);
        break;
      case '--context': {
        let ctx: string;
        [ctx, i] = value(i, flag, inline);
        o.contexts.push(ctx);
        break;
      }
      case '--no-color':
        o.noColor = inline === undefined ? true : parseBool(flag, inline);
        break;
      case '-w':
      case '--watch':
        o.watch = inline === undefined ? true : parseBool(flag, inline);
        break;
      case '--timeout-seconds': {
        if (command !== 'get') throw new UsageError(`unknown flag: ${flag}`);
        let v: string;
        [v, i] = value(i, flag, inline);
        if (!/^[+-]?\d+$/.test(v)) throw new UsageError(`invalid argument "${v}" for "--timeout-seconds" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
        o.timeoutSeconds = Number(v);
        break;
      }
      case '-t':
      case '--timeout': {
        if (command !== 'status') throw new UsageError(`unknown flag: ${flag}`);
        let v: string;
        [v, i] = value(i, flag, inline);
        const ms = durationMs(v);
        if (ms === undefined) throw new UsageError(`invalid argument "${v}" for "-t, --timeout" flag: time: invalid duration "${v}"`);
        o.timeoutMs = ms;
        break;
      }
      default:
        throw new UsageError(`unknown flag: ${flag}`);
    }
  }
  return o;
}

/** FLEET_ROLLOUTS_NOW fixes the clock (tests freeze time as the plugin's tests do). */
function clock(): () => number {
  const fixed = process.env.FLEET_ROLLOUTS_NOW;
  if (fixed === undefined || fixed === '') return () => Date.now();
  const t = parseTime(fixed);
  if (t === undefined) throw new UsageError(`FLEET_ROLLOUTS_NOW must be an RFC 3339 time such as 2026-01-02T15:04:05Z, not '${fixed}'`);
  return () => t;
}

// ---- commands ----------------------------------------------------------------------------------

interface Context {
  io: Io;
  now: () => number;
  color: boolean;
}

/** Makes the source of one kubeconfig context (undefined: the current context). */
export type ContextSourceFactory = (context: string | undefined, io: Io) => ObjectSource;

let contextSourceFactory: ContextSourceFactory | undefined;

/** Registers how live clusters are read (the CLI entry does; without it only --from works). */
export function setContextSourceFactory(factory: ContextSourceFactory | undefined): void {
  contextSourceFactory = factory;
}

/** The sources to read, one per --context (or one for --from / the current context). */
function sourcesFor(o: Options, command: string, io: Io): ObjectSource[] {
  if (o.from !== undefined && o.contexts.length > 0) throw new UsageError('--from and --context cannot be combined');
  if (o.from === undefined) {
    if (!contextSourceFactory) {
      const what = o.contexts.length > 0 ? `--context ${o.contexts.join(', ')}` : 'the current kubeconfig context';
      throw new NotSupportedError(`reading live clusters (${what}) is not yet supported; use --from DIR to render saved objects`);
    }
    const factory = contextSourceFactory;
    return o.contexts.length > 0 ? o.contexts.map((c) => factory(c, io)) : [factory(undefined, io)];
  }
  const stat = fs.statSync(o.from, { throwIfNoEntry: false });
  if (!stat) throw new PathError(`cannot read ${o.from}: no such file or directory`);
  return [new DirectorySource(o.from, (s) => io.err(s.replace(/^fleet-rollouts:/, `fleet-rollouts ${command}:`)))];
}

/** The line before each block when several contexts are read. */
const contextHeader = (label: string): string => `Context: ${label}\n`;

/** Waits for `ms` (forever when 0), or until SIGINT/SIGTERM; resolves true on a signal. */
function waitForEnd(ms: number, stopEarly: Promise<void>): Promise<'timeout' | 'signal' | 'done'> {
  return new Promise((resolve) => {
    const onSignal = () => finish('signal');
    const timer = ms > 0 ? setTimeout(() => finish('timeout'), ms) : undefined;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void stopEarly.then(() => finish('done'));
    function finish(why: 'timeout' | 'signal' | 'done') {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(why);
    }
  });
}

async function getRollout(source: ObjectSource, name: string, o: Options, ctx: Context): Promise<number> {
  const read = async () => rolloutStatus(await source.rolloutObjects(name, o.namespace));
  let info = await read();
  if (!o.watch) {
    ctx.io.out(renderRollout(info, { now: ctx.now(), color: ctx.color }));
    return 0;
  }
  // Watch: redraw on changes (at most every 200 ms) and every second for the ages, like the plugin.
  let lastDraw = 0;
  let pending: NodeJS.Timeout | undefined;
  const draw = () => {
    lastDraw = Date.now();
    ctx.io.out(CLEAR_SCREEN + renderRollout(info, { now: ctx.now(), color: ctx.color }));
  };
  const refresh = async () => {
    try {
      info = await read();
    } catch {
      // Keep the last picture while files are half-written or the rollout is briefly gone.
    }
    const wait = 200 - (Date.now() - lastDraw);
    if (wait <= 0) draw();
    else if (!pending) pending = setTimeout(() => ((pending = undefined), draw()), wait);
  };
  draw();
  const stopWatch = source.watch(() => void refresh());
  const ticker = setInterval(() => void refresh(), 1000);
  await waitForEnd(o.timeoutSeconds * 1000, new Promise(() => {}));
  clearInterval(ticker);
  if (pending) clearTimeout(pending);
  stopWatch();
  return 0;
}

async function getExperiment(source: ObjectSource, name: string, o: Options, ctx: Context): Promise<number> {
  const read = async () => experimentStatus(await source.experimentObjects(name, o.namespace));
  let info = await read();
  if (!o.watch) {
    ctx.io.out(renderExperiment(info, { now: ctx.now(), color: ctx.color }));
    return 0;
  }
  const draw = () => ctx.io.out(CLEAR_SCREEN + renderExperiment(info, { now: ctx.now(), color: ctx.color }));
  const refresh = async () => {
    try {
      info = await read();
    } catch {
      // keep the last picture
    }
    draw();
  };
  draw();
  const stopWatch = source.watch(() => void refresh());
  const ticker = setInterval(() => void refresh(), 1000);
  await waitForEnd(0, new Promise(() => {}));
  clearInterval(ticker);
  stopWatch();
  return 0;
}

async function status(source: ObjectSource, name: string, o: Options, ctx: Context): Promise<number> {
  const read = async () => rolloutStatus(await source.rolloutObjects(name, o.namespace));
  let info: RolloutInfo = await read();
  // A saved dump does not change: watch it only when asked.
  const watch = o.watch ?? false;
  if (!watch) {
    ctx.io.out(`${statusLine(info)}\n`);
  } else {
    let previous = '';
    const print = () => {
      const line = watchStatusLine(info);
      if (line !== previous) {
        ctx.io.out(`${line}\n`);
        previous = line;
      }
    };
    print();
    if (!isFinalStatus(info)) {
      let finished!: () => void;
      const done = new Promise<void>((resolve) => (finished = resolve));
      const stopWatch = source.watch(() => {
        void read()
          .then((next) => {
            info = next;
            print();
            if (isFinalStatus(info)) finished();
          })
          .catch(() => {});
      });
      await waitForEnd(o.timeoutMs, done);
      stopWatch();
    }
  }
  const error = statusError(info);
  if (error) throw new CommandError(error);
  if (watch && info.status !== 'Healthy') throw new CommandError(WATCH_TIMEOUT_ERROR);
  return 0;
}

/** The message of an error the plugin reports per block (`Error: …`), or undefined for others. */
function blockError(err: unknown): string | undefined {
  if (err instanceof NotFoundError || err instanceof CommandError || err instanceof SourceError || err instanceof AmbiguousError) return err.message;
  return undefined;
}

/**
 * Several contexts, one after the other: a `Context: CTX` line, then what the command prints for
 * that context (errors as `Error: …` on stderr). Exit status 1 when any block failed.
 */
async function eachContext(sources: ObjectSource[], ctx: Context, one: (source: ObjectSource) => Promise<number>): Promise<number> {
  let code = 0;
  for (const [i, source] of sources.entries()) {
    ctx.io.out(`${i > 0 ? '\n' : ''}${contextHeader(source.label)}`);
    try {
      code = Math.max(code, await one(source));
    } catch (err) {
      const message = blockError(err);
      if (message === undefined) throw err;
      ctx.io.err(`Error: ${message}\n`);
      code = Math.max(code, 1);
    }
  }
  return code;
}

/** `get rollout --watch` over several contexts: all blocks redrawn together. */
async function watchRollouts(sources: ObjectSource[], name: string, o: Options, ctx: Context): Promise<number> {
  const texts: string[] = sources.map(() => '');
  const readOne = async (i: number) => {
    try {
      const info = rolloutStatus(await sources[i].rolloutObjects(name, o.namespace));
      texts[i] = renderRollout(info, { now: ctx.now(), color: ctx.color });
    } catch (err) {
      const message = blockError(err);
      if (message === undefined) throw err;
      texts[i] = `Error: ${message}\n`;
    }
  };
  const draw = () => ctx.io.out(CLEAR_SCREEN + texts.map((t, i) => `${i > 0 ? '\n' : ''}${contextHeader(sources[i].label)}${t}`).join(''));
  await Promise.all(sources.map((_, i) => readOne(i)));
  draw();
  let busy = false;
  const refresh = async () => {
    if (busy) return;
    busy = true;
    try {
      await Promise.all(sources.map((_, i) => readOne(i).catch(() => {})));
      draw();
    } finally {
      busy = false;
    }
  };
  const stops = sources.map((source) => source.watch(() => void refresh()));
  const ticker = setInterval(() => void refresh(), 1000);
  await waitForEnd(o.timeoutSeconds * 1000, new Promise(() => {}));
  clearInterval(ticker);
  for (const stop of stops) stop();
  return 0;
}

/** Runs `get …` or `status …` (argv after the command word); resolves to the exit status. */
export async function runGetCommand(command: 'get' | 'status', args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(GET_USAGE);
    return 0;
  }
  try {
    const o = parseArgs(command, args);
    let kind: 'rollout' | 'experiment' = 'rollout';
    let rest = o.positionals;
    if (command === 'get') {
      const sub = rest[0];
      if (sub === undefined) throw new UsageError('get needs a resource: rollout or experiment');
      if (sub === 'rollout' || sub === 'ro' || sub === 'rollouts') kind = 'rollout';
      else if (sub === 'experiment' || sub === 'exp' || sub === 'experiments') kind = 'experiment';
      else throw new UsageError(`unknown resource '${sub}': use rollout or experiment`);
      rest = rest.slice(1);
      if (kind === 'experiment' && o.timeoutSeconds !== 0) throw new UsageError('unknown flag: --timeout-seconds');
    }
    if (rest.length !== 1) throw new UsageError(rest.length === 0 ? `${command === 'get' ? `get ${kind}` : 'status'} needs a NAME` : `one NAME only, not ${rest.length}`);
    const ctx: Context = { io, now: clock(), color: !o.noColor && process.env.TERM !== 'dumb' };
    const sources = sourcesFor(o, command, io);
    const name = rest[0];
    const one = (source: ObjectSource): Promise<number> => {
      if (command === 'status') return status(source, name, o, ctx);
      return kind === 'rollout' ? getRollout(source, name, o, ctx) : getExperiment(source, name, o, ctx);
    };
    if (sources.length === 1) return await one(sources[0]);
    if (o.watch && command === 'get') {
      if (kind === 'experiment') throw new UsageError('get experiment --watch reads one context at a time');
      return await watchRollouts(sources, name, o, ctx);
    }
    return await eachContext(sources, ctx, one);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`fleet-rollouts ${command}: ${err.message}\n\n${GET_USAGE}`);
      return 2;
    }
    if (err instanceof PathError || err instanceof AmbiguousError || err instanceof NotSupportedError) {
      io.err(`fleet-rollouts ${command}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof NotFoundError || err instanceof CommandError || err instanceof SourceError) {
      io.err(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

