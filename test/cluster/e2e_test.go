package cluster_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"fleetrollouts/testcluster/internal/sim"
)

// The e2e tests start the real environment once: the test binary re-executes
// itself (FLEETSIM_CHILD=1) as the apiserver and controllers child processes.
func TestMain(m *testing.M) {
	if os.Getenv("FLEETSIM_CHILD") == "1" {
		os.Exit(sim.Main(os.Args[1:]))
	}
	code := m.Run()
	stopEnv()
	os.Exit(code)
}

var (
	envOnce sync.Once
	envErr  error
	theEnv  *sim.Env
	envDir  string
)

func getEnv(t *testing.T) *sim.Env {
	t.Helper()
	if testing.Short() {
		t.Skip("e2e: skipped with -short")
	}
	envOnce.Do(func() {
		envDir, envErr = os.MkdirTemp("", "fleetsim-e2e-")
		if envErr != nil {
			return
		}
		exe, err := os.Executable()
		if err != nil {
			envErr = err
			return
		}
		start := time.Now()
		theEnv, envErr = sim.Start(context.Background(), sim.Options{
			Dir:           envDir,
			HubClusters:   40,
			PodReadyDelay: 500 * time.Millisecond,
			Exe:           exe,
			ExtraEnv:      []string{"FLEETSIM_CHILD=1"},
			Log:           os.Stderr,
		})
		if envErr == nil {
			fmt.Fprintf(os.Stderr, "e2e: environment ready in %.1fs (dir %s)\n", time.Since(start).Seconds(), envDir)
		}
	})
	if envErr != nil {
		t.Fatalf("start environment: %v (logs in %s/logs)", envErr, envDir)
	}
	return theEnv
}

func stopEnv() {
	if theEnv != nil {
		theEnv.Stop()
	}
	if envDir != "" && os.Getenv("FLEETSIM_KEEP") == "" {
		os.RemoveAll(envDir)
	}
}

func clients(t *testing.T, env *sim.Env, cluster string) (kubernetes.Interface, dynamic.Interface) {
	t.Helper()
	cfg, err := env.RestConfig(cluster)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return k, d
}

func mkNamespace(t *testing.T, k kubernetes.Interface, name string) {
	t.Helper()
	_, err := k.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
}

func rolloutYAML(ns, name, image, steps string) string {
	return fmt.Sprintf(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: %[2]s
  namespace: %[1]s
spec:
  replicas: 5
  selector:
    matchLabels: {app: %[2]s}
  template:
    metadata:
      labels: {app: %[2]s}
    spec:
      containers:
      - name: app
        image: %[3]s
  strategy:
    canary:
      steps:
%[4]s`, ns, name, image, steps)
}

func setImage(t *testing.T, d dynamic.Interface, ns, name, image string) {
	t.Helper()
	patch := fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":"app","image":%q}]}}}}`, image)
	if _, err := d.Resource(sim.RolloutGVR).Namespace(ns).Patch(context.Background(), name, types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
}

func healthy(u *unstructured.Unstructured) bool {
	g := u.GetGeneration()
	og, _, _ := unstructured.NestedString(u.Object, "status", "observedGeneration")
	return sim.RolloutPhase(u) == "Healthy" && og == fmt.Sprint(g)
}

func waitRollout(t *testing.T, d dynamic.Interface, ns, name, what string, timeout time.Duration, cond func(*unstructured.Unstructured) bool) *unstructured.Unstructured {
	t.Helper()
	start := time.Now()
	u, err := sim.WaitRollout(context.Background(), d, ns, name, timeout, what, cond)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s/%s %s after %.1fs", ns, name, what, time.Since(start).Seconds())
	return u
}

// The scenario of the issue: canary with setWeight 20, pause {}, setWeight 60,
// pause 2s. A new Rollout is deployed at once (Argo skips the steps for the
// first revision), so the test updates the image; the controller takes the
// update to the first pause; the test promotes it with the plugin's exact
// patch and the controller finishes it.
func TestCanaryPauseAndPromote(t *testing.T) {
	env := getEnv(t)
	t.Parallel()
	k, d := clients(t, env, "edge-eu-1")
	ns, name := "e2e-promote", "checkout"
	mkNamespace(t, k, ns)
	steps := `      - setWeight: 20
      - pause: {}
      - setWeight: 60
      - pause: {duration: 2s}
`
	if err := sim.ApplyYAML(context.Background(), d, rolloutYAML(ns, name, "registry.example.com/checkout:1.0.0", steps)); err != nil {
		t.Fatal(err)
	}
	waitRollout(t, d, ns, name, "Healthy (first revision)", 60*time.Second, healthy)

	setImage(t, d, ns, name, "registry.example.com/checkout:1.1.0")
	u := waitRollout(t, d, ns, name, "at its first pause", 60*time.Second, func(u *unstructured.Unstructured) bool {
		pcs, _, _ := unstructured.NestedSlice(u.Object, "status", "pauseConditions")
		return len(pcs) > 0 && sim.RolloutStep(u) == 1
	})
	pcs, _, _ := unstructured.NestedSlice(u.Object, "status", "pauseConditions")
	if reason := pcs[0].(map[string]any)["reason"]; reason != "CanaryPauseStep" {
		t.Fatalf("pause reason = %v, want CanaryPauseStep", reason)
	}
	if p := sim.RolloutPhase(u); p != "Paused" {
		t.Fatalf("phase = %q, want Paused", p)
	}
	if cp, _, _ := unstructured.NestedBool(u.Object, "status", "controllerPause"); !cp {
		t.Fatalf("status.controllerPause not set")
	}
	// 20% of 5 replicas run the new version.
	rsList, err := k.AppsV1().ReplicaSets(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hash, _, _ := unstructured.NestedString(u.Object, "status", "currentPodHash")
	for _, rs := range rsList.Items {
		if rs.Labels["rollouts-pod-template-hash"] == hash && *rs.Spec.Replicas != 1 {
			t.Fatalf("canary ReplicaSet %s has %d replicas, want 1", rs.Name, *rs.Spec.Replicas)
		}
	}

	// Promote exactly like the plugin: merge patch on the status subresource.
	_, err = d.Resource(sim.RolloutGVR).Namespace(ns).Patch(context.Background(), name, types.MergePatchType,
		[]byte(`{"status":{"pauseConditions":null}}`), metav1.PatchOptions{}, "status")
	if err != nil {
		t.Fatal(err)
	}
	u = waitRollout(t, d, ns, name, "Healthy after promotion", 60*time.Second, func(u *unstructured.Unstructured) bool {
		stable, _, _ := unstructured.NestedString(u.Object, "status", "stableRS")
		return healthy(u) && sim.RolloutStep(u) == 4 && stable == hash
	})
	if r, _, _ := unstructured.NestedInt64(u.Object, "status", "availableReplicas"); r != 5 {
		t.Fatalf("availableReplicas = %d, want 5", r)
	}
}

func analysisTemplateYAML(ns, name, metricsURL, service, extra string) string {
	return fmt.Sprintf(`apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: %[2]s
  namespace: %[1]s
spec:
  args:
  - name: service
  metrics:
  - name: error-rate
    interval: 2s
    count: 2
    failureLimit: 0
    successCondition: result[0] < 0.05
%[5]s    provider:
      prometheus:
        address: %[3]s
        query: fleetsim_e2e_error_rate{service="{{args.service}}"}
`, ns, name, metricsURL, service, extra)
}

func putScript(t *testing.T, metricsURL, match, value string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"match": match, "value": value})
	req, _ := http.NewRequest(http.MethodPut, metricsURL+"/script", bytes.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("PUT /script: %s", resp.Status)
	}
}

// An AnalysisTemplate whose Prometheus metric is scripted per test makes the
// real analysis controller succeed, fail (the rollout aborts) or go
// inconclusive (the rollout pauses).
func TestAnalysis(t *testing.T) {
	env := getEnv(t)
	k, d := clients(t, env, "edge-eu-1")
	ns := "e2e-analysis"
	mkNamespace(t, k, ns)
	cases := []struct {
		name, value, extra string
		want               string
		check              func(*unstructured.Unstructured) bool
		runPhase           string
	}{
		{name: "fails", value: "0.31", want: "aborted (Degraded)", runPhase: "Failed", check: func(u *unstructured.Unstructured) bool {
			abort, _, _ := unstructured.NestedBool(u.Object, "status", "abort")
			msg, _, _ := unstructured.NestedString(u.Object, "status", "message")
			return abort && sim.RolloutPhase(u) == "Degraded" && strings.Contains(msg, "RolloutAborted")
		}},
		{name: "passes", value: "0.01", want: "Healthy", runPhase: "Successful", check: func(u *unstructured.Unstructured) bool {
			return healthy(u) && sim.RolloutStep(u) == 3
		}},
		{name: "inconclusive", value: "0.1", extra: "    failureCondition: result[0] > 0.2\n", want: "paused (inconclusive)", runPhase: "Inconclusive", check: func(u *unstructured.Unstructured) bool {
			pcs, _, _ := unstructured.NestedSlice(u.Object, "status", "pauseConditions")
			return len(pcs) > 0 && pcs[0].(map[string]any)["reason"] == "InconclusiveAnalysisRun"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			name := "svc-" + c.name
			service := "e2e-" + c.name
			putScript(t, env.Metrics.URL, fmt.Sprintf(`service="%s"`, service), c.value)
			if err := sim.ApplyYAML(context.Background(), d, analysisTemplateYAML(ns, "error-rate-"+c.name, env.Metrics.URL, service, c.extra)); err != nil {
				t.Fatal(err)
			}
			steps := fmt.Sprintf(`      - setWeight: 40
      - analysis:
          templates:
          - templateName: error-rate-%s
          args:
          - name: service
            value: %s
      - setWeight: 100
`, c.name, service)
			if err := sim.ApplyYAML(context.Background(), d, rolloutYAML(ns, name, "registry.example.com/svc:1.0.0", steps)); err != nil {
				t.Fatal(err)
			}
			waitRollout(t, d, ns, name, "Healthy (first revision)", 60*time.Second, healthy)
			setImage(t, d, ns, name, "registry.example.com/svc:2.0.0")
			waitRollout(t, d, ns, name, c.want, 90*time.Second, c.check)
			runs, err := d.Resource(sim.AnalysisRunGVR).Namespace(ns).List(context.Background(), metav1.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range runs.Items {
				if !strings.HasPrefix(r.GetName(), name+"-") {
					continue
				}
				found = true
				phase, _, _ := unstructured.NestedString(r.Object, "status", "phase")
				if phase != c.runPhase {
					t.Fatalf("AnalysisRun %s phase %q, want %q", r.GetName(), phase, c.runPhase)
				}
			}
			if !found {
				t.Fatalf("no AnalysisRun for %s", name)
			}
		})
	}
}

// The demo seed reaches its advertised states; the hub holds the Fleet
// objects; contexts, namespaces and the read-only user behave.
func TestSeedDemoAndHub(t *testing.T) {
	env := getEnv(t)
	t.Parallel()
	ctx := context.Background()
	if err := sim.SeedDemo(ctx, env); err != nil {
		t.Fatal(err)
	}
	// kubeconfig: one context per cluster, default namespaces.
	kc, err := clientcmd.LoadFromFile(env.Kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	for name, ns := range map[string]string{"edge-eu-1": "payments", "edge-us-1": "shop", "hub": "fleet-default"} {
		c, ok := kc.Contexts[name]
		if !ok || c.Namespace != ns || c.Cluster != name {
			t.Fatalf("context %s = %+v", name, c)
		}
	}
	_, hub := clients(t, env, "hub")
	cl, err := hub.Resource(sim.FleetClusterGVR).Namespace("fleet-default").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cl.Items) != env.Opts.HubClusters {
		t.Fatalf("%d Fleet clusters, want %d", len(cl.Items), env.Opts.HubClusters)
	}
	offline := 0
	for _, c := range cl.Items {
		for _, l := range []string{"env", "region", "tier", "site"} {
			if c.GetLabels()[l] == "" {
				t.Fatalf("cluster %s lacks label %s", c.GetName(), l)
			}
		}
		ls, _, _ := unstructured.NestedString(c.Object, "status", "agent", "lastSeen")
		if tm, err := time.Parse(time.RFC3339, ls); err == nil && time.Since(tm) > time.Hour {
			offline++
		}
	}
	if offline == 0 {
		t.Fatalf("no offline cluster among %d", len(cl.Items))
	}
	b, err := hub.Resource(sim.FleetBundleGVR).Namespace("fleet-default").Get(ctx, "edge-apps-payments", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	parts, _, _ := unstructured.NestedSlice(b.Object, "status", "partitions")
	specParts, _, _ := unstructured.NestedSlice(b.Object, "spec", "rolloutStrategy", "partitions")
	if len(parts) != 4 || len(specParts) != 4 {
		t.Fatalf("bundle partitions: status %d spec %d", len(parts), len(specParts))
	}
	bds, err := hub.Resource(sim.FleetBundleDeploymentGVR).List(ctx, metav1.ListOptions{LabelSelector: "fleet.cattle.io/bundle-name=edge-apps-payments"})
	if err != nil {
		t.Fatal(err)
	}
	if len(bds.Items) != env.Opts.HubClusters {
		t.Fatalf("%d BundleDeployments, want %d", len(bds.Items), env.Opts.HubClusters)
	}
	if _, err := hub.Resource(sim.ApplicationSetGVR).Namespace("argocd").Get(ctx, "storefront", metav1.GetOptions{}); err != nil {
		t.Fatal(err)
	}

	// Read-only user: can list Rollouts, cannot patch them.
	vcfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
		&clientcmd.ClientConfigLoadingRules{ExplicitPath: env.State.ViewerKubeconfig},
		&clientcmd.ConfigOverrides{CurrentContext: "edge-eu-1"}).ClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	vd, _ := dynamic.NewForConfig(vcfg)
	deadline := time.Now().Add(20 * time.Second)
	for { // the aggregated view role is filled in asynchronously
		_, err = vd.Resource(sim.RolloutGVR).Namespace("payments").List(ctx, metav1.ListOptions{})
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("viewer list rollouts: %v", err)
	}
	_, err = vd.Resource(sim.RolloutGVR).Namespace("payments").Patch(ctx, "payment-gateway", types.MergePatchType,
		[]byte(`{"status":{"pauseConditions":null}}`), metav1.PatchOptions{}, "status")
	if !apierrors.IsForbidden(err) {
		t.Fatalf("viewer promote: err = %v, want Forbidden", err)
	}
}

// The fake Prometheus answers in the real response format.
func TestMetricsServerFormat(t *testing.T) {
	m := sim.NewMetricsServer("0")
	if err := m.Start(0); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	putScript(t, m.URL, "error-rate", "0.01")
	get := func(path string) map[string]any {
		resp, err := http.Get(m.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v: %s", path, err, b)
		}
		return out
	}
	out := get("/api/v1/query?query=my_error-rate_total&time=1700000000")
	data := out["data"].(map[string]any)
	res := data["result"].([]any)[0].(map[string]any)
	val := res["value"].([]any)
	if out["status"] != "success" || data["resultType"] != "vector" || val[0].(float64) != 1700000000 || val[1] != "0.01" {
		t.Fatalf("unexpected response %v", out)
	}
	out = get("/api/v1/query?query=unscripted")
	if v := out["data"].(map[string]any)["result"].([]any)[0].(map[string]any)["value"].([]any)[1]; v != "0" {
		t.Fatalf("default value %v", v)
	}
	out = get("/api/v1/query_range?query=x_error-rate&start=100&end=160&step=15")
	data = out["data"].(map[string]any)
	if data["resultType"] != "matrix" || len(data["result"].([]any)[0].(map[string]any)["values"].([]any)) != 5 {
		t.Fatalf("unexpected range response %v", out)
	}
	// POST form like the Prometheus Go client.
	resp, err := http.Post(m.URL+"/api/v1/query", "application/x-www-form-urlencoded", strings.NewReader("query=a_error-rate_b"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"0.01"`) {
		t.Fatalf("POST query: %s", b)
	}
}
