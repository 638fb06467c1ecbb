package cluster_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"

	"fleetrollouts/testcluster/internal/sim"
)

// TestRestartAPIServer restarts edge-eu-1's kube-apiserver mid-watch with
// `fleetsim restart-apiserver --state DIR/state.json --cluster edge-eu-1
// --down 2s` (through the orchestrator's control endpoint): same port, same
// etcd data and certificates, the run goes on. A client watch (informer)
// started before the restart and the real Argo Rollouts controller reconnect:
// a Rollout created after the restart is reconciled to Healthy and the old
// watch sees it.
//
// Not parallel: it runs before the parallel tests, which use edge-eu-1 too.
func TestRestartAPIServer(t *testing.T) {
	env := getEnv(t)
	ctx := context.Background()
	k, d := clients(t, env, "edge-eu-1")
	ns := "e2e-restart"
	mkNamespace(t, k, ns)
	cm, err := k.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "before-restart"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}

	// A client watch across the restart.
	var mu sync.Mutex
	seen := map[string]string{} // rollout name -> last phase seen by the watch
	fac := dynamicinformer.NewFilteredDynamicSharedInformerFactory(d, 0, ns, nil)
	inf := fac.ForResource(sim.RolloutGVR).Informer()
	record := func(o any) {
		if u, ok := o.(*unstructured.Unstructured); ok {
			mu.Lock()
			seen[u.GetName()] = sim.RolloutPhase(u)
			mu.Unlock()
		}
	}
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: record, UpdateFunc: func(_, o any) { record(o) }})
	stop := make(chan struct{})
	defer close(stop)
	fac.Start(stop)
	if !cache.WaitForCacheSync(stop, inf.HasSynced) {
		t.Fatal("informer did not sync")
	}

	c := env.Cluster("edge-eu-1")
	oldPID, port := c.APIServerPID, c.Port
	t0 := time.Now()
	if err := sim.RestartAPIServerMain([]string{"--state", filepath.Join(env.State.Dir, "state.json"), "--cluster", "edge-eu-1", "--down", "2s"}); err != nil {
		t.Fatalf("restart-apiserver: %v", err)
	}
	t.Logf("edge-eu-1 kube-apiserver restarted in %.1fs (pid %d -> %d, port %d)", time.Since(t0).Seconds(), oldPID, c.APIServerPID, c.Port)
	if c.APIServerPID == oldPID || c.Port != port {
		t.Fatalf("pid %d -> %d, port %d -> %d", oldPID, c.APIServerPID, port, c.Port)
	}
	select {
	case err := <-env.Failed():
		t.Fatalf("run failed after a deliberate restart: %v", err)
	default:
	}
	// Same etcd data and certificates (the same kubeconfig still works).
	got, err := k.CoreV1().ConfigMaps(ns).Get(ctx, "before-restart", metav1.GetOptions{})
	if err != nil || got.UID != cm.UID {
		t.Fatalf("configmap after restart: %v (uid %v, want %v)", err, got.GetUID(), cm.UID)
	}
	st, err := os.ReadFile(filepath.Join(env.State.Dir, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(st), fmt.Sprintf(`"apiserverPid": %d`, c.APIServerPID)) {
		t.Fatalf("state.json does not have the new apiserverPid %d", c.APIServerPID)
	}

	// The Argo Rollouts controller (and the ReplicaSet controller and pod
	// simulator) reconnected: a new Rollout is reconciled.
	t1 := time.Now()
	if err := sim.ApplyYAML(ctx, d, rolloutYAML(ns, "after-restart", "registry.example.com/after:1.0.0", "      - setWeight: 50\n      - pause: {duration: 1s}\n")); err != nil {
		t.Fatal(err)
	}
	waitRollout(t, d, ns, "after-restart", "Healthy (created after the restart)", 3*time.Minute, healthy)
	// The watch opened before the restart saw it too.
	deadline := time.Now().Add(time.Minute)
	for {
		mu.Lock()
		phase := seen["after-restart"]
		mu.Unlock()
		if phase == "Healthy" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the informer started before the restart saw after-restart as %q", phase)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("controller and watch reconnected: Rollout Healthy %.1fs after creation", time.Since(t1).Seconds())
	select {
	case err := <-env.Failed():
		t.Fatalf("run failed: %v", err)
	default:
	}
}
