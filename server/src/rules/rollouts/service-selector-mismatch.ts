import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { DefaultRolloutUniqueLabelKey, serviceUnmatchLabel } from '../../semantics/rollouts/messages';
import { serviceRefs } from '../../semantics/rollouts/references';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { obj, rolloutView } from '../../semantics/rollouts/spec';
import { resolvedTemplateLabels } from '../../semantics/rollouts/workload-ref';
import type { Rule } from '../rule';

const byteOrder = (a: string, b: string) => Buffer.from(a).compare(Buffer.from(b));

export const rule: Rule = {
  id: 'rollouts/service-selector-mismatch',
  description:
    "A Service the Rollout uses selects a label the Rollout's pod template does not carry (or carries with another value). Upstream checks the keys in map order, so which key its first error names varies; the first key in sorted order is named here.",
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation_references.go ValidateService, V1 (argo-rollouts.md §1.5); kubectl argo rollouts lint with the Service in the same file',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const labels = resolvedTemplateLabels(ctx, rollout, view.spec);
    if (!labels) return;
    for (const ref of serviceRefs(view)) {
      const failing = whenAllFail(resolveRef(ctx, K.Service, ref.name, rollout), (svc) => {
        const selector = obj(obj(svc.value?.spec)?.selector) ?? {};
        return Object.keys(selector)
          .filter((k) => k !== DefaultRolloutUniqueLabelKey && (!(k in labels) || String(labels[k]) !== String(selector[k])))
          .sort(byteOrder)
          .map((k) => ({ key: k, want: String(selector[k]), have: k in labels ? String(labels[k]) : undefined }));
      });
      if (!failing) continue;
      const [first, ...rest] = failing.problems;
      const detail = first.have === undefined ? `the pod template has no label ${first.key}` : `the pod template has ${first.key}: ${first.have}, the Service selects ${first.key}: ${first.want}`;
      const more = rest.length ? ` (also ${rest.map((p) => p.key).join(', ')})` : '';
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.field, 'Invalid value', ref.name, serviceUnmatchLabel(ref.name, first.key)),
          `The Service would never send traffic to this Rollout's pods: ${detail}${more}.`,
        ),
        related: failing.problems.map((p) => ({ object: failing.object, path: ['spec', 'selector', p.key], onKey: true, message: `selects ${p.key}: ${p.want}` })),
      });
    }
  },
};
