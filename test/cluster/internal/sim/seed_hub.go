package sim

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"sigs.k8s.io/yaml"
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

// paymentsPartitionsYAML is spec.rolloutStrategy.partitions of
// edge-apps-payments (parsed back by the status computation).
var paymentsPartitionsYAML = []string{
	`
    - name: canary
      maxUnavailable: 1
      clusterSelector:
        matchLabels: {tier: canary}`,
	`
    - name: europe
      maxUnavailable: 20%
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [eu-west, eu-central]}
        - {key: tier, operator: NotIn, values: [canary]}`,
	`
    - name: americas
      maxUnavailable: 20%
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [us-east, us-west]}
        - {key: tier, operator: NotIn, values: [canary]}`,
	`
    - name: asia-pacific
      clusterSelector:
        matchExpressions:
        - {key: region, operator: In, values: [ap-south]}
        - {key: tier, operator: NotIn, values: [canary]}`,
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

	payBDs, shopBDs := map[string]*bd{}, map[string]*bd{}
	for _, c := range clusters {
		// Before commitNew: both bundles deployed everywhere (offline clusters too, earlier).
		payBDs[c.Name] = &bd{cluster: c, deployID: payOld, stagedID: payOld, appliedID: payOld, ready: true}
		shopBDs[c.Name] = &bd{cluster: c, deployID: shopID, stagedID: shopID, appliedID: shopID, ready: true}
	}
	// ClusterGroups, GitRepo, Bundles.
	var partYAML strings.Builder
	for _, p := range paymentsPartitionsYAML {
		partYAML.WriteString(p)
	}
	header := hubSeedYAML(commitNew, partYAML.String(), commitOld)
	if err := ApplyYAML(ctx, dyn, header); err != nil {
		return err
	}
	payStatus, err := seedBundleStatus(header, "edge-apps-payments", clusters, payBDs, payNew, true)
	if err != nil {
		return err
	}
	shopStatus, err := seedBundleStatus(header, "edge-apps-shop", clusters, shopBDs, shopID, false)
	if err != nil {
		return err
	}
	total := newSummary()
	for _, c := range clusters {
		total.add("fleet-default", c.Name, payBDs[c.Name].effectiveState(payNew), payBDs[c.Name].nonReadyMsg)
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
	for _, s := range []struct {
		st  map[string]any
		gen int64
		id  string
	}{{payStatus, 2, payNew}, {shopStatus, 1, shopID}} {
		s.st["observedGeneration"] = s.gen
		s.st["resourcesSha256Sum"] = strings.TrimPrefix(strings.SplitN(s.id, ":", 2)[0], "s-")
		sum := s.st["summary"].(map[string]any)
		ok := sum["ready"] == sum["desiredReady"]
		msg := ""
		if !ok {
			msg = s.st["readyMessage"].(string)
		}
		delete(s.st, "readyMessage")
		s.st["conditions"] = readyCond(ok, msg)
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

// seedBundleStatus computes the status of bundle `name` as Fleet's controller
// would (fleet_status.go, fleet-argocd.md §2.2–2.6) from the ClusterGroups
// and the Bundle in the seed's YAML, the Clusters and their BundleDeployments
// (updated in place). With rollout, the BundleDeployments start on their
// current ID and the controller (one reconcile per BundleDeployment change)
// and the agents (online clusters apply what they are given; every third
// member of the partition "europe" stays NotReady on a paused Rollout) run
// until nothing changes any more: the last reconcile's status is returned.
func seedBundleStatus(docs, name string, clusters []fleetCluster, bds map[string]*bd, desired string, rollout bool) (map[string]any, error) {
	type target struct {
		ClusterName          string                `json:"clusterName"`
		ClusterSelector      *metav1.LabelSelector `json:"clusterSelector"`
		ClusterGroup         string                `json:"clusterGroup"`
		ClusterGroupSelector *metav1.LabelSelector `json:"clusterGroupSelector"`
	}
	var obj struct {
		Kind     string            `json:"kind"`
		Metadata metav1.ObjectMeta `json:"metadata"`
		Spec     struct {
			Selector        *metav1.LabelSelector `json:"selector"` // ClusterGroup
			RolloutStrategy fleetRolloutStrategy  `json:"rolloutStrategy"`
			Targets         []target              `json:"targets"`
		} `json:"spec"`
	}
	type group struct {
		fleetGroup
		sel *metav1.LabelSelector
	}
	var groups []group
	var rs *fleetRolloutStrategy
	var bundleTargets []target
	for _, part := range strings.Split(docs, "\n---\n") {
		obj.Spec.RolloutStrategy, obj.Spec.Targets, obj.Spec.Selector = fleetRolloutStrategy{}, nil, nil
		if err := yaml.Unmarshal([]byte(part), &obj); err != nil {
			return nil, err
		}
		switch {
		case obj.Kind == "ClusterGroup":
			groups = append(groups, group{fleetGroup{obj.Metadata.Name, obj.Metadata.Labels}, obj.Spec.Selector})
		case obj.Kind == "Bundle" && obj.Metadata.Name == name:
			r := obj.Spec.RolloutStrategy
			rs, bundleTargets = &r, obj.Spec.Targets
		}
	}
	if rs == nil {
		return nil, fmt.Errorf("bundle %s not in the seed", name)
	}
	var targets []*fleetTarget // clusters are sorted by name (§2.3)
	for _, c := range clusters {
		t := &fleetTarget{Cluster: c, BD: bds[c.Name]}
		for _, g := range groups {
			if g.sel == nil {
				continue
			}
			if ok, err := selectorMatches(g.sel, c.Labels); err != nil {
				return nil, err
			} else if ok {
				t.Groups = append(t.Groups, g.fleetGroup)
			}
		}
		matched := false
		for _, bt := range bundleTargets {
			ok, err := matchTarget(t, bt.ClusterName, bt.ClusterGroup, bt.ClusterSelector, bt.ClusterGroupSelector)
			if err != nil {
				return nil, err
			}
			matched = matched || ok
		}
		if matched {
			targets = append(targets, t)
		}
	}
	stuck := map[string]bool{}
	if parts, err := fleetPartitions(*rs, targets, desired); err != nil {
		return nil, err
	} else {
		for _, p := range parts {
			for j, t := range p.Targets {
				if p.Name == "europe" && j%3 == 0 {
					stuck[t.Cluster.Name] = true
				}
			}
		}
	}
	for round := 0; ; round++ {
		status, changed, err := fleetReconcile(*rs, targets, desired)
		if err != nil {
			return nil, err
		}
		for _, t := range targets { // agents
			b := t.BD
			if !rollout || b == nil || t.Cluster.Offline || b.appliedID == b.deployID {
				continue
			}
			b.appliedID, b.ready, b.nonReadyMsg = b.deployID, !stuck[t.Cluster.Name], ""
			if stuck[t.Cluster.Name] {
				b.nonReadyMsg = "Rollout.argoproj.io payments/checkout-api [progressing] Rollout is paused: CanaryPauseStep"
			}
			changed = true
		}
		if !changed || round > 10000 {
			status["readyMessage"] = targetSummary(targets, desired).readyMessage("Cluster")
			return status, nil
		}
	}
}

// hubSeedYAML: ClusterGroups, GitRepo and Bundles of the hub seed.
func hubSeedYAML(commitNew, partitionsYAML, commitOld string) string {
	return fmt.Sprintf(`apiVersion: fleet.cattle.io/v1alpha1
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
`, commitNew, partitionsYAML, commitOld)
}
