/**
 * Steps that select the same Applications (fleet-argocd.md §5.3, §5.4 DuplicateAppSelections):
 * an Application keeps the FIRST step that selects it as its step but is listed in every step that
 * selects it, and the controller reports InvalidRolloutConfig `Application '…' is selected by
 * multiple steps: (i-j)`.
 * - unreachable: every Application step j selects already belongs to an earlier step — step j has
 *   nothing of its own and gates nothing;
 * - overlap: step j also selects (some or all) Applications of an earlier step i.
 * Exact over static Applications; otherwise decided by step-selection.ts containment, which only
 * concludes what holds for every possible label value.
 */
import type { AppSetAnalysis } from './analysis';
import { containedIn, emptyCause } from './step-selection';

export interface Unreachable {
  /** 0-based step that can never be reached. */
  step: number;
  /** The earlier steps that take its Applications. */
  takenBy: number[];
  /** Static Applications involved, when known. */
  apps?: string[];
}

export interface Overlap {
  step: number;
  /** The earlier step whose Applications this one selects again. */
  earlier: number;
  /** Static Applications selected by both, when known; undefined means "every Application of the earlier step". */
  apps?: string[];
}

export interface StepOverlaps {
  unreachable: Unreachable[];
  overlaps: Overlap[];
}

export function stepOverlaps(an: AppSetAnalysis): StepOverlaps {
  const unreachable: Unreachable[] = [];
  const overlaps: Overlap[] = [];
  if (!an.enabled) return { unreachable, overlaps };

  if (an.deps) {
    const { list, stepMap } = an.deps;
    list.forEach((names, j) => {
      if (names.length === 0) return;
      const dups = names.filter((n) => (stepMap.get(n) ?? j) < j);
      if (dups.length === 0) return;
      if (dups.length === names.length) {
        unreachable.push({ step: j, takenBy: [...new Set(dups.map((n) => stepMap.get(n)!))].sort((a, b) => a - b), apps: dups });
        return;
      }
      const byEarlier = new Map<number, string[]>();
      for (const n of dups) {
        const i = stepMap.get(n)!;
        byEarlier.set(i, [...(byEarlier.get(i) ?? []), n]);
      }
      for (const [i, apps] of [...byEarlier].sort((a, b) => a[0] - b[0])) overlaps.push({ step: j, earlier: i, apps });
    });
    return { unreachable, overlaps };
  }

  if (an.sources.length === 0) return { unreachable, overlaps };
  const maySelect = (j: number) => an.sources.some((s) => emptyCause(an.steps[j], s) === undefined);
  for (let j = 1; j < an.steps.length; j++) {
    if (!maySelect(j)) continue;
    const taker = [...Array(j).keys()].find((i) => an.sources.every((s) => containedIn(an.steps[j], an.steps[i], s)));
    if (taker !== undefined) {
      unreachable.push({ step: j, takenBy: [taker] });
      continue;
    }
    const earlier = [...Array(j).keys()].find((i) => maySelect(i) && an.sources.every((s) => containedIn(an.steps[i], an.steps[j], s)));
    if (earlier !== undefined) overlaps.push({ step: j, earlier });
  }
  return { unreachable, overlaps };
}
