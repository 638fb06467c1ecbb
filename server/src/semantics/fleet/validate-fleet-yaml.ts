/**
 * The semantic checks `fleet apply` runs on a parsed fleet.yaml before building the Bundle
 * (internal/bundlereader/validate_fleetyaml.go fn validateFleetYAML, read.go fn bundleFromDir;
 * fleet-argocd.md §1.5). Fleet stops at the first failure; every failure is listed here, each
 * with the text Fleet prints when it is the first.
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { goQuote } from '../labels/selector';

/** BundleState values ordered by StateRank, as Fleet lists them in its message. */
export const BUNDLE_STATES = ['Ready', 'NotReady', 'Pending', 'OutOfSync', 'Modified', 'WaitApplied', 'ErrApplied'] as const;

/** How every fleet apply error reaches the GitRepo status (`NewBundle`). */
export const PROCESS_PREFIX = 'failed to process bundle: ';
const VALIDATING = `${PROCESS_PREFIX}validating fleet.yaml: `;

export interface FleetYamlProblem {
  path: PathSeg[];
  /** Fleet's error text, with its wrapping. */
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `dependsOn` entries: a name or a selector, and known accepted states. */
export function dependsOnProblems(fleetYaml: Record<string, unknown> | undefined): FleetYamlProblem[] {
  const deps = fleetYaml?.dependsOn;
  if (!Array.isArray(deps)) return [];
  const out: FleetYamlProblem[] = [];
  deps.forEach((dep, i) => {
    const d = isRecord(dep) ? dep : {};
    const hasName = typeof d.name === 'string' ? d.name !== '' : d.name !== undefined && d.name !== null;
    const hasSelector = d.selector !== undefined && d.selector !== null;
    if (!hasName && !hasSelector) {
      out.push({ path: ['dependsOn', i], message: `${VALIDATING}dependsOn[${i}]: must specify either 'name' or 'selector'` });
      return; // validateBundleRef returns before looking at the states
    }
    if (!Array.isArray(d.acceptedStates)) return;
    d.acceptedStates.forEach((state, j) => {
      if (typeof state !== 'string' && state !== null) return; // a type error: reported by fleet/invalid-value
      const s = state ?? '';
      if ((BUNDLE_STATES as readonly string[]).includes(s)) return;
      out.push({
        path: ['dependsOn', i, 'acceptedStates', j],
        message: `${VALIDATING}dependsOn[${i}].acceptedStates[${j}]: invalid state ${goQuote(s)}, valid values are: [${BUNDLE_STATES.join(' ')}]`,
      });
    });
  });
  return out;
}

/** fleet apply without imagescan enabled (the chart default). */
export const IMAGESCAN_DISABLED = `${PROCESS_PREFIX}imagescan is disabled; remove imagescans from your config files, or enable imagescan`;
/** An image scan with an image but no tagName. */
export const SCAN_NAME_REQUIRED = `${PROCESS_PREFIX}the name of scan is required`;
