import type { FileNotice } from '../source-file';

/** Larger than any manifest a person writes; beyond it the file is reported, not parsed. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface DecodedFile {
  text: string;
  notice?: FileNotice;
}

const unreadable = (message: string): DecodedFile => ({ text: '', notice: { code: 'file/unreadable', message } });

/** Bytes of a file on disk to text, or a notice that says why they are not a manifest. */
export function decodeManifestBytes(bytes: Uint8Array): DecodedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return unreadable(`File is ${(bytes.length / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit for manifests: not checked.`);
  }
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return unreadable('File contains NUL bytes: it is binary, not YAML. Not checked.');
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return checkText(text);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return unreadable(`File is not valid UTF-8 (first invalid byte at offset ${at}); YAML parsers reject it. Not checked.`);
  }
}

/** Text that arrived as text (from an editor) can still be binary junk pasted into a buffer. */
export function checkText(text: string): DecodedFile {
  const probe = text.slice(0, 8192);
  if (probe.includes('\u0000')) return unreadable('Text contains NUL characters: it is binary, not YAML. Not checked.');
  return { text };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
