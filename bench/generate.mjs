// Workspace generator for the benchmark: realistic Argo Rollouts canaries (nginx or istio
// traffic routing, step + background analysis with args), their AnalysisTemplates
// (prometheus, {{args.x}} placeholders), stable/canary Services, the Ingress or
// VirtualService the Rollout routes through, and (many-files layout) a Fleet fleet.yaml
// bundle per app with rolloutStrategy partitions and targetCustomizations.
//
// Deterministic: a seeded PRNG drives every choice, so the same (n, layout, seed) gives
// byte-identical files. About 1 % of the documents carry a planted mistake.
//
//   node bench/generate.mjs 1000 single   # prints stats of a generated workspace
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const DEFAULT_SEED = 20260828;

/** mulberry32: tiny, fast, good enough for picking names and numbers. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'media', 'ledger', 'notify', 'edge', 'platform'];
const SERVICES = ['api', 'worker', 'gateway', 'frontend', 'indexer', 'auth', 'cart', 'pricing', 'router', 'render'];
const REGIONS = ['emea', 'amer', 'apac'];

// Mistakes a user really makes. `who` says which tool can see it (for the report only).
export const MISTAKES = {
  'replicas-quoted': { layouts: ['single', 'many'], who: 'schema (both)' }, // replicas: "6"
  'stable-service-case': { layouts: ['single', 'many'], who: 'schema (both)' }, // stableservice:
  'duplicate-key': { layouts: ['single', 'many'], who: 'YAML (both)' }, // interval twice in a metric
  'setweight-over-100': { layouts: ['single', 'many'], who: 'Argo rule (ours)' }, // setWeight: 120
  'template-typo': { layouts: ['single', 'many'], who: 'cross-document (ours)' }, // templateName typo
  'missing-arg': { layouts: ['single', 'many'], who: 'cross-document (ours)' }, // required arg not passed
  'fleet-bad-intstr': { layouts: ['many'], who: 'Fleet rule (ours)' }, // maxUnavailable: 10 percent
};

// ---------------------------------------------------------------------------
// one app = Rollout + AnalysisTemplate + 2 Services + Ingress|VirtualService (+ fleet.yaml)

function makeApp(r, index) {
  const team = TEAMS[index % TEAMS.length];
  const svc = r.pick(SERVICES);
  const name = `${team}-${svc}-${String(index).padStart(4, '0')}`;
  return {
    index,
    team,
    name,
    namespace: team,
    router: r.chance(0.5) ? 'nginx' : 'istio',
    replicas: r.int(2, 12),
    version: `${r.int(1, 4)}.${r.int(0, 40)}.${r.int(0, 20)}`,
    cpu: r.pick(['100m', '250m', '500m']),
    mem: r.pick(['128Mi', '256Mi', '512Mi']),
    region: r.pick(REGIONS),
    firstWeight: r.pick([5, 10]),
    laterWeight: r.pick([40, 50, 60]),
    longPause: r.pick(['5m', '10m', '15m']),
    successRate: r.pick(['0.95', '0.99', '0.995']),
    latency: r.pick(['0.3', '0.5', '0.8']),
    count: r.int(3, 10),
    failureLimit: r.int(1, 3),
    extraEnv: r.int(3, 8),
    mistake: null,
  };
}

function rolloutYaml(a) {
  const m = a.mistake;
  const tpl = `${a.name}-success-rate`;
  const stepTpl = m === 'template-typo' ? `${a.name}-sucess-rate` : tpl;
  const env = [];
  for (let i = 0; i < a.extraEnv; i++) {
    env.push(`            - name: FEATURE_FLAG_${i}\n              value: "${i % 2 === 0 ? 'true' : 'false'}"\n`);
  }
  const routing =
    a.router === 'nginx'
      ? `      trafficRouting:
        nginx:
          stableIngress: ${a.name}
          additionalIngressAnnotations:
            canary-by-header: X-Canary
            canary-by-header-value: "always"
`
      : `      trafficRouting:
        istio:
          virtualService:
            name: ${a.name}
            routes:
              - primary
`;
  const bgArgs =
    m === 'missing-arg'
      ? `          - name: service-name
            value: ${a.name}-canary.${a.namespace}.svc.cluster.local
`
      : `          - name: service-name
            value: ${a.name}-canary.${a.namespace}.svc.cluster.local
          - name: namespace
            valueFrom:
              fieldRef:
                fieldPath: metadata.namespace
`;
  return `# ${a.name}: canary through ${a.router}; owner ${a.team}@example.com
# runbook: https://runbooks.example.com/${a.team}/${a.name}
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: ${a.name}
  namespace: ${a.namespace}
  labels:
    app.kubernetes.io/name: ${a.name}
    app.kubernetes.io/part-of: ${a.team}
    app.kubernetes.io/version: "${a.version}"
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: ${a.team}-alerts
    notifications.argoproj.io/subscribe.on-analysis-run-failed.slack: ${a.team}-alerts
    link.argocd.argoproj.io/external-link: https://grafana.example.com/d/rollouts?var-app=${a.name}
    argocd.argoproj.io/sync-wave: "2"
spec:
  replicas: ${m === 'replicas-quoted' ? `"${a.replicas}"` : a.replicas}
  revisionHistoryLimit: 3
  progressDeadlineSeconds: 600
  selector:
    matchLabels:
      app.kubernetes.io/name: ${a.name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${a.name}
        app.kubernetes.io/part-of: ${a.team}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: ${a.name}
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
      containers:
        - name: app
          image: registry.example.com/${a.team}/${a.name}:${a.version}
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--metrics-port=9090", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
              protocol: TCP
          env:
            - name: APP_ENV
              value: production
            - name: REGION
              value: ${a.region}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: http://otel-collector.observability.svc.cluster.local:4317
            - name: OTEL_SERVICE_NAME
              value: ${a.name}
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${a.name}-db
                  key: password
${env.join('')}          resources:
            requests:
              cpu: ${a.cpu}
              memory: ${a.mem}
            limits:
              cpu: "1"
              memory: 1Gi
          readinessProbe:
            httpGet:
              path: /healthz/ready
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz/live
              port: http
            initialDelaySeconds: 15
            periodSeconds: 20
            failureThreshold: 3
          startupProbe:
            httpGet:
              path: /healthz/started
              port: http
            periodSeconds: 5
            failureThreshold: 30
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 10"]
          volumeMounts:
            - name: config
              mountPath: /etc/app
              readOnly: true
            - name: tmp
              mountPath: /tmp
        # log shipper sidecar, same on every service of the team
        - name: log-shipper
          image: registry.example.com/platform/fluent-bit:3.1.${a.extraEnv}
          args: ["--config=/fluent-bit/etc/fluent-bit.conf"]
          resources:
            requests:
              cpu: 20m
              memory: 32Mi
            limits:
              memory: 64Mi
          volumeMounts:
            - name: tmp
              mountPath: /var/log/app
              readOnly: true
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: config
          configMap:
            name: ${a.name}-config
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    app.kubernetes.io/name: ${a.name}
      tolerations:
        - key: dedicated
          operator: Equal
          value: ${a.team}
          effect: NoSchedule
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${a.name}
  strategy:
    canary:
      canaryService: ${a.name}-canary
      ${m === 'stable-service-case' ? 'stableservice' : 'stableService'}: ${a.name}-stable
      maxSurge: "25%"
      maxUnavailable: 0
${routing}      analysis:
        templates:
          - templateName: ${tpl}
        startingStep: 2
        args:
${bgArgs}      steps:
        - setWeight: ${m === 'setweight-over-100' ? 120 : a.firstWeight}
        - pause:
            duration: 2m
        - setWeight: 20
        - analysis:
            templates:
              - templateName: ${stepTpl}
            args:
              - name: service-name
                value: ${a.name}-canary.${a.namespace}.svc.cluster.local
              - name: namespace
                value: ${a.namespace}
        - setWeight: ${a.laterWeight}
        - pause:
            duration: ${a.longPause}
        - setWeight: 80
        - pause:
            duration: 10m
`;
}

function analysisTemplateYaml(a) {
  const dup = a.mistake === 'duplicate-key' ? `      interval: 30s\n` : '';
  return `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${a.name}-success-rate
  namespace: ${a.namespace}
  labels:
    app.kubernetes.io/part-of: ${a.team}
spec:
  args:
    - name: service-name
    - name: namespace
    - name: prometheus-address
      value: http://prometheus.monitoring.svc.cluster.local:9090
  metrics:
    - name: success-rate
      interval: 1m
${dup}      count: ${a.count}
      successCondition: len(result) > 0 && result[0] >= ${a.successRate}
      failureLimit: ${a.failureLimit}
      provider:
        prometheus:
          address: "{{args.prometheus-address}}"
          query: |
            sum(rate(http_requests_total{service="{{args.service-name}}",namespace="{{args.namespace}}",code!~"5.."}[2m]))
            /
            sum(rate(http_requests_total{service="{{args.service-name}}",namespace="{{args.namespace}}"}[2m]))
    - name: p95-latency
      interval: 1m
      count: ${a.count}
      successCondition: len(result) > 0 && result[0] <= ${a.latency}
      failureLimit: 1
      provider:
        prometheus:
          address: "{{args.prometheus-address}}"
          query: |
            histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{service="{{args.service-name}}",namespace="{{args.namespace}}"}[2m])) by (le))
    - name: pod-restarts
      interval: 2m
      count: ${Math.max(4, a.count - 2)}
      successCondition: len(result) == 0 || result[0] < 1
      failureLimit: 0
      provider:
        prometheus:
          address: "{{args.prometheus-address}}"
          query: |
            sum(increase(kube_pod_container_status_restarts_total{namespace="{{args.namespace}}",pod=~"${a.name}-.*"}[5m]))
    # the SLO service is the source of truth for the error budget of ${a.team}
    - name: error-budget
      interval: 5m
      count: 2
      successCondition: result.remaining > 0.1
      failureLimit: 0
      provider:
        web:
          url: "https://slo.${a.region}.example.com/api/v1/budgets/{{args.namespace}}/{{args.service-name}}"
          timeoutSeconds: 15
          headers:
            - key: Accept
              value: application/json
          jsonPath: "{$.data}"
`;
}

function serviceYaml(a, role) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${a.name}-${role}
  namespace: ${a.namespace}
  labels:
    app.kubernetes.io/name: ${a.name}
    app.kubernetes.io/component: ${role}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${a.name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;
}

function routingYaml(a) {
  if (a.router === 'nginx') {
    return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${a.name}
  namespace: ${a.namespace}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  rules:
    - host: ${a.name}.${a.region}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${a.name}-stable
                port:
                  name: http
`;
  }
  return `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: ${a.name}
  namespace: ${a.namespace}
spec:
  hosts:
    - ${a.name}.${a.region}.example.com
  gateways:
    - istio-system/public-gateway
  http:
    - name: primary
      route:
        - destination:
            host: ${a.name}-stable
          weight: 100
        - destination:
            host: ${a.name}-canary
          weight: 0
`;
}

function fleetYaml(a) {
  const bad = a.mistake === 'fleet-bad-intstr';
  return `# Fleet bundle for ${a.name}
defaultNamespace: ${a.namespace}
labels:
  team: ${a.team}
  app: ${a.name}
namespaceLabels:
  istio-injection: ${a.router === 'istio' ? 'enabled' : 'disabled'}
rolloutStrategy:
  maxUnavailable: 10%
  maxUnavailablePartitions: 1
  # disjoint partitions that together take every cluster (NotIn also takes unlabelled ones)
  partitions:
    - name: canary-sites
      maxUnavailable: 1
      clusterSelector:
        matchLabels:
          rollout-wave: canary
    - name: wave-1
      maxUnavailable: ${bad ? '10 percent' : '10%'}
      clusterSelector:
        matchExpressions:
          - key: rollout-wave
            operator: In
            values: [wave-1]
    - name: the-rest
      maxUnavailable: 25%
      clusterSelector:
        matchExpressions:
          - key: rollout-wave
            operator: NotIn
            values: [canary, wave-1]
targetCustomizations:
  - name: staging
    clusterSelector:
      matchLabels:
        env: staging
    yaml:
      overlays:
        - staging
  - name: production-${a.region}
    clusterGroup: ${a.region}-production
    yaml:
      overlays:
        - production
  - name: lab
    clusterGroup: lab
    doNotDeploy: true
`;
}

function clusterGroupsYaml() {
  const group = (name, labels) => `apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata:
  name: ${name}
  namespace: fleet-default
spec:
  selector:
    matchLabels:
${Object.entries(labels).map(([k, v]) => `      ${k}: ${v}\n`).join('')}`;
  return [
    ...REGIONS.map((r) => group(`${r}-production`, { env: 'production', region: r })),
    group('lab', { env: 'lab' }),
  ].join('---\n');
}

// ---------------------------------------------------------------------------

function lineCol(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/**
 * @param {{n: number, layout: 'single'|'many', seed?: number}} opts
 * @returns {{files: {rel: string, text: string}[], docs: number, bytes: number,
 *            edit: {rel: string, line: number, character: number, from: string, to: string},
 *            mistakes: {app: string, kind: string, who: string,
 *                       where: {rel?: string, prefix?: string, startLine?: number, endLine?: number}}[]}}
 */
export function generateWorkspace({ n, layout, seed = DEFAULT_SEED }) {
  const r = prng(seed ^ (n * 2654435761) ^ (layout === 'many' ? 0x5bd1e995 : 0));
  const perApp = layout === 'single' ? 5 : 6;
  const appCount = Math.max(1, layout === 'single' ? Math.ceil(n / perApp) : Math.round(n / perApp));
  const apps = [];
  for (let i = 0; i < appCount; i++) apps.push(makeApp(r, i));

  const docs = appCount * perApp;
  const editApp = Math.min(appCount - 1, Math.floor(Math.floor(docs / 2) / perApp));
  const kinds = Object.keys(MISTAKES).filter((k) => MISTAKES[k].layouts.includes(layout));
  const want = Math.min(appCount - 1 || 1, Math.max(1, Math.round(docs * 0.01)));
  const candidates = apps.map((a) => a.index).filter((i) => i !== editApp || appCount === 1);
  const first = r.int(0, kinds.length - 1); // small workspaces get different kinds of mistake
  for (let k = 0; k < want && candidates.length; k++) {
    const idx = candidates.splice(r.int(0, candidates.length - 1), 1)[0];
    apps[idx].mistake = kinds[(first + k) % kinds.length];
  }

  const files = [];
  let edit;
  const findEdit = (rel, text, from) => {
    const off = text.indexOf('- setWeight: 20\n', from);
    const pos = lineCol(text, off + '- setWeight: '.length);
    return { rel, ...pos, from: '20', to: '30' };
  };
  if (layout === 'single') {
    const parts = [];
    let length = 0;
    let editOffset = -1;
    let line = 0;
    for (const a of apps) {
      const firstLine = line;
      const docsOfApp = [rolloutYaml(a), analysisTemplateYaml(a), serviceYaml(a, 'stable'), serviceYaml(a, 'canary'), routingYaml(a)];
      for (const d of docsOfApp) {
        const piece = (parts.length ? '---\n' : '') + d;
        if (a.index === editApp && editOffset < 0) editOffset = length;
        parts.push(piece);
        length += piece.length;
        for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) line++;
      }
      // lines [firstLine, line) hold this app's documents (0-based, as in LSP ranges)
      a.where = { rel: 'manifests.yaml', startLine: firstLine, endLine: line };
    }
    const text = parts.join('');
    files.push({ rel: 'manifests.yaml', text });
    edit = findEdit('manifests.yaml', text, editOffset);
  } else {
    files.push({ rel: 'fleet-config/cluster-groups.yaml', text: clusterGroupsYaml() });
    for (const a of apps) {
      const dir = `apps/${a.name}`;
      a.where = { prefix: `${dir}/` };
      files.push({ rel: `${dir}/fleet.yaml`, text: fleetYaml(a) });
      files.push({ rel: `${dir}/rollout.yaml`, text: rolloutYaml(a) });
      files.push({ rel: `${dir}/analysis-template.yaml`, text: analysisTemplateYaml(a) });
      files.push({ rel: `${dir}/services.yaml`, text: `${serviceYaml(a, 'stable')}---\n${serviceYaml(a, 'canary')}` });
      files.push({ rel: `${dir}/routing.yaml`, text: routingYaml(a) });
      if (a.index === editApp) edit = findEdit(`${dir}/rollout.yaml`, files[files.length - 4].text, 0);
    }
  }
  const mistakes = apps
    .filter((a) => a.mistake)
    .map((a) => ({ app: a.name, kind: a.mistake, who: MISTAKES[a.mistake].who, where: a.where }));
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const shared = layout === 'many' ? REGIONS.length + 1 : 0; // the ClusterGroups
  return { files, docs: docs + shared, bytes, edit, mistakes, layout, n };
}

/**
 * Writes the workspace under `dir` plus `<dir>.manifest.json` describing it. When the manifest
 * says the same content is already there, nothing is rewritten (others may be reading it).
 */
export function writeWorkspace(dir, ws) {
  const hash = createHash('sha256');
  for (const f of ws.files) hash.update(f.rel).update('\0').update(f.text).update('\0');
  const digest = hash.digest('hex');
  const manifestPath = path.join(dir, '..', `${path.basename(dir)}.manifest.json`);
  try {
    const old = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    if (old.sha256 === digest && ws.files.every((f) => fs.existsSync(path.join(dir, f.rel)))) return false;
  } catch {
    /* no usable manifest: write */
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const made = new Set();
  for (const f of ws.files) {
    const p = path.join(dir, f.rel);
    const d = path.dirname(p);
    if (!made.has(d)) {
      fs.mkdirSync(d, { recursive: true });
      made.add(d);
    }
    fs.writeFileSync(p, f.text);
  }
  const { files, ...meta } = ws;
  fs.writeFileSync(manifestPath, JSON.stringify({ ...meta, fileCount: files.length, sha256: digest }, null, 2));
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 100);
  const layout = process.argv[3] ?? 'single';
  const t = performance.now();
  const ws = generateWorkspace({ n, layout });
  console.log(
    JSON.stringify(
      {
        n,
        layout,
        docs: ws.docs,
        files: ws.files.length,
        bytes: ws.bytes,
        edit: ws.edit,
        mistakes: ws.mistakes,
        ms: Math.round(performance.now() - t),
      },
      null,
      2,
    ),
  );
}
