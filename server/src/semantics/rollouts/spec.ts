/**
 * Read access to a Rollout's spec with Go's decoding semantics: a YAML `null` is the same as an
 * absent field (a nil pointer), and a value of the wrong type is treated as absent (the object
 * does not decode; the schema check reports that, not these rules).
 */
import type { PathSeg } from '../../engine/yaml-nodes';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Non-nil in Go terms. */
export const present = (v: unknown): boolean => v !== undefined && v !== null;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A Go string field: absent or null is "". */
export const goStr = (v: unknown): string => (typeof v === 'string' ? v : '');
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const SPEC: PathSeg[] = ['spec'];
export const STRATEGY: PathSeg[] = ['spec', 'strategy'];
export const CANARY: PathSeg[] = ['spec', 'strategy', 'canary'];
export const BLUE_GREEN: PathSeg[] = ['spec', 'strategy', 'blueGreen'];
export const TRAFFIC_ROUTING: PathSeg[] = [...CANARY, 'trafficRouting'];

export interface RolloutView {
  spec: Obj;
  strategy?: Obj;
  canary?: Obj;
  blueGreen?: Obj;
  /** canary.trafficRouting when present (even `{}`). */
  trafficRouting?: Obj;
  steps: unknown[];
}

/**
 * A dozen rules read the same Rollout's view and steps: each is computed once per converted value
 * (the value is replaced, never changed, when the document is).
 */
const viewOfValue = new WeakMap<Obj, RolloutView | undefined>();
const stepsOfView = new WeakMap<RolloutView, readonly CanaryStep[]>();

export function rolloutView(value: Obj | undefined): RolloutView | undefined {
  if (!value) return undefined;
  if (viewOfValue.has(value)) return viewOfValue.get(value);
  const view = computeView(value);
  viewOfValue.set(value, view);
  return view;
}

function computeView(value: Obj): RolloutView | undefined {
  // An absent or null spec decodes to the zero RolloutSpec (the schema reports it as required).
  const spec = !present(value.spec) ? {} : obj(value.spec);
  if (!spec) return undefined;
  const strategy = obj(spec.strategy);
  const canary = obj(strategy?.canary);
  const blueGreen = obj(strategy?.blueGreen);
  return { spec, strategy, canary, blueGreen, trafficRouting: obj(canary?.trafficRouting), steps: list(canary?.steps) };
}

/** `len(trafficRouting.Plugins) > 0`. */
export const hasPlugins = (tr: Obj | undefined): boolean => isObj(tr?.plugins) && Object.keys(tr.plugins).length > 0;

/**
 * requireCanaryStableServices (validation.go): traffic routers that need both canaryService and
 * stableService. Plugins only, Istio subset routing (destinationRule) and ping-pong do not.
 */
export function requireCanaryStableServices(canary: Obj): boolean {
  const tr = obj(canary.trafficRouting);
  if (!tr) return false;
  const pingPong = present(canary.pingPong);
  const istio = obj(tr.istio);
  return (
    (present(tr.alb) && !pingPong) ||
    (istio !== undefined && !present(istio.destinationRule) && !pingPong) ||
    present(tr.smi) ||
    present(tr.apisix) ||
    present(tr.ambassador) ||
    present(tr.nginx) ||
    present(tr.appMesh) ||
    present(tr.traefik)
  );
}

/** spec.replicas with the controller default (1). */
export const replicasOrDefault = (spec: Obj): number => int(spec.replicas) ?? 1;

/** weightutil.MaxTrafficWeight: trafficRouting.maxTrafficWeight or 100. */
export function maxTrafficWeight(view: RolloutView): number {
  return int(view.trafficRouting?.maxTrafficWeight) ?? 100;
}

export interface CanaryStep {
  index: number;
  step: Obj;
  path: PathSeg[];
}

export function canarySteps(view: RolloutView): readonly CanaryStep[] {
  let steps = stepsOfView.get(view);
  if (!steps) {
    const out: CanaryStep[] = [];
    for (let index = 0; index < view.steps.length; index++) {
      const s: unknown = view.steps[index];
      if (isObj(s)) out.push({ index, step: s, path: [...CANARY, 'steps', index] });
    }
    stepsOfView.set(view, (steps = out));
  }
  return steps;
}

/** Template labels of the pod template (spec.template.metadata.labels). */
export function templateLabels(spec: Obj): Obj {
  return obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
}

/**
 * The canary strategy the validator looks at: ValidateRolloutStrategy checks canary only when
 * blueGreen is absent (both present is reported once, as "Multiple Strategies").
 */
export const validatedCanary = (view: RolloutView | undefined): Obj | undefined => (view && !present(view.strategy?.blueGreen) ? view.canary : undefined);
export const validatedBlueGreen = (view: RolloutView | undefined): Obj | undefined => (view && !present(view.strategy?.canary) ? view.blueGreen : undefined);

/** RolloutSpec.EmptyTemplate(): no template labels and no annotations (a template with only `spec` is empty). */
export function emptyTemplate(spec: Obj): boolean {
  const meta = obj(obj(spec.template)?.metadata);
  const nonEmpty = (v: unknown) => Object.keys(obj(v) ?? {}).length > 0;
  return !nonEmpty(meta?.labels) && !nonEmpty(meta?.annotations);
}
