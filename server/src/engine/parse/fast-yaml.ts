/**
 * A fast parser for the subset of YAML that Kubernetes manifests use, producing the same
 * documents `yaml.parseAllDocuments` would: nodes of the `yaml` package's own classes with
 * identical values, types, `flow` flags and ranges, so every consumer can take either.
 * More than ten times faster than `yaml` (bench/parse-throughput.mjs), whose generic lexer,
 * CST and composer dominate the time to open a large file.
 *
 * Supported: block mappings and sequences (compact `- key: value` items, sequences at the
 * indent of their parent key), single- and multi-line flow mappings and sequences, plain,
 * single-quoted, double-quoted and block scalars, comments, `---` and `...` markers, CRLF.
 * Anything else (anchors, aliases, tags, directives, complex or merge keys, syntax errors,
 * unusual tab placement, a second document in the chunk, ...) returns undefined, and the
 * caller parses with `yaml`.
 *
 * Comments are not attached to nodes (`comment`, `commentBefore`, `spaceBefore` stay unset);
 * nothing in the engine reads them. Nodes have the classes' own prototypes but get their
 * node-type symbol from the prototype instead of an own property: see fast-yaml-nodes.ts.
 *
 * Modules: fast-yaml-parser.ts (structure and ranges), fast-yaml-scalars.ts (scalar values),
 * fast-yaml-nodes.ts (node construction).
 */
import { Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { FastParser } from './fast-yaml-parser';
import { FastYamlFallback } from './fast-yaml-scalars';

/** The options parse-chunk passes to `yaml.parseAllDocuments`; the documents carry them. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' } as const;

type DirectivesLike = { docStart: boolean | null; docEnd: boolean };
type DirectivesCtor = new (yaml?: { version: string }) => DirectivesLike;

/** `yaml` does not export its Directives class; a Document carries an instance. */
let directivesClass: DirectivesCtor | undefined;

function newDocument(): Document.Parsed {
  directivesClass ??= (new Document().directives as unknown as { constructor: DirectivesCtor }).constructor;
  // As yaml's Composer does: stream-level directives, handed to the document with the options.
  const streamDirectives = new directivesClass({ version: '1.2' });
  const options = Object.assign({ _directives: streamDirectives }, PARSE_OPTIONS) as DocumentOptions & ParseOptions & SchemaOptions;
  return new Document(undefined, options) as Document.Parsed;
}

let lastFallback: string | undefined;

/**
 * The parser used last, kept so that one instance is always alive. An instance's hidden class
 * (the map V8 reaches from the constructor's through weak transitions, one per field) dies in a
 * full collection when no instance is left; the optimized parser code depends on it and
 * deoptimizes at the next parse. The server collects garbage when idle (lsp/idle-gc.ts); an
 * in-process run with a full collection between opens of a 1,000-document file parsed in about
 * twice the time before this pin (deoptimizations seen with --trace-deopt), as fast as without
 * the collections after.
 */
let lastParser: FastParser | undefined;

/** Documents this parser built, and whether one of their mappings repeats a key. */
const fastDocuments = new WeakMap<Document, { duplicateKeys: boolean }>();

/** False only when the fast parser built `doc` and saw no mapping repeat a key. */
export function mayHaveDuplicateKeys(doc: Document): boolean {
  return fastDocuments.get(doc)?.duplicateKeys ?? true;
}

/**
 * Parses `text` (one chunk: from one `---` marker line to the next, possibly starting with the
 * `---` line, possibly with a `...` end marker) into documents built from the `yaml` package's
 * own node classes, or returns undefined when the text uses anything outside the supported
 * subset or has any syntax error — the caller then falls back to
 * `yaml.parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' })`.
 */
export function fastParseDocuments(text: string): Document.Parsed[] | undefined {
  lastFallback = undefined;
  // A lone \r is a line break to nobody but confuses column counting: leave it to `yaml`.
  if (hasLoneCarriageReturn(text)) return undefined;
  let doc: Document.Parsed | undefined;
  try {
    const parser = (lastParser = new FastParser(text));
    const root = parser.parse(() => {
      doc = newDocument();
      return doc.schema;
    });
    if (!root || !doc) return [];
    if (root.hasDocStartMarker) doc.directives.docStart = true;
    if (root.hasDocEndMarker) doc.directives.docEnd = true;
    doc.contents = root.contents as Document.Parsed['contents'];
    doc.range = root.range;
    fastDocuments.set(doc, { duplicateKeys: parser.duplicateKeys });
    return [doc];
  } catch (err) {
    if (err instanceof FastYamlFallback) {
      lastFallback = err.reason;
      return undefined;
    }
    // A stack overflow on pathological input, or a bug: `yaml` decides.
    lastFallback = `internal: ${(err as Error)?.message ?? String(err)}`;
    return undefined;
  }
}

/** A chunk's data as the fast parser reads it without nodes (see fastParseValues). */
export interface PlainDocument {
  /** What `doc.toJS()` of the chunk's one document gives. */
  value: unknown;
  /** Some mapping repeats a key (the value keeps the last, as toJS does). */
  duplicateKeys: boolean;
}

/**
 * The documents of a chunk read in plain mode; with the scalars' [start, end) when asked for.
 * (An object, not an array with an extra property: such an array gets a hidden class of its own
 * that dies with it in every full collection, and the code that read it deoptimizes.)
 */
export interface PlainDocuments {
  docs: PlainDocument[];
  scalarRanges?: Array<[number, number]>;
}

/**
 * The plain data of `text` (one chunk, as for fastParseDocuments) without building a node tree:
 * `[]` without a document, one PlainDocument for its document, undefined where
 * fastParseDocuments would return undefined (and a few rarer cases, such as a null key). Where
 * it returns a document, fastParseDocuments builds the same document without errors and its
 * `toJS()` equals `value`.
 */
export function fastParseValues(text: string, withScalarRanges = false): PlainDocuments | undefined {
  lastFallback = undefined;
  if (hasLoneCarriageReturn(text)) return undefined;
  try {
    const parser = (lastParser = new FastParser(text, true, withScalarRanges));
    const root = parser.parse();
    const docs: PlainDocument[] = root ? [{ value: root.contents, duplicateKeys: parser.duplicateKeys }] : [];
    return { docs, scalarRanges: withScalarRanges ? parser.scalarRanges : undefined };
  } catch (err) {
    lastFallback = err instanceof FastYamlFallback ? err.reason : `internal: ${(err as Error)?.message ?? String(err)}`;
    return undefined;
  }
}

function hasLoneCarriageReturn(text: string): boolean {
  for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 10) {
      lastFallback = 'carriage return without line feed';
      return true;
    }
  }
  return false;
}

/** Why the last fastParseDocuments or fastParseValues call returned undefined (for tests and statistics). */
export function lastFastParseFallback(): string | undefined {
  return lastFallback;
}
