// Turns the collected results into the tables (padded Markdown, printed to the console
// and written to bench/RESULTS.md).
import { LABEL } from './servers.mjs';
import { MISTAKES } from './generate.mjs';

const fmtMs = (x) => {
  if (!Number.isFinite(x)) return '–';
  if (x < 10) return x.toFixed(1);
  return Math.round(x).toLocaleString('en-US');
};
const fmtMiB = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const fmtRatio = (x) => {
  if (!Number.isFinite(x)) return '–';
  if (x >= 10) return `${Math.round(x)}×`;
  if (x >= 1) return `${x.toFixed(1)}×`;
  if (x >= 0.01) return `${x.toFixed(x < 0.2 ? 3 : 2)}×`;
  return `${x.toFixed(3)}×`;
};
const ok = (b) => (b === undefined ? '–' : b ? '✓' : '✗');

/** Cell for a server measurement: number, or why there is none. */
function cell(r, key, fmt) {
  if (!r) return '–';
  if (r.missing) return r.missing;
  if (r.skipped) return `skipped (${r.skipped})`;
  if (r.error) return 'error¹';
  return fmt(r[key]);
}

function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(3, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(all[0]), `| ${w.map((x) => '-'.repeat(x)).join(' | ')} |`, ...all.slice(1).map(line)].join('\n');
}

function jitterText(j) {
  if (j.error) return `not measured (${j.error})`;
  return `${fmtMs(j.minMs)} / ${fmtMs(j.medianMs)} / ${fmtMs(j.maxMs)} ms min / median / max, the slowest round ${(j.maxMs / j.minMs).toFixed(2)}× the fastest`;
}

/** First renamed open of both servers and their ratio, the cold case the median smooths over. */
function firstRenamed(r) {
  const o = value(r.ours, 'firstRenamedMs');
  const y = value(r.yls, 'firstRenamedMs');
  if (!Number.isFinite(o)) return '–';
  return Number.isFinite(y) ? `${fmtMs(o)} / ${fmtMs(y)} (${fmtRatio(o / y)})` : `${fmtMs(o)} / –`;
}

const value = (r, k) => (r && !r.error && !r.skipped && !r.missing ? r[k] : NaN);

export function render({ meta, rows, activation }) {
  const out = [];
  out.push(`# Benchmark: Fleet Rollouts language server vs yaml-language-server vs a bare parse`);
  out.push('');
  out.push(`- Date: ${meta.date}`);
  out.push(`- Machine: ${meta.cpu}, \`nproc\` = ${meta.nproc}; \`free -g\`:`);
  out.push('');
  out.push('```');
  out.push(meta.free.trimEnd());
  out.push('```');
  out.push('');
  out.push(`- Node ${meta.node}; yaml-language-server ${meta.ylsVersion}; \`yaml\` ${meta.yamlVersion}; load average at start ${meta.load}`);
  out.push(`- Schemas given to yaml-language-server: ${meta.schemaSource}`);
  if (meta.jitter) out.push(`- Machine jitter at start (bench/jitter.mjs: ${meta.jitter.rounds ?? '–'} identical rounds of allocation-heavy work, 200 ms apart): ${jitterText(meta.jitter)}`);
  out.push(`- Runs: ${meta.repsNote}${meta.quick ? ' — **BENCH_QUICK=1**: yaml-language-server skipped at N=5,000' : ''}`);
  out.push(`- Generated workspaces: \`bench/work/\` (seed ${meta.seed}); \`single\` = one multi-document file, \`many\` = one folder per app with fleet.yaml, rollout.yaml, analysis-template.yaml, services.yaml, routing.yaml`);
  out.push('');

  out.push('## didOpen → diagnostics available (median ms)');
  out.push('');
  out.push(
    table(
      ['N', 'layout', 'docs', 'files', 'MB', 'parse', 'parse+toJS', 'yaml-language-server', 'ours', 'ours/YLS', 'ours/parse', 'ours, on-disk text²', 'first renamed open³: ours / YLS (ratio)'],
      rows.map((r) => {
        const o = value(r.ours, 'openMs');
        const y = value(r.yls, 'openMs');
        return [
          r.n.toLocaleString('en-US'),
          r.layout,
          r.docs.toLocaleString('en-US'),
          r.files.toLocaleString('en-US'),
          r.bytes >= 1e6 ? (r.bytes / 1e6).toFixed(1) : (r.bytes / 1e6).toFixed(2),
          fmtMs(r.bare.parseMs),
          fmtMs(r.bare.toJsMs),
          cell(r.yls, 'openMs', fmtMs),
          cell(r.ours, 'openMs', fmtMs),
          fmtRatio(o / y),
          fmtRatio(o / r.bare.parseMs),
          cell(r.ours, 'firstOpenMs', fmtMs),
          firstRenamed(r),
        ];
      }),
    ),
  );
  out.push('');
  out.push(
    '² Open pass 0 sends the files exactly as they are on disk, which a server that indexes the workspace folder at start-up has already read; the other passes rename every app so the text is new to the server (the main columns).',
  );
  out.push('');
  out.push(
    "³ The first open of text new to a fresh server, while V8 is still optimizing its code (often, not always, its slowest); it is one of the samples the median columns are taken from.",
  );
  out.push('');
  out.push('## Edit one value in the middle (setWeight 20 → 30) → fresh diagnostics (median ms), memory after open');
  out.push('');
  out.push(
    table(
      ['N', 'layout', 'YLS edit', 'ours edit', 'ours/YLS', 'YLS RSS MiB (peak)', 'ours RSS MiB (peak)', 'RSS ours/YLS', 'diagnostics YLS', 'diagnostics ours'],
      rows.map((r) => {
        const rss = (x) => (x && !x.error && !x.skipped && !x.missing ? `${fmtMiB(x.rssMiB)} (${fmtMiB(x.hwmMiB)})` : cell(x, 'rssMiB', fmtMiB));
        return [
          r.n.toLocaleString('en-US'),
          r.layout,
          cell(r.yls, 'editMs', fmtMs),
          cell(r.ours, 'editMs', fmtMs),
          fmtRatio(value(r.ours, 'editMs') / value(r.yls, 'editMs')),
          rss(r.yls),
          rss(r.ours),
          fmtRatio(value(r.ours, 'rssMiB') / value(r.yls, 'rssMiB')),
          cell(r.yls, 'diagnostics', String),
          cell(r.ours, 'diagnostics', String),
        ];
      }),
    ),
  );
  out.push('');

  // planted mistakes: found / planted, summed over every N and layout a server ran
  const sum = (k) => {
    const acc = { found: {}, elsewhere: 0, sample: [], ran: false };
    for (const r of rows) {
      const f = r[k]?.found;
      if (!f) continue;
      acc.ran = true;
      for (const [kind, [a, b]] of Object.entries(f.found)) {
        const x = (acc.found[kind] ??= [0, 0]);
        x[0] += a;
        x[1] += b;
      }
      acc.elsewhere += f.elsewhere;
      acc.sample.push(...f.elsewhereSample.map((e) => `N=${r.n} ${r.layout}: ${e}`));
    }
    return acc;
  };
  const acc = { ours: sum('ours'), yls: sum('yls') };
  if (acc.ours.ran || acc.yls.ran) {
    out.push('## Planted mistakes with a diagnostic (found / planted, all sizes and layouts)');
    out.push('');
    const show = (a, kind) => (a.ran ? (a.found[kind] ? `${a.found[kind][0]} / ${a.found[kind][1]}` : '–') : 'not run');
    out.push(
      table(
        ['mistake', 'expected from', 'yaml-language-server', 'ours'],
        [
          ...Object.entries(MISTAKES).map(([kind, m]) => [`\`${kind}\``, m.who, show(acc.yls, kind), show(acc.ours, kind)]),
          ['diagnostics outside planted mistakes', '(false positives?)', acc.yls.ran ? String(acc.yls.elsewhere) : 'not run', acc.ours.ran ? String(acc.ours.elsewhere) : 'not run'],
        ],
      ),
    );
    out.push('');
    for (const k of ['yls', 'ours']) {
      if (acc[k].sample.length) {
        out.push(`Diagnostics of ${LABEL[k]} outside planted mistakes (first ones):`);
        out.push('');
        out.push(...acc[k].sample.slice(0, 5).map((e) => `- ${e}`));
        out.push('');
      }
    }
  }

  // targets
  const targetRows = [];
  for (const n of [1000, 5000]) {
    for (const r of rows.filter((x) => x.n === n)) {
      const o = value(r.ours, 'openMs');
      const y = value(r.yls, 'openMs');
      targetRows.push([`open→diagnostics ≤ 1/10 of YLS`, `N=${n.toLocaleString('en-US')} ${r.layout}`, `${fmtMs(o)} vs ${fmtMs(y)} ms (${fmtRatio(o / y)})`, ok(Number.isFinite(o / y) ? o / y <= 0.1 : undefined)]);
      targetRows.push([`open→diagnostics ≤ 3× bare parse`, `N=${n.toLocaleString('en-US')} ${r.layout}`, `${fmtMs(o)} vs ${fmtMs(r.bare.parseMs)} ms (${fmtRatio(o / r.bare.parseMs)})`, ok(Number.isFinite(o) ? o / r.bare.parseMs <= 3 : undefined)]);
    }
  }
  for (const r of rows.filter((x) => x.n === 5000 && x.layout === 'single')) {
    const e = value(r.ours, 'editMs');
    targetRows.push([`edit re-checked ≤ 20 ms`, `N=5,000 single`, `${fmtMs(e)} ms`, ok(Number.isFinite(e) ? e <= 20 : undefined)]);
  }
  for (const r of rows.filter((x) => x.n >= 1000)) {
    const o = value(r.ours, 'rssMiB');
    const y = value(r.yls, 'rssMiB');
    targetRows.push([`server RSS ≤ 1/4 of YLS`, `N=${r.n.toLocaleString('en-US')} ${r.layout}`, `${fmtMiB(o)} vs ${fmtMiB(y)} MiB (${fmtRatio(o / y)})`, ok(Number.isFinite(o / y) ? o / y <= 0.25 : undefined)]);
  }
  const act = activation;
  targetRows.push([
    `extension activation ≤ 50 ms`,
    'require + activate',
    act.missing ?? (act.error ? 'error¹' : `${fmtMs(act.totalMs)} ms (require ${fmtMs(act.requireMs)}, activate sync ${fmtMs(act.activateSyncMs)})`),
    ok(Number.isFinite(act.totalMs) ? act.totalMs <= 50 : undefined),
  ]);
  out.push('## Targets');
  out.push('');
  out.push(table(['target', 'case', 'measured', ''], targetRows));
  out.push('');
  if (!act.missing && !act.error) {
    out.push(`Activation: median of ${act.samples.length} fresh processes; ended by: ${act.endedBy}.`);
    out.push('');
  }

  const errors = [];
  for (const r of rows) {
    for (const k of ['ours', 'yls']) if (r[k]?.error) errors.push(`- N=${r.n} ${r.layout} ${LABEL[k]}: ${r[k].error.split('\n')[0]}`);
  }
  if (activation.error) errors.push(`- activation: ${activation.error.split('\n')[0]}`);
  if (errors.length) {
    out.push('¹ Errors:');
    out.push('');
    out.push(...errors);
    out.push('');
  }
  out.push('## Notes');
  out.push('');
  out.push(...meta.notes.map((n) => `- ${n}`));
  out.push('');
  return out.join('\n');
}
