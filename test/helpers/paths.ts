import * as path from 'node:path';
import * as fs from 'node:fs';

/** The repository root, found from wherever the bundled test runs (out/test/...). */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

/** ../shared beside the clone (or FLEET_ROLLOUTS_SHARED). */
export const sharedRoot = process.env.FLEET_ROLLOUTS_SHARED ?? path.resolve(repoRoot, '..', 'shared');
