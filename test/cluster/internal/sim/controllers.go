package sim

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/discovery"
	cacheddiscovery "k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/controller-manager/pkg/informerfactory"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/deployment"
	"k8s.io/kubernetes/pkg/controller/garbagecollector"
	namespacecontroller "k8s.io/kubernetes/pkg/controller/namespace"
	"k8s.io/kubernetes/pkg/controller/replicaset"
	serviceaccountcontroller "k8s.io/kubernetes/pkg/controller/serviceaccount"
)

// RestConfigFor loads one context of a kubeconfig.
func RestConfigFor(kubeconfig, context string) (*rest.Config, error) {
	rules := &clientcmd.ClientConfigLoadingRules{ExplicitPath: kubeconfig}
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{CurrentContext: context}).ClientConfig()
	if err != nil {
		return nil, err
	}
	cfg.QPS = 200
	cfg.Burst = 400
	return cfg, nil
}

// ControllersMain is the "controllers" child process of a workload cluster:
// kube-controller-manager's replicaset, deployment, garbage-collector,
// namespace and serviceaccount controllers (in-process from k8s.io/kubernetes),
// the pod/node simulator, and the Argo Rollouts controller.
func ControllersMain(args []string) error {
	fs := flag.NewFlagSet("controllers", flag.ContinueOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig")
	kctx := fs.String("context", "", "context (= cluster name)")
	readyDelay := fs.Duration("pod-ready-delay", time.Second, "delay before a simulated pod turns Ready")
	nodeCount := fs.Int("nodes", 3, "number of simulated nodes")
	argoMetricsPort := fs.Int("argo-metrics-port", 0, "Argo Rollouts metrics port")
	argoHealthzPort := fs.Int("argo-healthz-port", 0, "Argo Rollouts healthz port")
	noArgo := fs.Bool("no-argo", false, "do not run the Argo Rollouts controller")
	argoLogLevel := fs.String("argo-loglevel", "info", "Argo Rollouts log level")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *kubeconfig == "" || *kctx == "" {
		return fmt.Errorf("controllers: --kubeconfig and --context are required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	cfg, err := RestConfigFor(*kubeconfig, *kctx)
	if err != nil {
		return err
	}
	kcfg := rest.CopyConfig(cfg)
	kcfg.UserAgent = "fleetsim-kube-controllers"
	client, err := kubernetes.NewForConfig(kcfg)
	if err != nil {
		return err
	}
	meta, err := metadata.NewForConfig(kcfg)
	if err != nil {
		return err
	}
	disco, err := discovery.NewDiscoveryClientForConfig(kcfg)
	if err != nil {
		return err
	}

	var nodes []string
	for i := 1; i <= *nodeCount; i++ {
		nodes = append(nodes, fmt.Sprintf("%s-worker-%d", *kctx, i))
	}
	if err := EnsureNodes(ctx, client, *kctx, nodes); err != nil {
		return fmt.Errorf("create nodes: %w", err)
	}

	factory := informers.NewSharedInformerFactory(client, 0)
	metaFactory := metadatainformer.NewSharedInformerFactory(meta, 0)
	informersStarted := make(chan struct{})

	rsc := replicaset.NewReplicaSetController(ctx, factory.Apps().V1().ReplicaSets(), factory.Core().V1().Pods(), client, replicaset.BurstReplicas)
	dc, err := deployment.NewDeploymentController(ctx, factory.Apps().V1().Deployments(), factory.Apps().V1().ReplicaSets(), factory.Core().V1().Pods(), client)
	if err != nil {
		return err
	}
	sac, err := serviceaccountcontroller.NewServiceAccountsController(factory.Core().V1().ServiceAccounts(), factory.Core().V1().Namespaces(), client, serviceaccountcontroller.DefaultServiceAccountsControllerOptions())
	if err != nil {
		return err
	}
	nsc := namespacecontroller.NewNamespaceController(ctx, client, meta, disco.ServerPreferredNamespacedResources, factory.Core().V1().Namespaces(), 5*time.Minute, corev1.FinalizerKubernetes)

	mapper := restmapper.NewDeferredDiscoveryRESTMapper(cacheddiscovery.NewMemCacheClient(disco))
	gc, err := garbagecollector.NewGarbageCollector(ctx, client, meta, mapper, garbagecollector.DefaultIgnoredResources(), informerfactory.NewInformerFactory(factory, metaFactory), informersStarted)
	if err != nil {
		return err
	}
	sim := NewPodSimulator(*kctx, client, factory.Core().V1().Pods(), nodes, *readyDelay)

	go rsc.Run(ctx, 5)
	go dc.Run(ctx, 5)
	go sac.Run(ctx, 1)
	go nsc.Run(ctx, 2)
	go gc.Run(ctx, 5, 30*time.Second)
	go gc.Sync(ctx, disco, 30*time.Second)
	go sim.Run(ctx, 4)
	factory.Start(ctx.Done())
	metaFactory.Start(ctx.Done())
	close(informersStarted)
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fmt.Errorf("informer for %v did not sync", typ)
		}
	}
	klog.InfoS("fleetsim kube controllers running", "cluster", *kctx, "nodes", len(nodes))

	argoDone := make(chan error, 1)
	if !*noArgo {
		go func() {
			argoDone <- RunArgoRollouts(ctx, cfg, ArgoOptions{MetricsPort: *argoMetricsPort, HealthzPort: *argoHealthzPort, LogLevel: *argoLogLevel})
		}()
		if err := waitHTTP(ctx, fmt.Sprintf("http://127.0.0.1:%d/healthz", *argoHealthzPort), 60*time.Second); err != nil {
			return fmt.Errorf("argo rollouts healthz: %w", err)
		}
		if err := waitArgoSynced(ctx, cfg); err != nil {
			return err
		}
	}
	// The orchestrator waits for this line on stdout.
	fmt.Fprintln(os.Stdout, childReadyLine)
	select {
	case <-ctx.Done():
	case err := <-argoDone:
		if err != nil {
			return fmt.Errorf("argo rollouts controller stopped: %w", err)
		}
	}
	// Give controllers a moment to stop their workers.
	time.Sleep(200 * time.Millisecond)
	return nil
}

// waitArgoSynced waits until the Argo CRDs are served (the controller's
// dynamic informers only sync once they are).
func waitArgoSynced(ctx context.Context, cfg *rest.Config) error {
	d, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		rl, err := d.ServerResourcesForGroupVersion("argoproj.io/v1alpha1")
		if err == nil && len(rl.APIResources) >= 5 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("argoproj.io/v1alpha1 not served: %v", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
