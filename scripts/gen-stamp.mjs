// The up-to-date check both generators share: `.stamp.json` in the output folder records a hash of
// everything a generator read and of every file it wrote; when both still match, it skips its work.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** The stamp of `dir` when it was made from `inputHash` and every output is unchanged, else undefined. */
export function freshStamp(dir, inputHash) {
  const stampPath = path.join(dir, '.stamp.json');
  if (!fs.existsSync(stampPath)) return undefined;
  try {
    const stamp = JSON.parse(fs.readFileSync(stampPath, 'utf8'));
    const intact = Object.entries(stamp.outputs).every(([f, h]) => {
      const p = path.join(dir, f);
      return fs.existsSync(p) && sha256(fs.readFileSync(p)) === h;
    });
    return stamp.inputHash === inputHash && intact ? stamp : undefined;
  } catch {
    return undefined;
  }
}
