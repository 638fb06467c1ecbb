import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeManifestBytes, type DecodedFile } from '../engine/text/decode';

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);
/** A workspace scan reads at most this many files and skips bigger ones until they are opened. */
export const SCAN_MAX_FILES = 20000;
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;

export function isManifestUri(uri: string): boolean {
  return uri.startsWith('file:') && MANIFEST.test(uri);
}

export function readUri(uri: string): DecodedFile | undefined {
  try {
    return decodeManifestBytes(fs.readFileSync(fileURLToPath(uri)));
  } catch {
    return undefined;
  }
}

/**
 * Manifest files below the workspace folders, found without blocking the server for long:
 * yields to the event loop between directories.
 */
export async function* scanFolders(folderUris: string[]): AsyncGenerator<string> {
  let count = 0;
  const queue = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  while (queue.length && count < SCAN_MAX_FILES) {
    const dir = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push(abs);
      } else if (e.isFile() && MANIFEST.test(e.name)) {
        try {
          if ((await fs.promises.stat(abs)).size > SCAN_MAX_BYTES) continue;
        } catch {
          continue;
        }
        count++;
        yield pathToFileURL(abs).href;
      }
    }
  }
}
