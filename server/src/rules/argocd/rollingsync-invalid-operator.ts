import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { analyse, stepPath, type AppSetAnalysis } from '../../semantics/argocd/analysis';
import { invalidMatchExpressionMessage, SUPPORTED_OPERATORS_NOTE, type InvalidMatchExpression } from '../../semantics/argocd/validation-issues';
import type { Fix, Rule } from '../rule';

type Obj = Record<string, unknown>;

/** The supported operator a misspelt one most likely means. */
function suggestion(op: string): 'In' | 'NotIn' | undefined {
  const n = op.toLowerCase().replace(/[\s_-]/g, '');
  if (['in', 'equals', 'eq', '=', '==', 'is', 'oneof'].includes(n)) return 'In';
  if (['notin', 'notequals', 'ne', '!=', 'isnot', '!in', 'notoneof'].includes(n)) return 'NotIn';
  return undefined;
}

function keySetByTemplate(an: AppSetAnalysis, key: string): boolean {
  return an.sources.some((s) => s.labels.has(key));
}

/**
 * What the controller would record for an Application carrying every label the template sets and
 * passing every supported expression (only label keys are known here, not values): per step, the
 * first unsupported operator on a key the template sets, unless an `In` on an unset key stops first.
 */
function symbolicRecord(an: AppSetAnalysis): InvalidMatchExpression[] {
  const out: InvalidMatchExpression[] = [];
  an.steps.forEach((step, i) => {
    for (const e of step.matchExpressions ?? []) {
      const key = e?.key ?? '';
      const op = e?.operator ?? '';
      if (keySetByTemplate(an, key)) {
        if (op !== 'In' && op !== 'NotIn') {
          if (!out.some((x) => x.stepIndex === i && x.operator === op)) out.push({ stepIndex: i, operator: op });
          break;
        }
      } else if (op === 'In') break;
    }
  });
  return out;
}

export const rule: Rule = {
  id: 'argocd/rollingsync-invalid-operator',
  description:
    "A RollingSync matchExpression operator other than 'In' or 'NotIn': on Applications that have the key the controller reports InvalidRolloutConfig and the step never selects them; on Applications without the key the expression is silently skipped. (Applies when the controller runs with --enable-progressive-syncs.)",
  severity: 'error',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go buildAppDependencyList/labelMatchedExpression; validation_issues.go formatInvalidMatchExpressionMessage (fleet-argocd.md §5.3, §5.4, §5.11 S3)',
  check(appset, ctx) {
    const value = appset.value as Obj;
    const an = analyse(value);
    if (!an.enabled) return;
    const recorded = an.deps ? an.deps.issues.invalidMatchExpressions : symbolicRecord(an);
    const conditionText = recorded.length ? invalidMatchExpressionMessage(recorded) : '';
    an.steps.forEach((step, i) => {
      (step.matchExpressions ?? []).forEach((e, j) => {
        const op = e?.operator;
        if (op === 'In' || op === 'NotIn') return;
        const key = e?.key ?? '';
        const opText = op === undefined || op === null ? '' : String(op);
        const exprPath: PathSeg[] = stepPath(i, 'matchExpressions', j);
        const hasOp = typeof e === 'object' && e !== null && 'operator' in e && op !== null;
        const path = hasOp ? [...exprPath, 'operator'] : exprPath;
        const named = opText === '' ? 'an empty operator' : `operator '${opText}'`;
        const suggested = suggestion(opText);
        const fixes: Fix[] | undefined = suggested && hasOp ? [{ title: `Use operator ${suggested}`, edits: [{ op: 'replaceValue', path: [...exprPath, 'operator'], value: suggested }], preferred: true }] : undefined;
        const stepNo = i + 1;
        const isRecorded = recorded.some((r) => r.stepIndex === i && r.operator === opText);
        if (isRecorded) {
          ctx.report({
            path,
            message: `InvalidRolloutConfig: ${conditionText}. Step ${stepNo} uses ${named} on '${key}': the controller sets this condition and step ${stepNo} never selects an Application that has label '${key}', so those Applications fall to a later step or to no step at all (never synced by the controller).${suggested ? ` Did you mean '${suggested}'?` : ''}`,
            fixes,
          });
          return;
        }
        const setSomewhere = keySetByTemplate(an, key);
        const openNote = an.sources.some((s) => s.open) && !setSomewhere ? ` If spec.templatePatch adds label '${key}', the controller reports InvalidRolloutConfig (Step ${stepNo} has invalid matchExpression operators: ${opText}. ${SUPPORTED_OPERATORS_NOTE}) instead.` : '';
        const why = setSomewhere
          ? `every generated Application that carries label '${key}' is already excluded by an earlier expression of step ${stepNo}`
          : `no generated Application has label '${key}' (spec.template.metadata.labels does not set it)`;
        ctx.report({
          path,
          severity: 'warning',
          message: `${named[0].toUpperCase()}${named.slice(1)} is not supported (${SUPPORTED_OPERATORS_NOTE}). Here ${why}, and the controller skips an unsupported expression on an Application without the key: it passes, so step ${stepNo} selects Applications regardless of '${key}'.${openNote}${suggested ? ` Did you mean '${suggested}'?` : ''}`,
          fixes,
        });
      });
    });
  },
};
