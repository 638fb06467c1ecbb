// The floor: parse the same text in-process with `yaml` (the parser both servers use),
// once as documents (parseAllDocuments) and once more converted to plain JS (toJS()).
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { median } from './measure.mjs';

const require = createRequire(import.meta.url);

/**
 * @param {string[]} texts one entry per file
 * @param {number} reps timed runs (after one untimed warm-up run)
 * @param {string} root project root, whose node_modules/yaml is used
 */
export function bareParse(texts, reps, root) {
  const YAML = require(require.resolve('yaml', { paths: [root] }));
  const parseOnly = () => {
    let docs = 0;
    for (const t of texts) docs += YAML.parseAllDocuments(t).length;
    return docs;
  };
  const parseToJs = () => {
    let docs = 0;
    for (const t of texts) for (const d of YAML.parseAllDocuments(t)) (d.toJS(), docs++);
    return docs;
  };
  const time = (fn) => {
    fn(); // warm-up (JIT)
    const samples = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const parse = time(parseOnly);
  const toJs = time(parseToJs);
  return { parseMs: median(parse), toJsMs: median(toJs), samples: { parse, toJs } };
}
