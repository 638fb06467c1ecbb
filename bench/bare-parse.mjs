// The floor: parse the same text in-process with `yaml` (the parser both servers use):
// parseAllDocuments, and parseAllDocuments followed by toJS() of every document.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { median } from './measure.mjs';

const require = createRequire(import.meta.url);
const WARM_BYTES = 1_000_000;

/**
 * @param {string[]} texts one entry per file
 * @param {number} reps timed runs (after an untimed warm-up over the first ~1 MB)
 * @param {string} root project root, whose node_modules/yaml is used
 */
export function bareParse(texts, reps, root) {
  const YAML = require(require.resolve('yaml', { paths: [root] }));
  // warm-up (JIT) on up to ~1 MB of the same text
  let warmed = 0;
  for (const t of texts) {
    for (const d of YAML.parseAllDocuments(t.length > WARM_BYTES ? t.slice(0, t.indexOf('\n---\n', WARM_BYTES) + 1 || undefined) : t)) d.toJS();
    warmed += t.length;
    if (warmed >= WARM_BYTES) break;
  }
  const parse = [];
  const toJs = [];
  for (let i = 0; i < reps; i++) {
    // one pass times the parse, then the conversion of what was parsed
    let parseMs = 0;
    let jsMs = 0;
    for (const t of texts) {
      const t0 = performance.now();
      const docs = YAML.parseAllDocuments(t);
      const t1 = performance.now();
      for (const d of docs) d.toJS();
      jsMs += performance.now() - t1;
      parseMs += t1 - t0;
    }
    parse.push(parseMs);
    toJs.push(parseMs + jsMs);
  }
  return { parseMs: median(parse), toJsMs: median(toJs), samples: { parse, toJs } };
}
