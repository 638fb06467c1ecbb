// The floor: parse the same text in-process with `yaml` (the parser both servers use):
// parseAllDocuments, and parseAllDocuments followed by toJS() of every document.
// Sampled one pass at a time so the orchestrator can interleave it with the servers' opens.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { median } from './measure.mjs';

const require = createRequire(import.meta.url);
const WARM_BYTES = 1_000_000;

export class BareParse {
  /**
   * @param {string[]} texts one entry per file
   * @param {string} root project root, whose node_modules/yaml is used
   */
  constructor(texts, root) {
    this.texts = texts;
    this.YAML = require(require.resolve('yaml', { paths: [root] }));
    this.parse = [];
    this.toJs = [];
  }

  /** Untimed run over the first ~1 MB of the same text (JIT). */
  warm() {
    let warmed = 0;
    for (const t of this.texts) {
      const cut = t.length > WARM_BYTES ? t.indexOf('\n---\n', WARM_BYTES) + 1 : 0;
      for (const d of this.YAML.parseAllDocuments(cut > 0 ? t.slice(0, cut) : t)) d.toJS();
      warmed += t.length;
      if (warmed >= WARM_BYTES) break;
    }
  }

  /** One timed pass: the parse, then the conversion of what was parsed. */
  sample() {
    let parseMs = 0;
    let jsMs = 0;
    for (const t of this.texts) {
      const t0 = performance.now();
      const docs = this.YAML.parseAllDocuments(t);
      const t1 = performance.now();
      for (const d of docs) d.toJS();
      jsMs += performance.now() - t1;
      parseMs += t1 - t0;
    }
    this.parse.push(parseMs);
    this.toJs.push(parseMs + jsMs);
  }

  result() {
    return { parseMs: median(this.parse), toJsMs: median(this.toJs), samples: { parse: this.parse, toJs: this.toJs } };
  }
}
