import type { ManifestObject } from '../engine/objects';
import type { Chunk } from '../engine/source-file';
import { refKey, type Workspace, type WorkspaceChange } from '../engine/workspace';
import type { Finding, Fix, Rule, RuleContext, Severity } from '../rules/rule';
import type { Inventory } from '../engine/inventory';
import { BUILTIN } from '../rules/builtin';
import { defaultConfig, type CheckConfig } from './config';
import { ruleAnchor, type Diagnostic, type DiagnosticFix, type RelatedInformation } from './diagnostic';
import { fixTextEdits } from './fix-edits';
import { placeTarget } from './placement';
import { suppressionsOf } from './suppressions';

/** A finding with its place resolved to offsets in the object's chunk. */
interface PlacedFinding {
  start: number;
  end: number;
  code: string;
  severity: Severity;
  message: string;
  related?: Array<{ object: ManifestObject; start: number; end: number; message: string }>;
  fixes?: Fix[];
  object?: ManifestObject;
}

/** Dependency key of results that read the live inventory. */
export const INVENTORY_KEY = '\u0000inventory';

/** Keeps a pathological document from flooding the editor and the protocol. */
const MAX_FINDINGS_PER_OBJECT = 200;

interface ObjectResult {
  findings: PlacedFinding[];
  /** refKeys and type ids this result was computed from. */
  deps: string[];
}

/**
 * Runs the rules over the workspace and keeps each object's findings until something it
 * depends on changes. Dependencies are recorded from the lookups a rule makes, so a template
 * edit re-checks exactly the Rollouts that looked that template up.
 */
export class Checker {
  private readonly results = new Map<ManifestObject, ObjectResult>();
  private readonly dependents = new Map<string, Set<ManifestObject>>();
  private readonly rulesByType = new Map<string, Rule[]>();
  private readonly rulesForType = new Map<string, readonly Rule[]>();
  /** The config rulesForType was filtered with. */
  private rulesConfig: CheckConfig | undefined;

  constructor(
    private readonly workspace: Workspace,
    readonly rules: readonly Rule[],
    public config: CheckConfig = defaultConfig(),
  ) {
    for (const rule of rules) {
      for (const type of rule.appliesTo) {
        const list = this.rulesByType.get(type) ?? [];
        list.push(rule);
        this.rulesByType.set(type, list);
      }
    }
  }

  /** Forgets what a change made stale; returns the files whose diagnostics may differ now. */
  update(change: WorkspaceChange): Set<string> {
    const affected = new Set([change.uri]);
    for (const o of change.removed) this.forget(o);
    const keys = new Set<string>();
    for (const o of [...change.removed, ...change.added]) {
      if (!o.typeId) continue;
      keys.add(o.typeId);
      if (o.name) keys.add(refKey(o.typeId, o.name));
    }
    for (const key of keys) {
      const deps = this.dependents.get(key);
      if (!deps) continue;
      for (const o of [...deps]) {
        this.forget(o);
        affected.add(o.uri);
      }
    }
    return affected;
  }

  /** The live inventory changed: re-check what read it. */
  inventoryChanged(): Set<string> {
    const affected = new Set<string>();
    for (const o of [...(this.dependents.get(INVENTORY_KEY) ?? [])]) {
      this.forget(o);
      affected.add(o.uri);
    }
    return affected;
  }

  diagnostics(uri: string): Diagnostic[] {
    const file = this.workspace.file(uri);
    if (!file) return [];
    const out: Diagnostic[] = [];
    if (file.notice) out.push(this.diagnostic(file.notice.code, 'error', file.notice.message, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }));
    let templateNoted = false;
    for (const chunk of file.chunks) {
      const parsed = chunk.summary;
      if (parsed.templated) {
        if (!templateNoted) {
          templateNoted = true;
          out.push(this.diagnostic(BUILTIN.goTemplate.id, BUILTIN.goTemplate.severity, 'Go/Helm template markup found: this file is checked after rendering only, so it is skipped here.', chunk.toFileRange(0, firstLineEnd(chunk.text))));
        }
        continue;
      }
      const placed: PlacedFinding[] = parsed.problems.length ? parsed.problems.map((p) => ({ start: p.start, end: p.end, code: BUILTIN.syntax.id, severity: BUILTIN.syntax.severity, message: p.message })) : [];
      for (const o of this.workspace.objectsOfChunk(chunk)) {
        const findings = this.resultOf(o).findings;
        if (findings.length) placed.push(...findings);
      }
      this.emit(chunk, placed, uri, out);
    }
    return out;
  }

  private emit(chunk: Chunk, placed: PlacedFinding[], uri: string, out: Diagnostic[]): void {
    const suppressions = suppressionsOf(chunk);
    const used = new Set<number>();
    for (const f of placed) {
      const setting = this.config.rules[f.code];
      if (setting === 'off') continue;
      const severity = setting ?? f.severity;
      if (suppressions.length) {
        const line = chunk.lines.positionAt(f.start).line;
        const hit = suppressions.findIndex((s) => s.line === line - 1 && (s.rules === 'all' || s.rules.includes(f.code)));
        if (hit !== -1) {
          used.add(hit);
          continue;
        }
      }
      const related: RelatedInformation[] | undefined = f.related?.map((r) => ({ uri: r.object.uri, range: r.object.chunk.toFileRange(r.start, r.end), message: r.message }));
      const d = this.diagnostic(f.code, severity, f.message, chunk.toFileRange(f.start, f.end), related);
      if (f.fixes && f.object) {
        const fixes = textFixes(f.object, f.fixes);
        if (fixes.length) d.fixes = fixes;
      }
      out.push(d);
    }
    suppressions.forEach((s, i) => {
      if (used.has(i)) return;
      const rule = BUILTIN.unusedSuppression;
      const setting = this.config.rules[rule.id];
      if (setting === 'off') return;
      const what = s.rules === 'all' ? 'any finding' : s.rules.join(', ');
      out.push(this.diagnostic(rule.id, setting ?? rule.severity, `This suppression does not suppress anything: no ${what} on the next line.`, chunk.toFileRange(s.start, s.end)));
    });
  }

  private diagnostic(code: string, severity: Severity, message: string, range: Diagnostic['range'], related?: RelatedInformation[]): Diagnostic {
    const d: Diagnostic = { range, severity, code, message, docUrl: `${this.config.docsUrl}#${ruleAnchor(code)}` };
    if (related && related.length) d.related = related;
    return d;
  }

  private resultOf(object: ManifestObject): ObjectResult {
    const cached = this.results.get(object);
    if (cached) return cached;
    const result = this.run(object);
    this.results.set(object, result);
    for (const key of result.deps) {
      let set = this.dependents.get(key);
      if (!set) this.dependents.set(key, (set = new Set()));
      set.add(object);
    }
    return result;
  }

  private forget(object: ManifestObject): void {
    const result = this.results.get(object);
    if (!result) return;
    this.results.delete(object);
    for (const key of result.deps) {
      const set = this.dependents.get(key);
      set?.delete(object);
      if (set && set.size === 0) this.dependents.delete(key);
    }
  }

  private run(object: ManifestObject): ObjectResult {
    const findings: PlacedFinding[] = [];
    const deps = new Set<string>();
    if (object.valueError !== undefined) {
      const [start, end] = placeTarget(object, {});
      findings.push({ start, end, code: BUILTIN.aliasLimit.id, severity: BUILTIN.aliasLimit.severity, message: `This document cannot be read: ${object.valueError}` });
      return { findings, deps: [] };
    }
    // A document that does not parse gets its syntax errors only: rules on a half-read tree are noise.
    if (object.hasSyntaxErrors || object.chunk.summary.problems.length > 0) return { findings, deps: [] };
    // One context per object (not per rule): ctx.rule is the rule running now.
    const ctx = objectContext(this.workspace, object, findings, deps);
    const rules = this.rulesFor(object.typeId);
    for (let i = 0; i < rules.length; i++) {
      const rule = (ctx.rule = rules[i]);
      try {
        rule.check(object, ctx);
      } catch (err) {
        // A rule bug must never take the server down; say where it happened instead.
        const [start, end] = placeTarget(object, {});
        findings.push({ start, end, code: BUILTIN.internalError.id, severity: 'info', message: `Rule ${rule.id} failed on this document: ${(err as Error).message}` });
      }
    }
    if (findings.length > MAX_FINDINGS_PER_OBJECT) {
      const extra = findings.length - MAX_FINDINGS_PER_OBJECT;
      findings.length = MAX_FINDINGS_PER_OBJECT;
      const [start, end] = placeTarget(object, {});
      findings.push({ start, end, code: BUILTIN.internalError.id, severity: 'info', message: `${extra} more findings on this document are not shown.` });
    }
    return { findings, deps: [...deps] };
  }

  /**
   * The rules for every type, then those for this type, without the ones the config turns off;
   * the same array for every object of a type until the config changes.
   */
  private rulesFor(typeId: string | undefined): readonly Rule[] {
    if (this.rulesConfig !== this.config) {
      this.rulesForType.clear();
      this.rulesConfig = this.config;
    }
    const key = typeId ?? '';
    let rules = this.rulesForType.get(key);
    if (!rules) {
      const all = [...(this.rulesByType.get('*') ?? []), ...(typeId ? (this.rulesByType.get(typeId) ?? []) : [])];
      rules = all.filter((r) => this.config.rules[r.id] !== 'off');
      this.rulesForType.set(key, rules);
    }
    return rules;
  }
}

/**
 * What a rule sees while one object is checked: lookups are recorded as the object's
 * dependencies. An object literal whose methods are module functions, not closures per object
 * nor a class: V8 keeps a literal's hidden class for good, while a class whose instances all die
 * loses its hidden classes, and the code compiled for them, in every full collection.
 */
interface ObjectContext extends RuleContext {
  rule: Rule | undefined;
  readonly workspace: Workspace;
  readonly object: ManifestObject;
  readonly findings: PlacedFinding[];
  readonly deps: Set<string>;
}

function objectContext(workspace: Workspace, object: ManifestObject, findings: PlacedFinding[], deps: Set<string>): ObjectContext {
  return { rule: undefined, workspace, object, findings, deps, report: reportFinding, find: findObjects, all: allObjects, inventory: liveInventory };
}

function reportFinding(this: ObjectContext, f: Finding): void {
  this.findings.push(place(this.object, this.rule!, f));
}

function findObjects(this: ObjectContext, typeId: string, name: string, namespace?: string): ManifestObject[] {
  this.deps.add(refKey(typeId, name));
  return this.workspace.find(typeId, name, namespace);
}

function allObjects(this: ObjectContext, typeId: string): ManifestObject[] {
  this.deps.add(typeId);
  return this.workspace.all(typeId);
}

function liveInventory(this: ObjectContext): Inventory | undefined {
  this.deps.add(INVENTORY_KEY);
  return this.workspace.inventory;
}

function place(object: ManifestObject, rule: Rule, f: Finding): PlacedFinding {
  const [start, end] = placeTarget(object, f);
  const placed: PlacedFinding = { start, end, code: rule.id, severity: f.severity ?? rule.severity, message: f.message };
  if (f.fixes?.length) {
    placed.fixes = f.fixes;
    placed.object = object;
  }
  if (f.related?.length) {
    placed.related = f.related.map((r) => {
      const [rs, re] = placeTarget(r.object, r);
      return { object: r.object, start: rs, end: re, message: r.message };
    });
  }
  return placed;
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : nl;
}

/** Fixes whose edits can be made on the current text; the others are left out rather than offered broken. */
function textFixes(object: ManifestObject, fixes: Fix[]): DiagnosticFix[] {
  const out: DiagnosticFix[] = [];
  for (const fix of fixes) {
    const edits = fixTextEdits(object, fix);
    if (edits && edits.length) out.push({ title: fix.title, preferred: fix.preferred === true, edits });
  }
  return out;
}
