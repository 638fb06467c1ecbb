import * as fs from 'node:fs';
import * as path from 'node:path';

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface Found {
  /** As the user reached it: the given PATH joined with the path below it. */
  display: string;
  absolute: string;
}

export class PathError extends Error {}

/** Files of one PATH argument: the file itself, or every manifest below a directory (sorted, symlinked directories not followed). */
export function manifestFiles(arg: string): Found[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch (err) {
    throw new PathError(`cannot read ${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
  }
  if (stat.isFile()) return [{ display: arg, absolute: path.resolve(arg) }];
  if (!stat.isDirectory()) throw new PathError(`cannot read ${arg}: not a file or directory`);
  const out: Found[] = [];
  const walk = (dir: string, shown: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new PathError(`cannot read ${shown}: ${(err as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const rel = path.join(shown, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(abs, rel);
      } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST.test(e.name)) {
        out.push({ display: rel, absolute: abs });
      }
    }
  };
  walk(path.resolve(arg), arg);
  return out;
}
