import { parseAllDocuments, type Document } from 'yaml';
import { scalarRanges, scanTemplates } from './template-detect';
import { fastParseDocuments, fastParseValues, type PlainDocument } from './fast-yaml';
import { keepNodeShapes } from './kept-shapes';

export interface SyntaxProblem {
  /** Offsets inside the chunk text. */
  start: number;
  end: number;
  message: string;
  code: string;
}

export interface ParsedChunk {
  docs: Document.Parsed[];
  problems: SyntaxProblem[];
  /** Helm / Go-template source: not checked, one info diagnostic per file instead. */
  templated: boolean;
}

/** A wall of parse errors helps nobody: the first ones point at the cause. */
const MAX_PROBLEMS = 50;

/** Deeper than any real manifest; stops pathological nesting before it costs stack or time. */
const MAX_NESTING = 256;

export function parseChunk(text: string): ParsedChunk {
  keepNodeShapes(parseChunk);
  let docs: Document.Parsed[];
  try {
    // The common subset of YAML that manifests use goes through the fast parser (about 13× faster,
    // same nodes and ranges; it gives up below its own depth limit); anything else, including
    // every error, through `yaml` itself, whose recursion is guarded by the nesting check.
    const fast = fastParseDocuments(text);
    if (fast) docs = fast;
    else if (nestedDeeperThan(text, MAX_NESTING)) {
      return { docs: [], templated: false, problems: [{ start: 0, end: Math.min(text.length, 1), code: 'NESTING', message: `Nesting deeper than ${MAX_NESTING} levels: not parsed` }] };
    } else docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (err) {
    return { docs: [], templated: false, problems: [{ start: 0, end: Math.min(text.length, 1), code: 'PARSER', message: `YAML could not be parsed: ${(err as Error).message}` }] };
  }
  const problems: SyntaxProblem[] = [];
  let total = 0;
  for (const doc of docs) {
    for (const e of doc.errors) {
      if (total++ < MAX_PROBLEMS) problems.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), code: e.code, message: e.message });
    }
  }
  if (total > MAX_PROBLEMS) {
    const last = problems[problems.length - 1];
    problems.push({ start: last.start, end: last.end, code: 'MORE', message: `${total - MAX_PROBLEMS} more YAML errors in this document are not shown; fix the first ones.` });
  }
  const scan = scanTemplates(text, () => scalarRanges(docs), problems.length > 0);
  for (const u of scan.unquoted) {
    problems.unshift({ start: u.start, end: u.end, code: 'UNQUOTED_PLACEHOLDER', message: `Unquoted ${u.text}: YAML reads "{{" as the start of a mapping, so this value is not a string and the manifest is rejected. Quote it: "${u.text}".` });
  }
  return { docs, problems: scan.templated ? [] : problems, templated: scan.templated };
}

/**
 * The chunk's documents as plain data, without node trees, when parseChunk would report nothing
 * for it: the fast parser reads it, and any `{{` sits inside a scalar (Argo's placeholders in a
 * query, not Helm markup). Otherwise undefined, and parseChunk has the answer.
 */
export function parseChunkPlain(text: string): PlainDocument[] | undefined {
  const braces = text.includes('{{');
  const read = fastParseValues(text, braces);
  if (!read || !braces) return read?.docs;
  const scan = scanTemplates(text, () => read.scalarRanges!, false);
  return scan.templated || scan.unquoted.length > 0 ? undefined : read.docs;
}

/**
 * Whether the cheap upper bound of nesting below exceeds `limit`. Most texts are settled by two
 * native string searches: no line indented by more than 2 × limit spaces, and too few opening
 * brackets to nest deeper than `limit`.
 */
function nestedDeeperThan(text: string, limit: number): boolean {
  if (text.includes(`\n${' '.repeat(2 * limit + 1)}`)) return true;
  let opening = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i !== -1 && opening <= limit; i = text.indexOf(bracket, i + 1)) opening++;
  }
  return opening > limit && maxFlowOrIndentDepth(text) > limit;
}

/**
 * Cheap upper bound of nesting: the deepest run of unclosed flow brackets, or of block
 * indentation measured in steps of two spaces. Linear, and never recursive.
 */
function maxFlowOrIndentDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 10) {
      let spaces = 0;
      while (text.charCodeAt(i + 1 + spaces) === 32) spaces++;
      if (spaces / 2 > max) max = spaces / 2;
    }
  }
  return max;
}
