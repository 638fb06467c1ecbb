/**
 * AnalysisRun and Experiment rows: `getAnalysisRunInfo`, `NewExperimentInfo`, `getExperimentInfo`
 * and `ExperimentImages` of pkg/kubectl-argo-rollouts/info (argo-rollouts.md §4.4).
 */
import { analysisIcon } from './icons';
import type { AnalysisRunInfo, ExperimentInfo, ImageInfo, JobInfo, MeasurementInfo, MetricSummary } from './model';
import { asString, at, compareGoStrings, creationOf, intAt, isObject, listAt, nameOf, namespaceOf, ownerAmong, strAt, timeAt, timeBefore, timeEqual, uidOf, type KubeObject } from './objects';
import { mergeImage } from './images';
import { parseRevision, replicaSetInfos } from './replicaset-info';

/** Measurement metadata keys of the Job provider (metricproviders/job). */
const JOB_NAME_KEY = 'job-name';
const JOB_NAMESPACE_KEY = 'job-namespace';

/** `IntOrString.IntVal`: the integer, or 0 for a string value or none. */
function intVal(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

function metricSummaries(run: KubeObject): MetricSummary[] {
  return listAt(run, 'spec', 'metrics').map((m) => ({
    name: strAt(m, 'name'),
    successCondition: strAt(m, 'successCondition'),
    count: intVal(at(m, 'count')),
    failureLimit: intVal(at(m, 'failureLimit')),
    inconclusiveLimit: intVal(at(m, 'inconclusiveLimit')),
  }));
}

/**
 * `getAnalysisRunInfo(ownerUID, runs)`: the runs owned by `ownerUid` with their counts and Job
 * rows, sorted by revision descending, creation ascending, then name descending.
 */
export function analysisRunInfos(ownerUid: string, allRuns: readonly KubeObject[]): AnalysisRunInfo[] {
  const infos: AnalysisRunInfo[] = [];
  for (const run of allRuns) {
    if (ownerAmong(run, [ownerUid]) === undefined) continue;
    const phase = strAt(run, 'status', 'phase');
    const info: AnalysisRunInfo = {
      name: nameOf(run),
      namespace: namespaceOf(run),
      uid: uidOf(run),
      creationTimestamp: creationOf(run),
      status: phase,
      message: strAt(run, 'status', 'message'),
      icon: analysisIcon(phase),
      revision: parseRevision(run),
      successful: 0,
      failed: 0,
      inconclusive: 0,
      error: 0,
      jobs: [],
      nonJobMeasurements: [],
      metrics: metricSummaries(run),
    };
    const results = listAt(run, 'status', 'metricResults');
    for (const mr of results) {
      info.successful += intAt(mr, 'successful');
      info.failed += intAt(mr, 'failed');
      info.inconclusive += intAt(mr, 'inconclusive');
      info.error += intAt(mr, 'error');
      const metricName = strAt(mr, 'name');
      // analysisutil.ArrayMeasurement: the measurements of the *first* result with this name.
      const first = results.find((r) => strAt(r, 'name') === metricName);
      for (const m of listAt(first, 'measurements')) {
        const metadata = at(m, 'metadata');
        if (metadata !== undefined && metadata !== null) {
          if (isObject(metadata) && JOB_NAME_KEY in metadata) {
            const job: JobInfo = {
              name: asString(metadata[JOB_NAME_KEY]),
              namespace: JOB_NAMESPACE_KEY in metadata ? asString(metadata[JOB_NAMESPACE_KEY]) : namespaceOf(run),
              status: strAt(m, 'phase'),
              icon: analysisIcon(strAt(m, 'phase')),
              metricName,
              startedAt: timeAt(m, 'startedAt'),
            };
            info.jobs.push(job);
          }
        } else {
          const measurement: MeasurementInfo = { metricName, value: strAt(m, 'value'), status: strAt(m, 'phase'), startedAt: timeAt(m, 'startedAt') };
          info.nonJobMeasurements.push(measurement);
        }
      }
    }
    infos.push(info);
  }
  infos.sort((a, b) => {
    if (a.revision !== b.revision) return b.revision - a.revision;
    if (!timeEqual(a.creationTimestamp, b.creationTimestamp)) return timeBefore(a.creationTimestamp, b.creationTimestamp) ? -1 : 1;
    return compareGoStrings(b.name, a.name);
  });
  return infos;
}

/** `NewExperimentInfo`: an Experiment with its own ReplicaSets (no roles) and AnalysisRuns. */
export function experimentInfo(exp: KubeObject, allReplicaSets: readonly KubeObject[], allRuns: readonly KubeObject[], allPods: readonly KubeObject[]): ExperimentInfo {
  const uid = uidOf(exp);
  const phase = strAt(exp, 'status', 'phase');
  return {
    name: nameOf(exp),
    namespace: namespaceOf(exp),
    uid,
    creationTimestamp: creationOf(exp),
    status: phase,
    message: strAt(exp, 'status', 'message'),
    icon: analysisIcon(phase),
    revision: parseRevision(exp),
    replicaSets: replicaSetInfos(uid, undefined, allReplicaSets, allPods),
    analysisRuns: analysisRunInfos(uid, allRuns),
  };
}

/**
 * `getExperimentInfo`: the Experiments owned by `ownerUid`. Upstream sorts with a comparator that
 * is not a strict order (a higher revision first, otherwise the older one); Go's sort.Slice runs
 * an insertion sort for fewer than 13 elements, which this reproduces exactly.
 */
export function experimentInfos(ownerUid: string, allExperiments: readonly KubeObject[], allReplicaSets: readonly KubeObject[], allRuns: readonly KubeObject[], allPods: readonly KubeObject[]): ExperimentInfo[] {
  const infos = allExperiments.filter((e) => ownerAmong(e, [ownerUid]) !== undefined).map((e) => experimentInfo(e, allReplicaSets, allRuns, allPods));
  const less = (a: ExperimentInfo, b: ExperimentInfo) => a.revision > b.revision || timeBefore(a.creationTimestamp, b.creationTimestamp);
  return insertionSort(infos, less);
}

/** Go's insertionSortLessFunc: stable-ish and well defined even for an inconsistent `less`. */
function insertionSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
  }
  return items;
}

/** `ExperimentImages`: images of the experiment's running ReplicaSets, tagged `Σ:<template>`. */
export function experimentImages(exp: ExperimentInfo): ImageInfo[] {
  let images: ImageInfo[] = [];
  for (const rs of exp.replicaSets) {
    if (rs.replicas <= 0) continue;
    for (const image of rs.images) {
      images = mergeImage({ image, tags: rs.template !== '' ? [`Σ:${rs.template}`] : [] }, images);
    }
  }
  return images;
}

