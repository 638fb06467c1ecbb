/**
 * The templates behind a Rollout's analysis group, looked up through the rule context (so the
 * Rollout is re-checked when any of them changes), nested `spec.templates` included, ordered as
 * FilterUniqueTemplates orders them; and the flattening of their metrics, dryRun and
 * measurementRetention rules (fn FlattenTemplates, argo-rollouts.md §1.6.1–1.6.2).
 */
import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import type { RuleContext } from '../../rules/rule';
import type { AnalysisGroup } from '../rollouts/analysis-groups';
import { flattenArgs, type DeclaredArg, type FlattenedArgs } from '../rollouts/analysis-args';
import { perObject } from '../memo';
import { argsOf, isObj, metricsOf, rulesOf, specOf, type Obj, type SpecMetric, type SpecRule } from './spec';

/** Upstream recurses without a cycle check until it fails; this is where the editor stops following. */
const MAX_NESTING = 10;

export interface ResolvedGroup {
  group: AnalysisGroup;
  /** Namespaced templates first, then cluster templates, each once. */
  templates: ManifestObject[];
}

/**
 * Resolutions per rule context: the checker makes one context per object check, during which the
 * workspace does not change, and the lookups of the first resolution are already recorded as
 * that check's dependencies. The many rules that resolve the same group share one resolution.
 */
const resolvedInContext = new WeakMap<RuleContext, Map<AnalysisGroup, Map<string | undefined, ResolvedGroup | undefined>>>();

/** The group's templates, or undefined when one of them (or a nested one) is not in the workspace. */
export function resolveGroup(group: AnalysisGroup, namespace: string | undefined, ctx: RuleContext): ResolvedGroup | undefined {
  let byGroup = resolvedInContext.get(ctx);
  if (!byGroup) resolvedInContext.set(ctx, (byGroup = new Map()));
  let byNamespace = byGroup.get(group);
  if (!byNamespace) byGroup.set(group, (byNamespace = new Map()));
  if (byNamespace.has(namespace)) return byNamespace.get(namespace);
  const resolved = resolveUncached(group, namespace, ctx);
  byNamespace.set(namespace, resolved);
  return resolved;
}

function resolveUncached(group: AnalysisGroup, namespace: string | undefined, ctx: RuleContext): ResolvedGroup | undefined {
  const out: ManifestObject[] = [];
  const seen = new Set<ManifestObject>();
  const visit = (name: string | undefined, clusterScope: boolean, depth: number): boolean => {
    if (!name || depth > MAX_NESTING) return false;
    const found = ctx.find(clusterScope ? K.ClusterAnalysisTemplate : K.AnalysisTemplate, name, clusterScope ? undefined : namespace)[0];
    if (!found) return false;
    if (seen.has(found)) return true;
    seen.add(found);
    out.push(found);
    const nested = specOf(found)?.templates;
    if (!Array.isArray(nested)) return true;
    return nested.every((t) => isObj(t) && visit(typeof t.templateName === 'string' ? t.templateName : undefined, t.clusterScope === true, depth + 1));
  };
  for (const ref of group.templates) if (!visit(ref.templateName, ref.clusterScope === true, 0)) return undefined;
  const templates = [...out.filter((t) => t.typeId === K.AnalysisTemplate), ...out.filter((t) => t.typeId === K.ClusterAnalysisTemplate)];
  return { group, templates };
}

export interface Owned<T> {
  template: ManifestObject;
  item: T;
}

/**
 * One list of a template spec (`of`), flattened over the templates of a group with the template
 * each item came from; remembered per `templates` array, which resolveGroup shares among the
 * rules checking one object.
 */
function ownedItems<T>(of: (spec: Obj | undefined) => readonly T[]): (templates: readonly ManifestObject[]) => readonly Owned<T>[] {
  return perObject((templates: readonly ManifestObject[]) => {
    const found: Owned<T>[] = [];
    for (const template of templates) for (const item of of(specOf(template))) found.push({ template, item });
    return found;
  });
}

export const groupMetrics = ownedItems((spec) => metricsOf(spec));
export const groupArgs = ownedItems((spec) => argsOf(spec));
const groupDryRun = ownedItems((spec) => rulesOf(spec, 'dryRun'));
const groupRetention = ownedItems((spec) => rulesOf(spec, 'measurementRetention'));

/** Pairs of the group's metrics with the same name (FlattenTemplates rejects them), once per `templates` array. */
export const groupRepeatedMetrics = perObject((templates: readonly ManifestObject[]): Array<[Owned<SpecMetric>, Owned<SpecMetric>]> => duplicates(groupMetrics(templates), metricName));

const metricName = (o: Owned<SpecMetric>): string | undefined => o.item.name;

/** The args the templates declare, in order, tagged with the template each came from. */
export function declaredArgs(templates: readonly ManifestObject[]): DeclaredArg<ManifestObject>[] {
  const declared: DeclaredArg<ManifestObject>[] = [];
  for (const { template, item } of groupArgs(templates)) declared.push({ name: item.name, value: item.value, valueFrom: item.valueFrom, origin: template, index: item.index });
  return declared;
}

/** The group's template args merged as FlattenTemplates merges them, with the conflicts; once per `templates` array. */
export const groupFlattenedArgs = perObject((templates: readonly ManifestObject[]): FlattenedArgs<ManifestObject> => flattenArgs(declaredArgs(templates)));

export const groupRules = (templates: readonly ManifestObject[], list: 'dryRun' | 'measurementRetention'): readonly Owned<SpecRule>[] =>
  list === 'dryRun' ? groupDryRun(templates) : groupRetention(templates);

/** `templateNames: [a b]`: the value upstream prints for a group (Go %s of a []string). */
export function templateNamesValue(group: AnalysisGroup): string {
  return `templateNames: [${group.templates.map((t) => t.templateName ?? '').join(' ')}]`;
}

/** Pairs (first, duplicate) of items whose key repeats, in flattening order. */
export function duplicates<T>(items: readonly T[], key: (t: T) => string | undefined): Array<[T, T]> {
  const first = new Map<string, T>();
  const out: Array<[T, T]> = [];
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const prev = first.get(k);
    if (prev) out.push([prev, item]);
    else first.set(k, item);
  }
  return out;
}

/** Matchers per pattern: every Rollout using a template matches the same few metric-name patterns. */
const matchers = new Map<string, ((s: string) => boolean) | undefined>();

/** Go regexp.MatchString (unanchored) approximated with a JavaScript RegExp; undefined when it does not compile. */
export function goRegexpMatcher(pattern: string): ((s: string) => boolean) | undefined {
  if (matchers.has(pattern)) return matchers.get(pattern);
  if (matchers.size >= 1000) matchers.clear();
  const matcher = compileGoRegexp(pattern);
  matchers.set(pattern, matcher);
  return matcher;
}

function compileGoRegexp(pattern: string): ((s: string) => boolean) | undefined {
  try {
    // RE2 has no lookaround or backreferences; a pattern using them is invalid upstream.
    if (/\(\?[=!<]|\\[1-9]/.test(pattern)) return undefined;
    const flags = /^\(\?i\)/.test(pattern) ? 'i' : '';
    const re = new RegExp(flags ? pattern.slice(4) : pattern, flags);
    return (s: string) => re.test(s);
  } catch {
    return undefined;
  }
}
