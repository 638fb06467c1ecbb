package sim

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
)

// Hub seed: Fleet objects with the status the Fleet controller and agents
// would have written (see shared/docs/semantics/fleet-argocd.md §2.4-2.6, §4),
// computed here since the Fleet controller itself does not run.

var hubRegions = []string{"eu-west", "eu-central", "us-east", "us-west", "ap-south"}

type fleetCluster struct {
	Name      string
	Labels    map[string]string
	Namespace string // status.namespace (where its BundleDeployments live)
	Offline   bool
	LastSeen  time.Time
}

// FleetClusters returns the n hub Cluster objects of the demo: the real
// workload clusters first, then generated sites. Every 12th generated cluster
// (index%12 == 4) is offline (status.agent.lastSeen hours in the past).
func FleetClusters(n int, real []string, now time.Time) []fleetCluster {
	var out []fleetCluster
	for i := 0; i < n; i++ {
		var name, region string
		if i < len(real) {
			name = real[i]
			region = "eu-west"
			if strings.Contains(name, "-us-") {
				region = "us-east"
			} else if strings.Contains(name, "-ap-") {
				region = "ap-south"
			}
		} else {
			region = hubRegions[(i-len(real))%len(hubRegions)]
			name = fmt.Sprintf("store-%s-%03d", region, i)
		}
		env := "prod"
		if i >= len(real) && i%7 == 3 {
			env = "staging"
		}
		tier := "standard"
		switch {
		case i < len(real) || i%10 == 0:
			tier = "canary"
		case i%4 == 1:
			tier = "critical"
		}
		offline := i >= len(real) && i%12 == 4
		lastSeen := now.Add(-time.Duration(5+i%50) * time.Second)
		if offline {
			lastSeen = now.Add(-time.Duration(3+i%20) * time.Hour)
		}
		out = append(out, fleetCluster{
			Name: name,
			Labels: map[string]string{
				"env":    env,
				"region": region,
				"tier":   tier,
				"site":   fmt.Sprintf("site-%04d", 1001+i),
				"management.cattle.io/cluster-display-name": name,
			},
			Namespace: fmt.Sprintf("cluster-fleet-default-%s-%s", name, shortHash(name, 12)),
			Offline:   offline,
			LastSeen:  lastSeen,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// limit is Fleet's intstr resolution (fleet-argocd.md §2.2).
func limit(count int, vals ...any) int {
	if count <= 0 {
		return 1
	}
	var v any = "100%"
	for _, x := range vals {
		if x != nil {
			v = x
			break
		}
	}
	switch t := v.(type) {
	case int:
		if t > count {
			return count
		}
		if t < 0 {
			return 0
		}
		return t
	case string:
		if n, err := strconv.Atoi(t); err == nil && n > 0 {
			return n
		}
		p, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
		if err != nil || p <= 0 {
			return 1
		}
		i := int(float64(count)*p) / 100
		if i <= 0 {
			return 1
		}
		if i > count {
			return count
		}
		return i
	}
	return 1
}

type partitionDef struct {
	Name           string
	Selector       string // label selector string
	MaxUnavailable any
	yaml           string
}

var paymentsPartitions = []partitionDef{
	{Name: "canary", Selector: "tier=canary", MaxUnavailable: 1, yaml: `
    - name: canary
      maxUnavailable: 1
      clusterSelector:
        matchLabels: {tier: canary}`},
	{Name: "europe", Selector: "region in (eu-west,eu-central),tier notin (canary)", MaxUnavailable: "20%", yaml: `
    - name: europe
      maxUnavailable: 20%
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [eu-west, eu-central]}
        - {key: tier, operator: NotIn, values: [canary]}`},
	{Name: "americas", Selector: "region in (us-east,us-west),tier notin (canary)", MaxUnavailable: "20%", yaml: `
    - name: americas
      maxUnavailable: 20%
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [us-east, us-west]}
        - {key: tier, operator: NotIn, values: [canary]}`},
	{Name: "asia-pacific", Selector: "region in (ap-south),tier notin (canary)", MaxUnavailable: nil, yaml: `
    - name: asia-pacific
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [ap-south]}
        - {key: tier, operator: NotIn, values: [canary]}`},
}

// bd is the simulated BundleDeployment of one target.
type bd struct {
	cluster     fleetCluster
	deployID    string
	stagedID    string
	appliedID   string
	ready       bool
	nonReadyMsg string
}

func (b *bd) state() string { // GetDeploymentState (§4.3)
	switch {
	case b.appliedID != b.deployID:
		return "WaitApplied"
	case !b.ready:
		return "NotReady"
	case b.deployID != b.stagedID:
		return "OutOfSync"
	}
	return "Ready"
}

func (b *bd) effectiveState(desired string) string {
	c := *b
	c.deployID = desired
	return c.state()
}

func (b *bd) unavailable() bool { return b.appliedID != b.deployID || !b.ready }

var stateRank = map[string]int{"ErrApplied": 7, "WaitApplied": 6, "Modified": 5, "OutOfSync": 4, "Pending": 3, "NotReady": 2, "Ready": 1}

type summary struct {
	counts map[string]int
	n      int
	nonRdy []map[string]any
}

func newSummary() *summary { return &summary{counts: map[string]int{}} }

func (s *summary) add(clusterNs, cluster, state, msg string) {
	s.n++
	s.counts[state]++
	if state != "Ready" && len(s.nonRdy) < 10 {
		e := map[string]any{"name": clusterNs + "/" + cluster, "bundleState": state}
		if msg != "" {
			e["message"] = msg
		}
		s.nonRdy = append(s.nonRdy, e)
	}
}

func (s *summary) obj() map[string]any {
	o := map[string]any{"ready": int64(s.counts["Ready"]), "desiredReady": int64(s.n)}
	for st, key := range map[string]string{"NotReady": "notReady", "WaitApplied": "waitApplied", "ErrApplied": "errApplied", "OutOfSync": "outOfSync", "Modified": "modified", "Pending": "pending"} {
		if s.counts[st] > 0 {
			o[key] = int64(s.counts[st])
		}
	}
	if len(s.nonRdy) > 0 {
		l := make([]any, len(s.nonRdy))
		for i, e := range s.nonRdy {
			l[i] = e
		}
		o["nonReadyResources"] = l
	}
	return o
}

func (s *summary) topState() string {
	best := ""
	for _, e := range s.nonRdy {
		st := e["bundleState"].(string)
		if stateRank[st] > stateRank[best] {
			best = st
		}
	}
	return best
}

// readyMessage approximates Fleet's ReadyMessage(summary, kind).
func (s *summary) readyMessage(kind string) string {
	var parts []string
	for _, st := range []string{"ErrApplied", "WaitApplied", "Modified", "OutOfSync", "Pending", "NotReady"} {
		if s.counts[st] == 0 {
			continue
		}
		first := ""
		for _, e := range s.nonRdy {
			if e["bundleState"] == st {
				first = e["name"].(string)
				if m, ok := e["message"].(string); ok && m != "" {
					first += ": " + m
				}
				break
			}
		}
		parts = append(parts, fmt.Sprintf("%s(%d) [%s %s]", st, s.counts[st], kind, first))
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// SeedHub writes the Fleet and Argo CD objects on the hub.
func SeedHub(ctx context.Context, dyn dynamic.Interface, n int, real []string) error {
	now := time.Now()
	clusters := FleetClusters(n, real, now)
	commitOld := shortHash("edge-apps@1", 40)
	commitNew := shortHash("edge-apps@2", 40)
	optsHash := shortHash("options", 64)
	payOld := "s-" + shortHash("payments@"+commitOld, 61) + ":" + optsHash
	payNew := "s-" + shortHash("payments@"+commitNew, 61) + ":" + optsHash
	shopID := "s-" + shortHash("shop@"+commitOld, 61) + ":" + optsHash

	// Partition membership (first matching partition; the selectors do not overlap).
	part := map[string]int{}
	for _, c := range clusters {
		part[c.Name] = -1
		for i, p := range paymentsPartitions {
			sel, err := labels.Parse(p.Selector)
			if err != nil {
				return err
			}
			if sel.Matches(labels.Set(c.Labels)) {
				part[c.Name] = i
				break
			}
		}
	}
	// payments: canary done, europe in progress, later partitions not yet staged.
	payBDs := map[string]*bd{}
	seenInPart := map[int]int{}
	for _, c := range clusters {
		p := part[c.Name]
		b := &bd{cluster: c, deployID: payOld, stagedID: payOld, appliedID: payOld, ready: true}
		j := seenInPart[p]
		seenInPart[p]++
		switch {
		case p == 0 || p == 1:
			b.deployID, b.stagedID = payNew, payNew
			if !c.Offline {
				b.appliedID = payNew
				if p == 1 && j%3 == 0 {
					b.ready = false
					b.nonReadyMsg = "Rollout.argoproj.io payments/checkout-api [progressing] Rollout is paused: CanaryPauseStep"
				}
			}
		}
		payBDs[c.Name] = b
	}
	shopBDs := map[string]*bd{}
	for _, c := range clusters {
		shopBDs[c.Name] = &bd{cluster: c, deployID: shopID, stagedID: shopID, appliedID: shopID, ready: true}
	}

	// Bundle status for payments (§2.4/§2.6).
	total := newSummary()
	unavailable := 0
	for _, c := range clusters {
		b := payBDs[c.Name]
		total.add("fleet-default", c.Name, b.effectiveState(payNew), b.nonReadyMsg)
		if b.unavailable() {
			unavailable++
		}
	}
	var partStatus []any
	unavailParts := 0
	for i, p := range paymentsPartitions {
		s := newSummary()
		count, loose, strict := 0, 0, 0
		for _, c := range clusters {
			if part[c.Name] != i {
				continue
			}
			b := payBDs[c.Name]
			count++
			st := b.effectiveState(payNew)
			s.add("fleet-default", c.Name, st, b.nonReadyMsg)
			if b.unavailable() {
				loose++
			}
			if st != "Ready" && st != "Modified" {
				strict++
			}
		}
		mu := limit(count, p.MaxUnavailable, "10%")
		if i <= 1 && strict > mu {
			unavailParts++
		}
		e := map[string]any{"name": p.Name, "count": int64(count), "maxUnavailable": int64(mu), "summary": s.obj()}
		if loose > 0 {
			e["unavailable"] = int64(loose)
		}
		partStatus = append(partStatus, e)
	}
	readyCond := func(ok bool, msg string) []any {
		st := "True"
		if !ok {
			st = "False"
		}
		c := map[string]any{"type": "Ready", "status": st, "lastUpdateTime": ts(now)}
		if msg != "" {
			c["message"] = msg
		}
		return []any{c}
	}
	payStatus := map[string]any{
		"summary":                  total.obj(),
		"display":                  map[string]any{"readyClusters": fmt.Sprintf("%d/%d", total.counts["Ready"], total.n), "state": total.topState()},
		"unavailable":              int64(unavailable),
		"maxUnavailable":           int64(limit(len(clusters), "10%")),
		"unavailablePartitions":    int64(unavailParts),
		"maxUnavailablePartitions": int64(0),
		"newlyCreated":             int64(0),
		"partitions":               partStatus,
		"observedGeneration":       int64(2),
		"resourcesSha256Sum":       strings.TrimPrefix(strings.SplitN(payNew, ":", 2)[0], "s-"),
		"conditions":               readyCond(false, total.readyMessage("Cluster")),
	}
	shopSum := newSummary()
	for _, c := range clusters {
		shopSum.add("fleet-default", c.Name, shopBDs[c.Name].state(), "")
	}
	shopStatus := map[string]any{
		"summary":                  shopSum.obj(),
		"display":                  map[string]any{"readyClusters": fmt.Sprintf("%d/%d", shopSum.counts["Ready"], shopSum.n)},
		"unavailable":              int64(0),
		"maxUnavailable":           int64(limit(len(clusters), "100%")),
		"unavailablePartitions":    int64(0),
		"maxUnavailablePartitions": int64(0),
		"partitions":               []any{map[string]any{"name": "All", "count": int64(len(clusters)), "maxUnavailable": int64(len(clusters)), "summary": shopSum.obj()}},
		"observedGeneration":       int64(1),
		"resourcesSha256Sum":       strings.TrimPrefix(strings.SplitN(shopID, ":", 2)[0], "s-"),
		"conditions":               readyCond(true, ""),
	}

	// ClusterGroups, GitRepo, Bundles.
	var partYAML strings.Builder
	for _, p := range paymentsPartitions {
		partYAML.WriteString(p.yaml)
	}
	header := fmt.Sprintf(`apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata: {name: canary, namespace: fleet-default, labels: {rollout-stage: canary}}
spec:
  selector:
    matchLabels: {tier: canary}
---
apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata: {name: europe, namespace: fleet-default, labels: {geo: eu}}
spec:
  selector:
    matchExpressions: [{key: region, operator: In, values: [eu-west, eu-central]}]
---
apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata: {name: americas, namespace: fleet-default, labels: {geo: us}}
spec:
  selector:
    matchExpressions: [{key: region, operator: In, values: [us-east, us-west]}]
---
apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata: {name: production, namespace: fleet-default}
spec:
  selector:
    matchLabels: {env: prod}
---
apiVersion: fleet.cattle.io/v1alpha1
kind: GitRepo
metadata:
  name: edge-apps
  namespace: fleet-default
  generation: 2
spec:
  repo: https://git.example.com/platform/edge-apps.git
  branch: main
  paths: [payments, shop]
  pollingInterval: 15s
  targets:
  - name: production
    clusterSelector:
      matchLabels: {env: prod}
  - name: staging
    clusterSelector:
      matchLabels: {env: staging}
---
apiVersion: fleet.cattle.io/v1alpha1
kind: Bundle
metadata:
  name: edge-apps-payments
  namespace: fleet-default
  labels:
    fleet.cattle.io/repo-name: edge-apps
    fleet.cattle.io/commit: %[1]s
    fleet.cattle.io/bundle-path: payments
spec:
  defaultNamespace: payments
  resources:
  - name: checkout-api.yaml
    content: |
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: checkout-api, namespace: payments}
      spec:
        replicas: 5
        selector: {matchLabels: {app.kubernetes.io/name: checkout-api}}
        template:
          metadata: {labels: {app.kubernetes.io/name: checkout-api}}
          spec:
            containers: [{name: app, image: "registry.example.com/payments/checkout-api:1.15.0"}]
        strategy:
          canary:
            steps: [{setWeight: 20}, {pause: {duration: 24h}}, {setWeight: 50}, {pause: {duration: 1h}}]
  rolloutStrategy:
    maxUnavailable: 10%%
    maxUnavailablePartitions: 0
    autoPartitionSize: 25%%
    partitions:%[2]s
  targets:
  - name: production
    clusterSelector:
      matchLabels: {env: prod}
  - name: staging
    clusterSelector:
      matchLabels: {env: staging}
  targetRestrictions:
  - name: production
    clusterSelector:
      matchLabels: {env: prod}
  - name: staging
    clusterSelector:
      matchLabels: {env: staging}
---
apiVersion: fleet.cattle.io/v1alpha1
kind: Bundle
metadata:
  name: edge-apps-shop
  namespace: fleet-default
  labels:
    fleet.cattle.io/repo-name: edge-apps
    fleet.cattle.io/commit: %[3]s
    fleet.cattle.io/bundle-path: shop
spec:
  defaultNamespace: shop
  resources:
  - name: storefront.yaml
    content: |
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: storefront, namespace: shop}
      spec:
        replicas: 6
        selector: {matchLabels: {app.kubernetes.io/name: storefront}}
        template:
          metadata: {labels: {app.kubernetes.io/name: storefront}}
          spec:
            containers: [{name: app, image: "registry.example.com/shop/storefront:5.1.4"}]
        strategy:
          canary:
            steps: [{setWeight: 10}, {pause: {duration: 2h}}]
  targets:
  - name: production
    clusterSelector:
      matchLabels: {env: prod}
  - name: staging
    clusterSelector:
      matchLabels: {env: staging}
  targetRestrictions:
  - name: production
    clusterSelector:
      matchLabels: {env: prod}
  - name: staging
    clusterSelector:
      matchLabels: {env: staging}
`, commitNew, partYAML.String(), commitOld)
	if err := ApplyYAML(ctx, dyn, header); err != nil {
		return err
	}

	// Clusters, their namespaces and BundleDeployments (in parallel).
	var jobs []func() error
	for _, c := range clusters {
		c := c
		jobs = append(jobs, func() error {
			return seedFleetCluster(ctx, dyn, c, []*bd{payBDs[c.Name], shopBDs[c.Name]}, []string{"edge-apps-payments", "edge-apps-shop"}, []string{commitNew, commitOld}, now)
		})
	}
	if err := runJobs(8, jobs); err != nil {
		return err
	}

	// Statuses of the Bundles, GitRepo and ClusterGroups.
	for name, st := range map[string]map[string]any{"edge-apps-payments": payStatus, "edge-apps-shop": shopStatus} {
		if err := writeStatus(ctx, dyn, FleetBundleGVR, "fleet-default", name, st); err != nil {
			return err
		}
	}
	bdSum := newSummary()
	readyClusters := 0
	for _, c := range clusters {
		p, s := payBDs[c.Name], shopBDs[c.Name]
		bdSum.add("fleet-default", c.Name, p.state(), p.nonReadyMsg)
		bdSum.add("fleet-default", c.Name, s.state(), "")
		if p.state() == "Ready" && s.state() == "Ready" {
			readyClusters++
		}
	}
	gitState := bdSum.topState()
	gitStatus := map[string]any{
		"commit":               commitNew,
		"pollingCommit":        commitNew,
		"gitJobStatus":         "Current",
		"observedGeneration":   int64(2),
		"updateGeneration":     int64(0),
		"desiredReadyClusters": int64(len(clusters)),
		"readyClusters":        int64(readyClusters),
		"summary":              bdSum.obj(),
		"display": map[string]any{
			"readyBundleDeployments": fmt.Sprintf("%d/%d", bdSum.counts["Ready"], bdSum.n),
			"state":                  gitState,
		},
		"lastPollingTriggered": ts(now.Add(-7 * time.Second)),
		"conditions": []any{
			map[string]any{"type": "Ready", "status": "False", "lastUpdateTime": ts(now), "message": total.readyMessage("Cluster")},
			map[string]any{"type": "Accepted", "status": "True", "lastUpdateTime": ts(now)},
			map[string]any{"type": "GitPolling", "status": "True", "lastUpdateTime": ts(now)},
			map[string]any{"type": "Reconciling", "status": "False", "lastUpdateTime": ts(now)},
			map[string]any{"type": "Stalled", "status": "False", "lastUpdateTime": ts(now)},
		},
	}
	if err := writeStatus(ctx, dyn, FleetGitRepoGVR, "fleet-default", "edge-apps", gitStatus); err != nil {
		return err
	}
	groups := map[string]string{"canary": "tier=canary", "europe": "region in (eu-west,eu-central)", "americas": "region in (us-east,us-west)", "production": "env=prod"}
	for g, selStr := range groups {
		sel, _ := labels.Parse(selStr)
		count, notReady := 0, 0
		var nonReady []any
		for _, c := range clusters {
			if !sel.Matches(labels.Set(c.Labels)) {
				continue
			}
			count++
			if payBDs[c.Name].state() != "Ready" || shopBDs[c.Name].state() != "Ready" {
				notReady++
				if len(nonReady) < 10 {
					nonReady = append(nonReady, c.Name)
				}
			}
		}
		rc := fmt.Sprintf("%d/%d", count-notReady, count)
		if len(nonReady) > 0 {
			var names []string
			for _, n := range nonReady {
				names = append(names, n.(string))
			}
			rc += " (" + strings.Join(names, ",") + ")"
		}
		st := map[string]any{
			"clusterCount":         int64(count),
			"nonReadyClusterCount": int64(notReady),
			"display":              map[string]any{"readyClusters": rc, "readyBundles": fmt.Sprintf("%d/%d", 2*count-notReady, 2*count)},
			"conditions":           readyCond(notReady == 0, ""),
		}
		if len(nonReady) > 0 {
			st["nonReadyClusters"] = nonReady
		}
		if err := writeStatus(ctx, dyn, FleetClusterGroupGVR, "fleet-default", g, st); err != nil {
			return err
		}
	}
	return seedApplicationSet(ctx, dyn, real, now)
}

func writeStatus(ctx context.Context, dyn dynamic.Interface, gvr schema.GroupVersionResource, ns, name string, status map[string]any) error {
	ri := dyn.Resource(gvr).Namespace(ns)
	var lastErr error
	for i := 0; i < 5; i++ {
		u, err := ri.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		u.Object["status"] = status
		if _, err = ri.UpdateStatus(ctx, u, metav1.UpdateOptions{}); err == nil {
			return nil
		}
		lastErr = err
	}
	return fmt.Errorf("status of %s %s/%s: %w", gvr.Resource, ns, name, lastErr)
}

func runJobs(workers int, jobs []func() error) error {
	ch := make(chan func() error)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				if err := j(); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return errors.Join(errs...)
}

func seedFleetCluster(ctx context.Context, dyn dynamic.Interface, c fleetCluster, bds []*bd, bundles, commits []string, now time.Time) error {
	if err := ApplyYAML(ctx, dyn, fmt.Sprintf(`apiVersion: v1
kind: Namespace
metadata:
  name: %s
  labels:
    fleet.cattle.io/managed: "true"
    fleet.cattle.io/cluster-namespace: fleet-default
    fleet.cattle.io/cluster: %s
`, c.Namespace, c.Name)); err != nil {
		return err
	}
	sum := newSummary()
	for i, b := range bds {
		state := b.state()
		sum.add(c.Namespace, bundles[i], state, b.nonReadyMsg)
		bdObj := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "fleet.cattle.io/v1alpha1",
			"kind":       "BundleDeployment",
			"metadata": map[string]any{
				"name":      bundles[i],
				"namespace": c.Namespace,
				"labels": map[string]any{
					"fleet.cattle.io/bundle-name":       bundles[i],
					"fleet.cattle.io/bundle-namespace":  "fleet-default",
					"fleet.cattle.io/cluster":           c.Name,
					"fleet.cattle.io/cluster-namespace": "fleet-default",
					"fleet.cattle.io/managed":           "true",
					"fleet.cattle.io/repo-name":         "edge-apps",
					"fleet.cattle.io/commit":            commits[i],
					"fleet.cattle.io/content-name":      strings.SplitN(b.deployID, ":", 2)[0],
				},
			},
			"spec": map[string]any{
				"deploymentID":       b.deployID,
				"stagedDeploymentID": b.stagedID,
				"options":            map[string]any{"defaultNamespace": strings.TrimPrefix(bundles[i], "edge-apps-")},
				"stagedOptions":      map[string]any{"defaultNamespace": strings.TrimPrefix(bundles[i], "edge-apps-")},
			},
			"status": bdStatus(b, state, c, now),
		}}
		if _, err := ApplyObject(ctx, dyn, bdObj); err != nil {
			return err
		}
	}
	clusterReady := sum.counts["Ready"] == sum.n
	cl := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "fleet.cattle.io/v1alpha1",
		"kind":       "Cluster",
		"metadata": map[string]any{
			"name":      c.Name,
			"namespace": "fleet-default",
			"labels":    toAnyMap(c.Labels),
		},
		"spec": map[string]any{"kubeConfigSecret": c.Name + "-kubeconfig"},
		"status": map[string]any{
			"namespace":            c.Namespace,
			"agent":                map[string]any{"lastSeen": ts(c.LastSeen), "namespace": "cattle-fleet-system"},
			"summary":              sum.obj(),
			"display":              map[string]any{"readyBundles": fmt.Sprintf("%d/%d", sum.counts["Ready"], sum.n), "state": sum.topState()},
			"readyGitRepos":        int64(boolInt(clusterReady)),
			"desiredReadyGitRepos": int64(1),
			"resourceCounts":       map[string]any{"ready": int64(2 * sum.counts["Ready"]), "desiredReady": int64(2 * sum.n)},
			"agentTLSMode":         "strict",
			"apiServerURL":         "https://" + c.Name + ".example.internal:6443",
			"conditions": []any{
				map[string]any{"type": "Processed", "status": "True", "lastUpdateTime": ts(now)},
				map[string]any{"type": "Ready", "status": map[bool]string{true: "True", false: "False"}[clusterReady], "lastUpdateTime": ts(now), "message": sum.readyMessage("Bundle")},
			},
		},
	}}
	_, err := ApplyObject(ctx, dyn, cl)
	return err
}

func bdStatus(b *bd, state string, c fleetCluster, now time.Time) map[string]any {
	cond := func(t string, ok bool, msg string) map[string]any {
		m := map[string]any{"type": t, "status": map[bool]string{true: "True", false: "False"}[ok], "lastUpdateTime": ts(c.LastSeen)}
		if msg != "" {
			m["message"] = msg
		}
		return m
	}
	st := map[string]any{
		"appliedDeploymentID": b.appliedID,
		"ready":               b.ready,
		"nonModified":         true,
		"display":             map[string]any{"deployed": "True", "monitored": map[bool]string{true: "True", false: "False"}[b.ready], "state": state},
		"resourceCounts":      map[string]any{"ready": int64(boolInt(b.ready) * 3), "desiredReady": int64(3), "notReady": int64(boolInt(!b.ready))},
		"syncGeneration":      int64(0),
		"conditions": []any{
			cond("Installed", true, ""),
			cond("Deployed", true, ""),
			cond("Ready", b.ready, b.nonReadyMsg),
			cond("Monitored", b.ready, b.nonReadyMsg),
		},
	}
	if !b.ready {
		st["nonReadyStatus"] = []any{map[string]any{
			"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "namespace": "payments", "name": "checkout-api",
			"uid":     shortHash(c.Name+"/checkout-api", 8) + "-0000-4000-8000-" + shortHash(c.Name, 12),
			"summary": map[string]any{"state": "paused", "transitioning": true, "message": []any{"Rollout is paused", "CanaryPauseStep"}},
		}}
	}
	return st
}

func seedApplicationSet(ctx context.Context, dyn dynamic.Interface, real []string, now time.Time) error {
	var appStatus []string
	for i, n := range real {
		step := "1"
		status := "Healthy"
		msg := "Application resource became Healthy, updating status from Progressing to Healthy."
		if i > 0 {
			step = "2"
			status = "Waiting"
			msg = "Application is out of date with the current AppSet generation, setting status to Waiting."
		}
		appStatus = append(appStatus, fmt.Sprintf(`  - application: storefront-%s
    status: %s
    step: "%s"
    message: %q
    lastTransitionTime: %q
    targetRevisions: [5d41402abc4b2a76b9719d911017c592]`, n, status, step, msg, ts(now.Add(-2*time.Minute))))
	}
	doc := fmt.Sprintf(`apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: storefront
  namespace: argocd
spec:
  goTemplate: true
  generators:
  - clusters:
      selector:
        matchLabels: {app.example.com/storefront: "true"}
  strategy:
    type: RollingSync
    rollingSync:
      steps:
      - matchExpressions:
        - {key: tier, operator: In, values: [canary]}
      - matchExpressions:
        - {key: tier, operator: In, values: [standard, critical]}
        maxUpdate: 25%%
  template:
    metadata:
      name: 'storefront-{{.name}}'
      labels:
        tier: '{{index .metadata.labels "tier"}}'
    spec:
      project: default
      source:
        repoURL: https://git.example.com/platform/edge-apps.git
        targetRevision: main
        path: shop
      destination:
        server: '{{.server}}'
        namespace: shop
status:
  applicationStatus:
%s
  conditions:
  - type: RolloutProgressing
    status: "True"
    reason: ApplicationSetModified
    message: ApplicationSet is performing rollout of step 2
    lastTransitionTime: %q
`, strings.Join(appStatus, "\n"), ts(now.Add(-2*time.Minute)))
	return ApplyYAML(ctx, dyn, doc)
}

func toAnyMap(m map[string]string) map[string]any {
	o := map[string]any{}
	for k, v := range m {
		o[k] = v
	}
	return o
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
