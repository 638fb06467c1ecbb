/**
 * A small test runner for tests that run inside a VS Code extension host, where neither node:test's
 * process-per-file runner nor a test framework from npm is at hand. Tests register with `test()`
 * when their module loads; `runAll()` runs them one after another (they share one VS Code window)
 * and reports each result to the console and, when FLEET_ROLLOUTS_EXTENSION_TEST_RESULTS names a
 * file, as JSON there (the code-server driver reads it).
 */
import * as fs from 'node:fs';

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

interface Registered {
  name: string;
  fn: () => Promise<void> | void;
  timeout: number;
}

const registered: Registered[] = [];

export function test(name: string, fn: () => Promise<void> | void, { timeout = 60_000 } = {}): void {
  registered.push({ name, fn, timeout });
}

async function runOne(t: Registered): Promise<TestResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(t.fn),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${t.timeout} ms`)), t.timeout);
      }),
    ]);
    return { name: t.name, ok: true, ms: Date.now() - started };
  } catch (err) {
    return { name: t.name, ok: false, ms: Date.now() - started, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every registered test; rejects, naming the failures, if any failed (or none was registered). */
export async function runAll(): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const out = process.env.FLEET_ROLLOUTS_EXTENSION_TEST_RESULTS;
  const write = (done: boolean) => out && fs.writeFileSync(out, JSON.stringify({ done, total: registered.length, results }, null, 1));
  write(false);
  for (const t of registered) {
    const r = await runOne(t);
    results.push(r);
    console.log(`${r.ok ? 'ok' : 'not ok'} ${results.length} - ${r.name} (${r.ms} ms)${r.ok ? '' : `\n${indent(r.error ?? '')}`}`);
    write(false);
  }
  write(true);
  const failed = results.filter((r) => !r.ok);
  console.log(`# ${results.length - failed.length}/${results.length} extension tests passed`);
  if (registered.length === 0) throw new Error('no extension test was registered');
  if (failed.length > 0) throw new Error(`${failed.length} extension test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
  return results;
}

const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
