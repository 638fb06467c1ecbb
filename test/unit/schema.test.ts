// Schema layer tests (server/src/engine/schema). Run after the generators:
//   node scripts/gen-schemas.mjs && node scripts/gen-validators.mjs
//   npx esbuild test/unit/schema.test.ts --bundle --platform=node --packages=external --outfile=/tmp/schema.test.js
//   node --test /tmp/schema.test.js
// The corpus tests read ../shared (or $FLEET_ROLLOUTS_SHARED), see ../shared/docs/README.md.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type * as YamlModule from 'yaml';
import {
  FLEET_YAML_SCHEMA_ID,
  MAX_SCHEMA_ISSUES,
  formatPath,
  schemaFor,
  schemaIdFor,
  schemaIds,
  validateWithSchema,
  type SchemaIssue,
} from '../../server/src/engine/schema';

// ---------------------------------------------------------------------------------------
// Environment: the bundled test may run from anywhere (e.g. /tmp), so find the repo by
// walking up from this file and from the working directory.

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg)) {
        try {
          if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'fleet-rollouts') return dir;
        } catch {
          /* keep looking */
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return process.cwd();
}

const repoRoot = findRepoRoot();
// `yaml` is external to the bundle; resolve it from the repo rather than from the bundle's folder.
function loadYaml(): typeof YamlModule {
  try {
    return createRequire(path.join(repoRoot, 'package.json'))('yaml') as typeof YamlModule;
  } catch {
    return require('yaml') as typeof YamlModule;
  }
}
const YAML = loadYaml();
const shared = process.env.FLEET_ROLLOUTS_SHARED ? path.resolve(process.env.FLEET_ROLLOUTS_SHARED) : path.resolve(repoRoot, '..', 'shared');
const corpus = path.join(shared, 'corpus');
const hasCorpus = fs.existsSync(corpus);

interface Entry {
  path: string;
  expect: string;
  kind?: string;
  message?: string;
  objects?: { kind: string; name?: string }[];
}

function entries(folder: string): Entry[] {
  return JSON.parse(fs.readFileSync(path.join(corpus, folder, 'expectations.json'), 'utf8')).entries as Entry[];
}

function parseDocs(file: string): unknown[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
    assert.equal(doc.errors.length, 0, `${file}: ${doc.errors[0]?.message}`);
    return doc.toJS();
  });
}

function kindOf(v: unknown): { apiVersion?: string; kind?: string } {
  return v !== null && typeof v === 'object' ? (v as { apiVersion?: string; kind?: string }) : {};
}

function messages(issues: SchemaIssue[]): string[] {
  return issues.map((i) => i.message);
}

/** Issues that upstream would reject (nullValue = pruned by the API server, see index.ts). */
function errorsOnly(issues: SchemaIssue[]): SchemaIssue[] {
  return issues.filter((i) => i.keyword !== 'nullValue');
}

const clone = <T>(v: T): T => structuredClone(v);

// A minimal valid canary Rollout (argo-rollouts examples/rollout-canary.yaml shape).
const ROLLOUT = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'rollout-canary', labels: { 'app.kubernetes.io/name': 'demo' } },
  spec: {
    replicas: 5,
    revisionHistoryLimit: 2,
    selector: { matchLabels: { app: 'rollout-canary' } },
    template: {
      metadata: { labels: { app: 'rollout-canary' } },
      spec: {
        containers: [
          {
            name: 'rollouts-demo',
            image: 'argoproj/rollouts-demo:blue',
            ports: [{ containerPort: 8080 }],
            resources: { requests: { memory: '32Mi', cpu: '5m' } },
          },
        ],
      },
    },
    strategy: {
      canary: {
        maxSurge: '25%',
        maxUnavailable: 0,
        steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }, { pause: { duration: 10 } }, { pause: { duration: '1h30m' } }],
      },
    },
  },
};

// ---------------------------------------------------------------------------------------

describe('schema ids', () => {
  test('schemaIdFor maps apiVersion/kind to ids', () => {
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'Rollout'), 'argoproj.rollout');
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'AnalysisTemplate'), 'argoproj.analysistemplate');
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'ClusterAnalysisTemplate'), 'argoproj.clusteranalysistemplate');
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'AnalysisRun'), 'argoproj.analysisrun');
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'Experiment'), 'argoproj.experiment');
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', 'ApplicationSet'), 'argoproj.applicationset');
    assert.equal(schemaIdFor('fleet.cattle.io/v1alpha1', 'GitRepo'), 'fleet.gitrepo');
    assert.equal(schemaIdFor('fleet.cattle.io/v1alpha1', 'HelmOp'), 'fleet.helmop');
  });

  test('unknown or missing apiVersion/kind -> undefined', () => {
    assert.equal(schemaIdFor('apps/v1', 'Deployment'), undefined);
    assert.equal(schemaIdFor('argoproj.io/v1beta1', 'Rollout'), undefined);
    assert.equal(schemaIdFor('fleet.cattle.io/v1alpha1', 'Rollout'), undefined);
    assert.equal(schemaIdFor(undefined, 'Rollout'), undefined);
    assert.equal(schemaIdFor('argoproj.io/v1alpha1', undefined), undefined);
  });

  test('every Fleet CRD kind and the fleet.yaml schema have a validator', () => {
    // ../shared/crds/README.md: the 14 fleet.cattle.io kinds
    const fleetKinds = [
      'Bundle',
      'BundleDeployment',
      'BundleNamespaceMapping',
      'Cluster',
      'ClusterGroup',
      'ClusterRegistration',
      'ClusterRegistrationToken',
      'Content',
      'GitRepo',
      'GitRepoRestriction',
      'HelmOp',
      'ImageScan',
      'Policy',
      'Schedule',
    ];
    for (const kind of fleetKinds) assert.equal(schemaIdFor('fleet.cattle.io/v1alpha1', kind), `fleet.${kind.toLowerCase()}`, kind);
    assert.equal(FLEET_YAML_SCHEMA_ID, 'fleet.yaml');
    assert.ok(schemaIds().includes(FLEET_YAML_SCHEMA_ID));
    assert.equal(schemaIds().length, 14 + 6 + 1 + 1, 'CRD kinds, fleet.yaml and the hand-written WavePlan');
  });

  test('schemaFor returns the schema with descriptions; status schema kept under definitions', () => {
    const s = schemaFor('argoproj.rollout') as {
      properties: Record<string, { description?: string; properties?: Record<string, unknown> }>;
      definitions?: { status?: { properties?: Record<string, unknown> } };
    };
    assert.ok(s);
    assert.equal(typeof s.properties.spec.description, 'string');
    assert.ok(s.definitions?.status?.properties?.phase, 'typed status schema for hover');
    assert.equal(schemaFor('argoproj.rollout'), s, 'cached');
    assert.equal(schemaFor('no.such'), undefined);
  });

  test('validateWithSchema rejects unknown schema ids', () => {
    assert.throws(() => validateWithSchema('no.such', {}), /unknown schema id/);
  });

  test('formatPath renders Kubernetes field paths', () => {
    assert.equal(formatPath(['spec', 'strategy', 'canary', 'steps', 0, 'setWeight']), 'spec.strategy.canary.steps[0].setWeight');
    assert.equal(formatPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
    assert.equal(formatPath([]), '<root>');
  });
});

describe('Rollout messages (argo-rollouts.md §0.1, §6)', () => {
  test('a valid Rollout has no issues', () => {
    assert.deepEqual(validateWithSchema('argoproj.rollout', ROLLOUT), []);
  });

  test('unknown field', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.strategy.canary.setWieght = 20;
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.equal(issues.length, 1);
    assert.deepEqual(issues[0], {
      path: ['spec', 'strategy', 'canary', 'setWieght'],
      keyword: 'additionalProperties',
      message: 'unknown field "spec.strategy.canary.setWieght"',
      params: { additionalProperty: 'setWieght' },
      onKey: true,
    });
  });

  test('unknown field inside a list', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.strategy.canary.steps[0].foo = 1;
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.deepEqual(messages(issues), ['unknown field "spec.strategy.canary.steps[0].foo"']);
    assert.deepEqual(issues[0].path, ['spec', 'strategy', 'canary', 'steps', 0, 'foo']);
    assert.equal(issues[0].onKey, true);
  });

  test('wrong type', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.replicas = 'three';
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].message, 'spec.replicas: Invalid value: "three": spec.replicas in body must be of type integer: "string"');
    assert.deepEqual(issues[0].path, ['spec', 'replicas']);
    assert.equal(issues[0].keyword, 'type');
    assert.equal(issues[0].onKey, false);
    assert.equal(issues[0].params.actualType, 'string');
  });

  test('missing required field', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.strategy = { blueGreen: { previewService: 'preview' } };
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].message, 'spec.strategy.blueGreen.activeService: Required value');
    assert.deepEqual(issues[0].path, ['spec', 'strategy', 'blueGreen', 'activeService']);
    assert.equal(issues[0].keyword, 'required');
    assert.equal(issues[0].params.missingProperty, 'activeService');
  });

  test('int-or-string failure gives one message', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.strategy.canary.maxSurge = true;
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.equal(issues.length, 1);
    assert.equal(
      issues[0].message,
      'spec.strategy.canary.maxSurge: Invalid value: true: spec.strategy.canary.maxSurge in body must be of type integer,string: "boolean"',
    );
    assert.equal(issues[0].keyword, 'type');
    assert.deepEqual(issues[0].path, ['spec', 'strategy', 'canary', 'maxSurge']);
    assert.deepEqual(issues[0].params.type, ['integer', 'string']);
  });

  test('several problems are all reported, once each', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.replicas = 'three';
    r.spec.strategy.canary.steps[1].pause.duration = [1];
    r.spec.strategy.canary.steps.push({ setWeight: '50%' });
    r.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    r.spec.bogus = {};
    const issues = validateWithSchema('argoproj.rollout', r);
    assert.deepEqual(messages(issues).sort(), [
      'spec.replicas: Invalid value: "three": spec.replicas in body must be of type integer: "string"',
      'spec.strategy.canary.steps[1].pause.duration: Invalid value: [1]: spec.strategy.canary.steps[1].pause.duration in body must be of type integer,string: "array"',
      'spec.strategy.canary.steps[5].setWeight: Invalid value: "50%": spec.strategy.canary.steps[5].setWeight in body must be of type integer: "string"',
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "http": spec.template.spec.containers[0].ports[0].containerPort in body must be of type integer: "string"',
      'unknown field "spec.bogus"',
    ]);
    const keys = issues.map((i) => `${formatPath(i.path)}|${i.keyword}`);
    assert.equal(new Set(keys).size, keys.length, 'one issue per path + keyword');
  });

  test('labels must be strings', () => {
    const r = clone(ROLLOUT) as any;
    r.metadata.labels.version = 1;
    assert.deepEqual(messages(validateWithSchema('argoproj.rollout', r)), [
      'metadata.labels.version: Invalid value: 1: metadata.labels.version in body must be of type string: "integer"',
    ]);
  });

  test('status is not validated; creationTimestamp: null in the pod template is accepted', () => {
    const r = clone(ROLLOUT) as any;
    r.status = { phase: 42, whatever: { nested: [1, 2, 3] } };
    r.metadata.creationTimestamp = null;
    r.spec.template.metadata.creationTimestamp = null;
    assert.deepEqual(validateWithSchema('argoproj.rollout', r), []);
  });

  test('null field values are reported as nullValue (pruned upstream), required ones as Required value', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.replicas = null;
    r.spec.template.spec.containers[0].name = null;
    const issues = validateWithSchema('argoproj.rollout', r);
    const byPath = new Map(issues.map((i) => [formatPath(i.path), i]));
    assert.equal(byPath.get('spec.replicas')?.keyword, 'nullValue');
    assert.equal(byPath.get('spec.template.spec.containers[0].name')?.keyword, 'required');
    assert.equal(byPath.get('spec.template.spec.containers[0].name')?.message, 'spec.template.spec.containers[0].name: Required value');
    assert.equal(issues.length, 2);
  });

  test('a type error hides other keyword errors on the same value', () => {
    const b = {
      apiVersion: 'fleet.cattle.io/v1alpha1',
      kind: 'Bundle',
      metadata: { name: 'b' },
      spec: { targetCustomizationMode: 5 },
    };
    const issues = validateWithSchema('fleet.bundle', b);
    assert.deepEqual(messages(issues), [
      'spec.targetCustomizationMode: Invalid value: 5: spec.targetCustomizationMode in body must be of type string: "integer"',
    ]);
  });

  test('{{args.x}} placeholders are accepted in int-or-string analysis fields', () => {
    const at = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'success-rate' },
      spec: {
        args: [{ name: 'service-name' }, { name: 'count' }],
        metrics: [
          {
            name: 'success-rate',
            interval: '5m',
            count: '{{args.count}}',
            failureLimit: '{{args.failure-limit}}',
            successCondition: 'result[0] >= 0.95',
            provider: { prometheus: { address: 'http://prometheus:9090', query: 'sum(x{service="{{args.service-name}}"})' } },
          },
        ],
      },
    };
    assert.deepEqual(validateWithSchema('argoproj.analysistemplate', at), []);
    const bad = clone(at) as any;
    bad.spec.metrics[0].count = 1.5;
    assert.deepEqual(messages(validateWithSchema('argoproj.analysistemplate', bad)), [
      'spec.metrics[0].count: Invalid value: 1.5: spec.metrics[0].count in body must be of type integer,string: "number"',
    ]);
  });

  test('enum violation (datadog apiVersion, the only Argo enum)', () => {
    const at = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'dd' },
      spec: { metrics: [{ name: 'm', provider: { datadog: { apiVersion: 'v3', query: 'q' } } }] },
    };
    assert.deepEqual(messages(validateWithSchema('argoproj.analysistemplate', at)), [
      'spec.metrics[0].provider.datadog.apiVersion: Unsupported value: "v3": supported values: "v1", "v2"',
    ]);
  });

  test('a huge invalid document yields a bounded number of issues', () => {
    const r = clone(ROLLOUT) as any;
    r.spec.strategy.canary.steps = Array.from({ length: 20000 }, (_, i) => ({ setWeight: `w${i}`, unknownKey: i }));
    const t0 = performance.now();
    const issues = validateWithSchema('argoproj.rollout', r);
    const ms = performance.now() - t0;
    assert.equal(issues.length, MAX_SCHEMA_ISSUES + 1);
    assert.equal(issues[issues.length - 1].keyword, 'truncated');
    assert.ok(issues.slice(0, -1).every((i) => i.keyword !== 'truncated'));
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  });
});

describe('Fleet messages', () => {
  test('enum violation', () => {
    const b = {
      apiVersion: 'fleet.cattle.io/v1alpha1',
      kind: 'Bundle',
      metadata: { name: 'b', namespace: 'fleet-local' },
      spec: { targetCustomizationMode: 'X', targets: [{ clusterGroup: 'default' }] },
    };
    const issues = validateWithSchema('fleet.bundle', b);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].message, 'spec.targetCustomizationMode: Unsupported value: "X": supported values: "FirstMatch", "AllMatches"');
    assert.deepEqual(issues[0].path, ['spec', 'targetCustomizationMode']);
    assert.equal(issues[0].keyword, 'enum');
  });

  test('fleet.yaml: enum, pattern, int-or-string, unknown key in a customization', () => {
    const fy = {
      defaultNamespace: 'demo',
      helm: { releaseName: 'My_Release', chart: './chart' },
      targetCustomizationMode: 'Sometimes',
      rolloutStrategy: { maxUnavailable: '10%', autoPartitionSize: false },
      targetCustomizations: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } }, helm: { values: { any: { thing: 1 } } }, doNotDeplou: true }],
    };
    const issues = validateWithSchema(FLEET_YAML_SCHEMA_ID, fy);
    assert.deepEqual(messages(issues).sort(), [
      "helm.releaseName: Invalid value: \"My_Release\": helm.releaseName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
      'rolloutStrategy.autoPartitionSize: Invalid value: false: rolloutStrategy.autoPartitionSize in body must be of type integer,string: "boolean"',
      'targetCustomizationMode: Unsupported value: "Sometimes": supported values: "FirstMatch", "AllMatches"',
      'unknown field "targetCustomizations[0].doNotDeplou"',
    ]);
  });

  test('fleet.yaml: the fleet.yaml-only keys are known', () => {
    const fy = {
      name: 'my-bundle',
      labels: { team: 'a' },
      annotations: { note: 'x' },
      namespace: 'apps',
      overrideTargets: [{ clusterGroup: 'edge' }],
      imageScans: [{ image: 'nginx', tagName: 'scan', interval: '5m', policy: { semver: { range: '*' } } }],
      targetCustomizations: [{ name: 'edge', clusterGroup: 'edge', doNotDeploy: false }],
      dependsOn: [{ name: 'other', acceptedStates: ['Ready'] }],
    };
    assert.deepEqual(validateWithSchema(FLEET_YAML_SCHEMA_ID, fy), []);
  });
});

// ---------------------------------------------------------------------------------------
// fleet.yaml schema vs the upstream JSON schema (cross-check, not a copy)

type JsonSchemaNode = {
  $ref?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: boolean | JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  $defs?: Record<string, JsonSchemaNode>;
  definitions?: Record<string, JsonSchemaNode>;
  'x-fleet-internal'?: boolean;
};

/** Every property path a schema knows: `helm.valuesFrom[].configMapKeyRef.name`, … */
function knownKeys(root: JsonSchemaNode, node: JsonSchemaNode | undefined, prefix: string, out: Map<string, JsonSchemaNode>, depth = 0): Map<string, JsonSchemaNode> {
  if (!node || typeof node !== 'object' || depth > 30) return out;
  if (node.$ref) {
    const name = node.$ref.split('/').pop() as string;
    return knownKeys(root, (root.$defs ?? root.definitions ?? {})[name], prefix, out, depth + 1);
  }
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) knownKeys(root, branch, prefix, out, depth + 1);
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    const p = prefix ? `${prefix}.${key}` : key;
    out.set(p, sub);
    knownKeys(root, sub, p, out, depth + 1);
  }
  if (node.items && typeof node.items === 'object') knownKeys(root, node.items, `${prefix}[]`, out, depth + 1);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') knownKeys(root, node.additionalProperties, `${prefix}{}`, out, depth + 1);
  return out;
}

describe('fleet.yaml schema vs upstream schemas/fleet.yaml.json', { skip: !hasCorpus && 'no ../shared corpus' }, () => {
  test('every key the upstream schema knows is known to ours', () => {
    const upstream = JSON.parse(fs.readFileSync(path.join(corpus, 'fleet', 'schema', 'fleet.yaml.json'), 'utf8')) as JsonSchemaNode;
    const ours = schemaFor(FLEET_YAML_SCHEMA_ID) as JsonSchemaNode;
    const theirs = knownKeys(upstream, upstream, '', new Map());
    const mine = knownKeys(ours, ours, '', new Map());
    assert.ok(theirs.size > 100, `upstream keys: ${theirs.size}`);
    const missing = [...theirs.keys()].filter((k) => !mine.has(k));
    assert.deepEqual(missing, []);

    // The other direction: our extra keys are the parser-accepted internal BundleSpec fields
    // (jsonschema:"-" upstream, fleet-argocd.md §1.2) and top-level `annotations` (read as
    // ObjectMeta, §1.1/1.6).
    const extraRoots = new Set<string>();
    for (const [key, sub] of mine) {
      if (theirs.has(key)) continue;
      const underExtra = [...mine.keys()].some((k) => (key.startsWith(`${k}.`) || key.startsWith(`${k}[]`)) && !theirs.has(k));
      if (underExtra) continue; // below an extra key that is checked itself
      if (key === 'annotations') continue;
      assert.equal(sub['x-fleet-internal'], true, `${key} is not in the upstream schema and not marked internal`);
      extraRoots.add(key);
    }
    assert.deepEqual([...extraRoots].sort(), [
      'allowedTargetNamespaceSelector',
      'contentsId',
      'helmOpOptions',
      'overwrites',
      'resources',
      'targetCustomizations[].allowedTargetNamespaceSelector',
      'targetCustomizations[].overwrites',
      'targetRestrictions',
      'targets[].allowedTargetNamespaceSelector',
      'targets[].overwrites',
      'valuesHash',
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// Corpus

const ARGO_KINDS = new Set(['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment']);

describe('corpus', { skip: !hasCorpus && 'no ../shared corpus' }, () => {
  test('Argo Rollouts: every valid file validates with 0 issues (incl. info/testdata status dumps)', () => {
    let validated = 0;
    const failures: string[] = [];
    for (const e of entries('argo-rollouts')) {
      if (e.expect !== 'valid' || !(e.objects ?? []).some((o) => ARGO_KINDS.has(o.kind))) continue;
      for (const doc of parseDocs(path.join(corpus, 'argo-rollouts', e.path))) {
        const { apiVersion, kind } = kindOf(doc);
        const id = schemaIdFor(apiVersion, kind);
        if (!id) continue;
        validated++;
        for (const i of validateWithSchema(id, doc)) failures.push(`${e.path}: ${i.message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(validated >= 150, `validated ${validated} objects`);
  });

  test('Argo Rollouts: lint testdata with an unknown field is rejected like strict decoding', () => {
    const file = path.join(corpus, 'argo-rollouts', 'upstream/pkg/kubectl-argo-rollouts/cmd/lint/testdata/invalid-unknown-field.yml');
    const issues = parseDocs(file).flatMap((doc) => {
      const id = schemaIdFor(kindOf(doc).apiVersion, kindOf(doc).kind);
      return id ? validateWithSchema(id, doc) : [];
    });
    // upstream: `json: unknown field "unknown-strategy"` (lint strict decoding)
    assert.deepEqual(messages(issues), ['unknown field "spec.strategy.unknown-strategy"']);
  });

  test('fleet.yaml: upstream-valid files have no issues', () => {
    let validated = 0;
    const failures: string[] = [];
    for (const e of entries('fleet')) {
      if (e.kind !== 'fleet.yaml' || !e.expect.startsWith('valid')) continue;
      for (const doc of parseDocs(path.join(corpus, 'fleet', e.path))) {
        if (doc == null) continue;
        validated++;
        const issues = validateWithSchema(FLEET_YAML_SCHEMA_ID, doc);
        if (e.expect === 'valid-parse/schema-error') {
          // ref-fleet-yaml.md nests clusterSelector inside clusterGroupSelector: fleet apply drops
          // it silently, the upstream JSON schema rejects it (expectations.json notes).
          assert.deepEqual(
            issues.map((i) => [i.keyword, i.message]),
            [['additionalProperties', 'unknown field "rolloutStrategy.partitions[0].clusterGroupSelector.clusterSelector"']],
            e.path,
          );
          continue;
        }
        for (const i of issues) failures.push(`${e.path}: ${i.message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(validated >= 55, `validated ${validated} fleet.yaml files`);
  });

  test('Fleet custom resources: valid files have no issues', () => {
    let validated = 0;
    const failures: string[] = [];
    for (const e of entries('fleet')) {
      if (e.expect !== 'valid' || e.kind === 'fleet.yaml') continue;
      for (const doc of parseDocs(path.join(corpus, 'fleet', e.path))) {
        const id = schemaIdFor(kindOf(doc).apiVersion, kindOf(doc).kind);
        if (!id) continue;
        validated++;
        for (const i of validateWithSchema(id, doc)) failures.push(`${e.path}: ${i.message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(validated >= 50, `validated ${validated} objects`);
  });

  test('ApplicationSets: valid files pass, crd-error files report the upstream findings', () => {
    const failures: string[] = [];
    let validated = 0;
    for (const e of entries('argocd')) {
      if (e.kind !== 'ApplicationSet' || (e.expect !== 'valid' && e.expect !== 'crd-error')) continue;
      const issues = parseDocs(path.join(corpus, 'argocd', e.path)).flatMap((doc) => {
        const id = schemaIdFor(kindOf(doc).apiVersion, kindOf(doc).kind);
        return id ? validateWithSchema(id, doc) : [];
      });
      validated++;
      if (e.expect === 'valid') {
        for (const i of issues) failures.push(`${e.path}: ${i.message}`);
        continue;
      }
      // expectations.json lists jsonschema-style findings (nulls pruned):
      //   "ApplicationSet/<name>: <path>: '<key>' is a required property"
      //   "ApplicationSet/<name>: <path>: Additional properties are not allowed ('a', 'b' were unexpected)"
      const got = new Set(messages(errorsOnly(issues)));
      for (const finding of (e.message ?? '').split(/;\s*(?=ApplicationSet\/)/)) {
        const m = /^ApplicationSet\/[^:]+: (.+?): (.+)$/.exec(finding.trim());
        assert.ok(m, `cannot parse expectation ${finding}`);
        const [, at, what] = m;
        const required = /^'([^']+)' is a required property$/.exec(what);
        const extra = /^Additional properties are not allowed \((.+) (?:was|were) unexpected\)$/.exec(what);
        if (required) {
          const want = `${at}.${required[1]}: Required value`;
          if (!got.has(want)) failures.push(`${e.path}: missing ${want}`);
        } else if (extra) {
          for (const key of extra[1].split(/,\s*/).map((k) => k.replace(/^'|'$/g, ''))) {
            const want = `unknown field "${at}.${key}"`;
            if (!got.has(want)) failures.push(`${e.path}: missing ${want}`);
          }
        } else {
          failures.push(`${e.path}: unhandled expectation ${finding}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(validated >= 25, `validated ${validated} files`);
  });
});
