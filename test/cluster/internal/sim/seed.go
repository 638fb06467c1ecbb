package sim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"sigs.k8s.io/yaml"
)

// GVRs used by the seeds and tests.
var (
	RolloutGVR               = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "rollouts"}
	AnalysisTemplateGVR      = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "analysistemplates"}
	AnalysisRunGVR           = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "analysisruns"}
	ApplicationSetGVR        = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applicationsets"}
	ServiceGVR               = schema.GroupVersionResource{Version: "v1", Resource: "services"}
	DeploymentGVR            = schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	NamespaceGVR             = schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}
	FleetClusterGVR          = schema.GroupVersionResource{Group: "fleet.cattle.io", Version: "v1alpha1", Resource: "clusters"}
	FleetClusterGroupGVR     = schema.GroupVersionResource{Group: "fleet.cattle.io", Version: "v1alpha1", Resource: "clustergroups"}
	FleetGitRepoGVR          = schema.GroupVersionResource{Group: "fleet.cattle.io", Version: "v1alpha1", Resource: "gitrepos"}
	FleetBundleGVR           = schema.GroupVersionResource{Group: "fleet.cattle.io", Version: "v1alpha1", Resource: "bundles"}
	FleetBundleDeploymentGVR = schema.GroupVersionResource{Group: "fleet.cattle.io", Version: "v1alpha1", Resource: "bundledeployments"}
)

var kindGVR = map[string]schema.GroupVersionResource{
	"Rollout":          RolloutGVR,
	"AnalysisTemplate": AnalysisTemplateGVR,
	"Service":          ServiceGVR,
	"Deployment":       DeploymentGVR,
	"Namespace":        NamespaceGVR,
	"ApplicationSet":   ApplicationSetGVR,
	"Cluster":          FleetClusterGVR,
	"ClusterGroup":     FleetClusterGroupGVR,
	"GitRepo":          FleetGitRepoGVR,
	"Bundle":           FleetBundleGVR,
	"BundleDeployment": FleetBundleDeploymentGVR,
}

// ApplyYAML creates every document of a multi-document YAML string (objects
// that exist are updated). A document's "status" is then written through the
// status subresource when the kind has one.
func ApplyYAML(ctx context.Context, dyn dynamic.Interface, doc string) error {
	for _, part := range strings.Split(doc, "\n---\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		u := &unstructured.Unstructured{}
		if err := yaml.Unmarshal([]byte(part), &u.Object); err != nil {
			return fmt.Errorf("seed yaml: %w\n%s", err, part)
		}
		if _, err := ApplyObject(ctx, dyn, u); err != nil {
			return err
		}
	}
	return nil
}

// ApplyObject creates (or updates) u and then writes its status, if any.
func ApplyObject(ctx context.Context, dyn dynamic.Interface, u *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	gvr, ok := kindGVR[u.GetKind()]
	if !ok {
		return nil, fmt.Errorf("seed: unknown kind %s", u.GetKind())
	}
	status, hasStatus := u.Object["status"]
	var ri dynamic.ResourceInterface = dyn.Resource(gvr)
	if ns := u.GetNamespace(); ns != "" {
		ri = dyn.Resource(gvr).Namespace(ns)
	}
	out, err := ri.Create(ctx, u, metav1.CreateOptions{FieldManager: "fleetsim-seed"})
	if apierrors.IsAlreadyExists(err) {
		cur, gerr := ri.Get(ctx, u.GetName(), metav1.GetOptions{})
		if gerr != nil {
			return nil, gerr
		}
		u.SetResourceVersion(cur.GetResourceVersion())
		out, err = ri.Update(ctx, u, metav1.UpdateOptions{FieldManager: "fleetsim-seed"})
	}
	if err != nil {
		return nil, fmt.Errorf("seed %s %s/%s: %w", u.GetKind(), u.GetNamespace(), u.GetName(), err)
	}
	if hasStatus && gvr.Group == "fleet.cattle.io" || hasStatus && gvr == ApplicationSetGVR {
		out.Object["status"] = status
		out, err = ri.UpdateStatus(ctx, out, metav1.UpdateOptions{FieldManager: "fleetsim-seed"})
		if err != nil {
			return nil, fmt.Errorf("seed status %s %s/%s: %w", u.GetKind(), u.GetNamespace(), u.GetName(), err)
		}
	}
	return out, nil
}

// WaitRollout polls a Rollout until cond is true.
func WaitRollout(ctx context.Context, dyn dynamic.Interface, ns, name string, timeout time.Duration, what string, cond func(*unstructured.Unstructured) bool) (*unstructured.Unstructured, error) {
	deadline := time.Now().Add(timeout)
	var last *unstructured.Unstructured
	for {
		u, err := dyn.Resource(RolloutGVR).Namespace(ns).Get(ctx, name, metav1.GetOptions{})
		if err == nil {
			last = u
			if cond(u) {
				return u, nil
			}
		}
		if time.Now().After(deadline) {
			st := ""
			if last != nil {
				s, _, _ := unstructured.NestedMap(last.Object, "status")
				b, _ := yaml.Marshal(s)
				st = string(b)
			}
			return last, fmt.Errorf("rollout %s/%s: not %s after %s (err=%v); status:\n%s", ns, name, what, timeout, err, st)
		}
		select {
		case <-ctx.Done():
			return last, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// RolloutPhase returns status.phase.
func RolloutPhase(u *unstructured.Unstructured) string {
	p, _, _ := unstructured.NestedString(u.Object, "status", "phase")
	return p
}

// RolloutStep returns status.currentStepIndex (-1 when unset).
func RolloutStep(u *unstructured.Unstructured) int64 {
	i, ok, _ := unstructured.NestedInt64(u.Object, "status", "currentStepIndex")
	if !ok {
		return -1
	}
	return i
}

func isHealthy(u *unstructured.Unstructured) bool {
	g, _, _ := unstructured.NestedInt64(u.Object, "metadata", "generation")
	og, _, _ := unstructured.NestedString(u.Object, "status", "observedGeneration")
	return RolloutPhase(u) == "Healthy" && og == fmt.Sprint(g)
}

// ---------------------------------------------------------------- workload seeds

type demoRollout struct {
	cluster, ns, name, team string
	replicas                int
	steps                   string // YAML list items, indented 6 spaces
	analysis                string // optional background analysis block (indented 6)
	image1, image2          string
	update                  bool
	want                    string // description of the target state
	check                   func(*unstructured.Unstructured) bool
}

func analysisTemplates(ns, metricsURL string) string {
	return fmt.Sprintf(`apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: error-rate
  namespace: %[1]s
spec:
  args:
  - name: service-name
  metrics:
  - name: error-rate
    interval: 5s
    count: 3
    failureLimit: 0
    successCondition: result[0] <= 0.05
    provider:
      prometheus:
        address: %[2]s
        query: |
          sum(rate(http_requests_total{service="{{args.service-name}}",code=~"5.."}[2m])) / sum(rate(http_requests_total{service="{{args.service-name}}"}[2m]))
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
  namespace: %[1]s
spec:
  args:
  - name: service-name
  metrics:
  - name: success-rate
    interval: 30s
    successCondition: result[0] >= 0.95
    failureLimit: 3
    provider:
      prometheus:
        address: %[2]s
        query: |
          sum(rate(http_requests_total{service="{{args.service-name}}",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="{{args.service-name}}"}[2m]))
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: latency-p99
  namespace: %[1]s
spec:
  args:
  - name: service-name
  metrics:
  - name: latency-p99
    interval: 10s
    count: 3
    successCondition: result[0] < 0.5
    inconclusiveLimit: 1
    provider:
      prometheus:
        address: %[2]s
        query: |
          histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{service="{{args.service-name}}"}[2m])) by (le))
`, ns, metricsURL)
}

func (r demoRollout) yaml(image string) string {
	analysis := ""
	if r.analysis != "" {
		analysis = r.analysis
	}
	return fmt.Sprintf(`apiVersion: v1
kind: Service
metadata:
  name: %[2]s-stable
  namespace: %[1]s
  labels: {app.kubernetes.io/name: %[2]s}
spec:
  selector: {app.kubernetes.io/name: %[2]s}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: %[2]s-canary
  namespace: %[1]s
  labels: {app.kubernetes.io/name: %[2]s}
spec:
  selector: {app.kubernetes.io/name: %[2]s}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: %[2]s
  namespace: %[1]s
  labels:
    app.kubernetes.io/name: %[2]s
    app.kubernetes.io/part-of: %[3]s
    team: %[3]s
  annotations:
    fleetsim.dev/seed: demo
spec:
  replicas: %[4]d
  revisionHistoryLimit: 3
  selector:
    matchLabels: {app.kubernetes.io/name: %[2]s}
  template:
    metadata:
      labels: {app.kubernetes.io/name: %[2]s, team: %[3]s}
    spec:
      containers:
      - name: app
        image: %[5]s
        ports: [{name: http, containerPort: 8080}]
        resources:
          requests: {cpu: 50m, memory: 64Mi}
  strategy:
    canary:
      stableService: %[2]s-stable
      canaryService: %[2]s-canary
%[7]s      steps:
%[6]s`, r.ns, r.name, r.team, r.replicas, image, r.steps, analysis)
}

func demoRollouts() []demoRollout {
	pausedAt := func(step int64, indefinite bool) func(*unstructured.Unstructured) bool {
		return func(u *unstructured.Unstructured) bool {
			pcs, _, _ := unstructured.NestedSlice(u.Object, "status", "pauseConditions")
			if RolloutPhase(u) != "Paused" || RolloutStep(u) != step || len(pcs) == 0 {
				return false
			}
			_, ctrlPause, _ := unstructured.NestedBool(u.Object, "status", "controllerPause")
			return !indefinite || ctrlPause
		}
	}
	return []demoRollout{
		{
			cluster: "edge-eu-1", ns: "payments", name: "checkout-api", team: "payments", replicas: 5,
			image1: "registry.example.com/payments/checkout-api:1.14.2", image2: "registry.example.com/payments/checkout-api:1.15.0",
			steps: `      - setWeight: 20
      - pause: {duration: 24h}
      - setWeight: 50
      - pause: {duration: 1h}
      - setWeight: 80
      - pause: {duration: 30m}
`,
			update: true, want: "mid-canary (timed pause at step 1)", check: pausedAt(1, false),
		},
		{
			cluster: "edge-eu-1", ns: "payments", name: "payment-gateway", team: "payments", replicas: 4,
			image1: "registry.example.com/payments/payment-gateway:3.7.1", image2: "registry.example.com/payments/payment-gateway:3.8.0",
			steps: `      - setWeight: 25
      - pause: {}
      - setWeight: 75
      - pause: {duration: 10m}
`,
			update: true, want: "paused waiting for promotion (pause {})", check: pausedAt(1, true),
		},
		{
			cluster: "edge-eu-1", ns: "shop", name: "cart", team: "shop", replicas: 4,
			image1: "registry.example.com/shop/cart:2.3.0", image2: "registry.example.com/shop/cart:2.4.0",
			steps: `      - setWeight: 25
      - analysis:
          templates:
          - templateName: error-rate
          args:
          - name: service-name
            value: cart
      - setWeight: 50
      - pause: {duration: 5m}
`,
			update: true, want: "Degraded (aborted by a failed analysis)",
			check: func(u *unstructured.Unstructured) bool {
				aborted, _, _ := unstructured.NestedBool(u.Object, "status", "abort")
				return aborted && RolloutPhase(u) == "Degraded"
			},
		},
		{
			cluster: "edge-us-1", ns: "shop", name: "storefront", team: "shop", replicas: 6,
			image1: "registry.example.com/shop/storefront:5.1.4", image2: "registry.example.com/shop/storefront:5.2.0",
			analysis: `      analysis:
        startingStep: 1
        templates:
        - templateName: success-rate
        args:
        - name: service-name
          value: storefront
`,
			steps: `      - setWeight: 10
      - pause: {duration: 2h}
      - setWeight: 30
      - pause: {duration: 2h}
      - setWeight: 60
      - pause: {duration: 1h}
`,
			update: true, want: "mid-canary with a running background analysis", check: pausedAt(1, false),
		},
		{
			cluster: "edge-us-1", ns: "payments", name: "ledger", team: "payments", replicas: 3,
			image1: "registry.example.com/payments/ledger:0.9.12",
			steps: `      - setWeight: 50
      - pause: {}
`,
			update: false, want: "Healthy", check: isHealthy,
		},
		{
			cluster: "edge-us-1", ns: "shop", name: "search", team: "shop", replicas: 3,
			image1: "registry.example.com/shop/search:4.0.1", image2: "registry.example.com/shop/search:4.1.0",
			steps: `      - setWeight: 34
      - pause: {}
      - setWeight: 67
      - pause: {}
`,
			update: true, want: "paused waiting for promotion (pause {})", check: pausedAt(1, true),
		},
	}
}

// SeedDemo creates the demo data set: on the workload clusters a few Rollouts
// mid-canary, one paused for promotion, one degraded by a failed analysis
// (the fake Prometheus is scripted to fail for it), with their Services and
// AnalysisTemplates; on the hub Fleet Clusters, ClusterGroups, a GitRepo with
// Bundles rolling through partitions and their BundleDeployments, and an
// ApplicationSet with RollingSync.
func SeedDemo(ctx context.Context, env *Env) error {
	m := env.Metrics
	m.Set(MetricScript{Match: `code=~"5.."`, Value: "0.004"})
	m.Set(MetricScript{Match: `service="cart",code=~"5.."`, Value: "0.137"})
	m.Set(MetricScript{Match: `code!~"5.."`, Value: "0.996"})
	m.Set(MetricScript{Match: `http_request_duration_seconds_bucket`, Value: "0.182"})

	dyns := map[string]dynamic.Interface{}
	for _, c := range env.Clusters {
		cfg, err := env.RestConfig(c.Name)
		if err != nil {
			return err
		}
		d, err := dynamic.NewForConfig(cfg)
		if err != nil {
			return err
		}
		dyns[c.Name] = d
	}
	rollouts := demoRollouts()
	for _, c := range env.Clusters {
		if c.Role != "workload" {
			continue
		}
		for _, ns := range []string{"payments", "shop"} {
			if err := ApplyYAML(ctx, dyns[c.Name], analysisTemplates(ns, m.URL)); err != nil {
				return err
			}
		}
	}
	var ours []demoRollout
	for _, r := range rollouts {
		if _, ok := dyns[r.cluster]; ok {
			ours = append(ours, r)
		}
	}
	for _, r := range ours {
		if err := ApplyYAML(ctx, dyns[r.cluster], r.yaml(r.image1)); err != nil {
			return err
		}
	}
	// A plain Deployment too (kube-controller-manager's deployment controller).
	for _, c := range env.Clusters {
		if c.Role == "workload" {
			if err := ApplyYAML(ctx, dyns[c.Name], fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: edge-proxy
  namespace: shop
  labels: {app.kubernetes.io/name: edge-proxy}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: edge-proxy}
  template:
    metadata:
      labels: {app.kubernetes.io/name: edge-proxy}
    spec:
      containers:
      - name: envoy
        image: registry.example.com/infra/edge-proxy:1.31.2
        env: [{name: CLUSTER, value: %s}]
`, c.Name)); err != nil {
				return err
			}
		}
	}
	for _, r := range ours {
		if _, err := WaitRollout(ctx, dyns[r.cluster], r.ns, r.name, 90*time.Second, "Healthy", isHealthy); err != nil {
			return err
		}
	}
	for _, r := range ours {
		if !r.update {
			continue
		}
		patch := fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":"app","image":%q}]}}}}`, r.image2)
		if _, err := dyns[r.cluster].Resource(RolloutGVR).Namespace(r.ns).Patch(ctx, r.name, types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
			return fmt.Errorf("update %s/%s: %w", r.ns, r.name, err)
		}
	}
	for _, r := range ours {
		if _, err := WaitRollout(ctx, dyns[r.cluster], r.ns, r.name, 120*time.Second, r.want, r.check); err != nil {
			return err
		}
	}
	if hub := env.Cluster(env.Opts.HubCluster); hub != nil {
		if err := SeedHub(ctx, dyns[hub.Name], env.Opts.HubClusters, env.Opts.EdgeClusters); err != nil {
			return err
		}
	}
	return nil
}

func shortHash(s string, n int) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:n]
}
