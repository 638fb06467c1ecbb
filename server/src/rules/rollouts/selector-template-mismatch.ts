import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import type { PathSeg } from '../../engine/yaml-nodes';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { selectorIsEmpty, selectorMatches } from '../../semantics/rollouts/labels';
import { SelectorTemplateMismatchMessage } from '../../semantics/rollouts/messages';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { emptyTemplate, isObj, obj, present, rolloutView, str, type Obj } from '../../semantics/rollouts/spec';
import { at, workloadKind } from '../../semantics/rollouts/workload-ref';
import type { FixEdit, Rule } from '../rule';

const MESSAGE_PATH = 'spec.template.metadata.labels';

/** Where to point in a pod template: its labels when present, else the nearest existing parent. */
function labelsTarget(base: PathSeg[], template: unknown): PathSeg[] {
  const meta = obj(obj(template)?.metadata);
  if (meta && 'labels' in meta) return [...base, 'metadata', 'labels'];
  if (meta) return [...base, 'metadata'];
  return base;
}

/** Edits that give the template every matchLabels pair (only when matchLabels alone decides). */
function addLabelsFix(spec: Obj, selector: Obj): FixEdit[] | undefined {
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0) return undefined;
  const want = obj(selector.matchLabels);
  const template = obj(spec.template);
  if (!want || !template) return undefined;
  const meta = obj(template.metadata);
  const labels = obj(meta?.labels);
  if (!meta) return [{ op: 'setKey', path: ['spec', 'template'], key: 'metadata', value: { labels: want } }];
  if (!labels) return [{ op: 'setKey', path: ['spec', 'template', 'metadata'], key: 'labels', value: want }];
  const edits: FixEdit[] = [];
  for (const [k, v] of Object.entries(want)) {
    if (!(k in labels)) edits.push({ op: 'setKey', path: ['spec', 'template', 'metadata', 'labels'], key: k, value: v });
    else if (String(labels[k]) !== String(v)) edits.push({ op: 'replaceValue', path: ['spec', 'template', 'metadata', 'labels', k], value: v });
  }
  return edits.length ? edits : undefined;
}

export const rule: Rule = {
  id: 'rollouts/selector-template-mismatch',
  description:
    'spec.selector does not select the pod template labels. With workloadRef the template of the referenced workload is checked when it is in the same file or directory, as a warning (the workload on the cluster may differ). Divergence: with no selector at all only rollouts/selector-required is reported, though upstream also prints this error.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec → k8s ValidatePodTemplateSpecForReplicaSet, check S7 (argo-rollouts.md §1.1, §1.11)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const spec = view.spec;
    const ref = obj(spec.workloadRef);
    if (!present(spec.workloadRef)) {
      const selector = spec.selector;
      if (!isObj(selector) || selectorIsEmpty(selector)) return;
      const labels = obj(obj(obj(spec.template)?.metadata)?.labels);
      if (selectorMatches(selector, labels ?? {}) !== false) return;
      const edits = addLabelsFix(spec, selector);
      ctx.report({
        path: labelsTarget(['spec', 'template'], spec.template),
        onKey: true,
        message: explain(fieldError(MESSAGE_PATH, 'Invalid value', labels ?? null, SelectorTemplateMismatchMessage), 'The pods this template creates would not be selected by spec.selector, so the controller refuses the Rollout; make the template labels satisfy the selector.'),
        related: [{ object: rollout, path: ['spec', 'selector'], onKey: true, message: 'the selector' }],
        fixes: edits ? [{ title: "Add the selector's labels to the pod template", edits, preferred: true }] : [],
      });
      return;
    }
    // A non-empty template makes resolution fail first (rollouts/workload-ref-template-not-empty).
    if (!ref || !emptyTemplate(spec)) return;
    const { known } = workloadKind(ref);
    const name = str(ref.name);
    if (!known || !name) return;
    const candidates = resolveRef(ctx, known.typeId, name, rollout);
    const failing = whenAllFail(candidates, (w: ManifestObject) => {
      const template = at(w.value, known.templatePath);
      const selector = isObj(spec.selector) ? spec.selector : known.selectorPath ? obj(at(w.value, known.selectorPath)) : undefined;
      const labels = obj(obj(obj(template)?.metadata)?.labels);
      // A nil selector becomes labels.Nothing(), which matches no labels at all.
      if (selector && selectorIsEmpty(selector)) return [];
      const matches = selector ? selectorMatches(selector, labels ?? {}) : false;
      return matches === false ? [{ labels: labels ?? null, template, noSelector: !selector }] : [];
    });
    if (!failing) return;
    const p = failing.problems[0];
    const meaning = p.noSelector
      ? `A ${known.typeId === K.PodTemplate ? 'PodTemplate' : 'workload'} without a selector leaves the Rollout with none; set spec.selector to the template labels.`
      : `The pod template of ${failing.object.label} is not selected by the selector the Rollout uses, so the controller refuses the Rollout.`;
    ctx.report({
      path: ['spec', 'workloadRef'],
      onKey: true,
      // The template belongs to another object, which may differ on the cluster: a warning.
      severity: 'warning',
      message: explain(fieldError(MESSAGE_PATH, 'Invalid value', p.labels, SelectorTemplateMismatchMessage), meaning),
      related: [{ object: failing.object, path: labelsTarget(known.templatePath, p.template), onKey: true, message: 'the template labels of the referenced workload' }],
    });
  },
};
