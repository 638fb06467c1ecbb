// One server on one workspace, as separate steps (start, open pass, edit, finish) so that the
// orchestrator can interleave the servers' steps: on a shared machine the load drifts, and a
// ratio is only meaningful between measurements taken close together.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED, generateWorkspace } from './generate.mjs';
import { LABEL, startServer } from './servers.mjs';
import { attribute, closeAll, editValue, median, memoryOf, openAll } from './measure.mjs';

const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x);

/** Pass 0 is the text on disk; pass r renames every app `team-svc-0042` to `team-svc-0042r<r>`. */
export function passVariant(text, rep) {
  return rep === 0 ? text : text.replace(/-(\d{4})\b/g, `-$1r${rep}`);
}

export class ServerRun {
  /**
   * @param {string} which 'ours' | 'yls'
   * @param {{ws: object, dir: string, schemas: object, root: string, timeoutMs: number,
   *          reps: {open: number, edit: number}, track: Function, log: Function, tag: string}} o
   */
  constructor(which, o) {
    Object.assign(this, o);
    this.which = which;
    this.label = LABEL[which];
    this.opens = [];
    /** VmRSS at rest after each open pass (both servers idle), every file of the pass open. */
    this.rssSamples = [];
    this.edits = [];
    this.failed = null;
  }

  get pid() {
    return this.s?.client.pid;
  }

  get active() {
    return !this.failed && !!this.s;
  }

  async #guard(fn) {
    if (this.failed) return;
    try {
      await fn();
    } catch (e) {
      this.failed = e.message;
      this.log(`${this.tag} ${this.label} FAILED: ${e.message}`);
      this.s?.client.kill();
    }
  }

  /** Spawn, initialize, configure, and warm up with one small app (schemas loaded, JIT warm). */
  start() {
    return this.#guard(async () => {
      this.s = await startServer(this.which, {
        root: this.root,
        workspaceDir: this.dir,
        schemas: this.schemas,
        timeoutMs: this.timeoutMs,
        track: this.track,
      });
      const warmText = generateWorkspace({ n: 5, layout: 'single', seed: DEFAULT_SEED + 1 }).files[0].text.replace(/-0000/g, '-warmup');
      const warmDoc = { uri: pathToFileURL(path.join(this.dir, 'warmup.yaml')).href, text: warmText, version: 1 };
      this.warm = await openAll(this.s, [warmDoc], this.timeoutMs);
      await closeAll(this.s, [warmDoc], this.timeoutMs);
      const { mode, incremental } = this.s;
      this.log(`${this.tag} ${this.label} (${mode} diagnostics, ${incremental ? 'incremental' : 'full'} sync) warm-up ${Math.round(this.warm.ms)} ms, ${this.warm.diagnostics} diagnostics`);
    });
  }

  /**
   * Open pass `rep`: close the previous pass, then open every file with content the server
   * has not seen (passVariant) and time until all diagnostics are available.
   * @param {() => Promise<void>} settle  called right before the timed part (wait for idle)
   */
  openPass(rep, settle) {
    return this.#guard(async () => {
      if (this.docs) await closeAll(this.s, this.docs, this.timeoutMs);
      this.docs = this.ws.files.map((f) => ({
        uri: pathToFileURL(path.join(this.dir, f.rel)).href,
        rel: f.rel,
        text: passVariant(f.text, rep),
        version: rep * 1000 + 1,
      }));
      await settle();
      const res = await openAll(this.s, this.docs, this.timeoutMs);
      this.opens.push({ ms: res.ms, diagnostics: res.diagnostics });
      this.found = attribute(res.byUri, this.docs, this.ws.mistakes);
      await settle();
      this.rssSamples.push(memoryOf(this.pid).rssMiB);
      this.log(`${this.tag} ${this.label} open ${rep + 1}/${this.reps.open}: ${Math.round(res.ms)} ms, ${res.diagnostics} diagnostics, then ${Math.round(this.rssSamples.at(-1))} MiB at rest`);
    });
  }

  /** Memory with every file open and checked. */
  sampleMemory() {
    // One reading depends on where the server's collector happens to be (yaml-language-server read
    // 289 to 843 MiB at the same point in different runs): the median over the passes does not.
    if (this.active) this.mem = { rssMiB: median(this.rssSamples), hwmMiB: memoryOf(this.pid).hwmMiB };
  }

  /** Edit `i`: setWeight 20 → 30 on even i, back on odd i. */
  edit(i, settle) {
    return this.#guard(async () => {
      const base = this.ws.edit;
      const e = i % 2 === 0 ? base : { ...base, from: base.to, to: base.from };
      const doc = this.docs.find((d) => d.rel === base.rel);
      await settle();
      this.edits.push(await editValue(this.s, doc, e, this.timeoutMs));
      if (i === this.reps.edit - 1) this.log(`${this.tag} ${this.label} edits: ${this.edits.map((x) => x.ms.toFixed(1)).join(', ')} ms`);
    });
  }

  /** Shut down and return the row's result for this server. */
  async finish() {
    if (this.failed || !this.s) {
      this.s?.client.kill();
      return { error: this.failed ?? 'did not start' };
    }
    const peak = memoryOf(this.pid);
    const configRequests = this.s.stats.serverRequests.get('workspace/configuration') ?? 0;
    await this.s.client.shutdown();
    const opens = this.opens;
    return {
      mode: this.s.mode,
      incremental: this.s.incremental,
      warmupMs: r1(this.warm.ms),
      // pass 0 may be answered from a workspace index built from disk: the median is over the rest
      openMs: median((opens.length > 1 ? opens.slice(1) : opens).map((o) => o.ms)),
      firstOpenMs: r1(opens[0].ms),
      firstRenamedMs: opens.length > 1 ? r1(opens[1].ms) : undefined,
      openSamples: opens.map((o) => r1(o.ms)),
      diagnostics: opens[opens.length - 1].diagnostics,
      found: this.found,
      editMs: median(this.edits.map((e) => e.ms)),
      editSamples: this.edits.map((e) => r1(e.ms)),
      editDiagnostics: this.edits.map((e) => e.diagnostics),
      rssMiB: this.mem?.rssMiB,
      rssSamples: this.rssSamples.map(r1),
      hwmMiB: Math.max(this.mem?.hwmMiB ?? 0, peak.hwmMiB),
      configRequests,
    };
  }
}
