package sim

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/argoproj/argo-rollouts/controller"
	"github.com/argoproj/argo-rollouts/controller/metrics"
	"github.com/argoproj/argo-rollouts/metricproviders"
	jobprovider "github.com/argoproj/argo-rollouts/metricproviders/job"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	argoclientset "github.com/argoproj/argo-rollouts/pkg/client/clientset/versioned"
	"github.com/argoproj/argo-rollouts/rollout"
	controllerutil "github.com/argoproj/argo-rollouts/utils/controller"
	"github.com/argoproj/argo-rollouts/utils/defaults"
	ingressutil "github.com/argoproj/argo-rollouts/utils/ingress"
	istioutil "github.com/argoproj/argo-rollouts/utils/istio"
	"github.com/argoproj/argo-rollouts/utils/record"
	"github.com/argoproj/argo-rollouts/utils/tolerantinformer"
	"github.com/argoproj/pkg/kubeclientmetrics"
	smiclientset "github.com/servicemeshinterface/smi-sdk-go/pkg/gen/client/split/clientset/versioned"
	log "github.com/sirupsen/logrus"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	kubeinformers "k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

type ArgoOptions struct {
	MetricsPort int
	HealthzPort int
	LogLevel    string
	// Resync of the Rollout informers, like --rollout-resync (seconds).
	ResyncSeconds int64
}

// RunArgoRollouts starts the real Argo Rollouts controller manager
// (github.com/argoproj/argo-rollouts/controller.NewManager) against one
// cluster, wired the same way as cmd/rollouts-controller does with its
// default flags (all namespaces, no instance id, no leader election, no
// traffic-router verification).
func RunArgoRollouts(ctx context.Context, base *rest.Config, o ArgoOptions) error {
	if lvl, err := log.ParseLevel(o.LogLevel); err == nil {
		log.SetLevel(lvl)
	}
	log.SetFormatter(&log.TextFormatter{FullTimestamp: true})
	if o.ResyncSeconds == 0 {
		o.ResyncSeconds = controller.DefaultRolloutResyncPeriod
	}
	config := rest.CopyConfig(base)
	config.UserAgent = "argo-rollouts"
	config.QPS = defaults.DefaultQPS
	config.Burst = defaults.DefaultBurst
	// JSON like the upstream binary's clients, so that its request-metrics
	// transport wrapper can parse the responses.
	config.ContentType = "application/json"
	config.AcceptContentTypes = "application/json"
	namespace := metav1.NamespaceAll

	k8sRequestProvider := &metrics.K8sRequestsCountProvider{}
	kubeclientmetrics.AddMetricsTransportWrapper(config, k8sRequestProvider.IncKubernetesRequest)

	kubeClient, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	argoprojClient, err := argoclientset.NewForConfig(config)
	if err != nil {
		return err
	}
	dynamicClient, err := dynamic.NewForConfig(config)
	if err != nil {
		return err
	}
	discoveryClient, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return err
	}
	smiClient, err := smiclientset.NewForConfig(config)
	if err != nil {
		return err
	}
	resync := time.Duration(o.ResyncSeconds) * time.Second
	kubeInformerFactory := kubeinformers.NewSharedInformerFactoryWithOptions(kubeClient, resync, kubeinformers.WithNamespace(namespace))
	replicaSetInformerFactory := kubeinformers.NewSharedInformerFactoryWithOptions(kubeClient, resync,
		kubeinformers.WithNamespace(namespace),
		kubeinformers.WithTweakListOptions(func(opts *metav1.ListOptions) {
			opts.LabelSelector = v1alpha1.DefaultRolloutUniqueLabelKey
		}))
	instanceIDSelector := controllerutil.InstanceIDRequirement("")
	instanceIDTweak := func(opts *metav1.ListOptions) { opts.LabelSelector = instanceIDSelector.String() }

	jobKubeClient, _, err := metricproviders.GetAnalysisJobClientset(kubeClient)
	if err != nil {
		return err
	}
	jobNs := metricproviders.GetAnalysisJobNamespace()
	if jobNs == "" {
		jobNs = namespace
	}
	jobInformerFactory := kubeinformers.NewSharedInformerFactoryWithOptions(jobKubeClient, resync,
		kubeinformers.WithNamespace(jobNs),
		kubeinformers.WithTweakListOptions(func(opts *metav1.ListOptions) {
			opts.LabelSelector = jobprovider.AnalysisRunUIDLabelKey
		}))
	dynamicInformerFactory := dynamicinformer.NewFilteredDynamicSharedInformerFactory(dynamicClient, resync, namespace, instanceIDTweak)
	clusterDynamicInformerFactory := dynamicinformer.NewFilteredDynamicSharedInformerFactory(dynamicClient, resync, metav1.NamespaceAll, instanceIDTweak)
	_, istioPrimaryDynamicClient := istioutil.GetPrimaryClusterDynamicClient(kubeClient, namespace)
	if istioPrimaryDynamicClient == nil {
		istioPrimaryDynamicClient = dynamicClient
	}
	istioDynamicInformerFactory := dynamicinformer.NewFilteredDynamicSharedInformerFactory(istioPrimaryDynamicClient, resync, namespace, nil)

	notificationNs := defaults.Namespace()
	notificationSecretInformerFactory := kubeinformers.NewSharedInformerFactoryWithOptions(kubeClient, resync,
		kubeinformers.WithNamespace(notificationNs),
		kubeinformers.WithTweakListOptions(func(opts *metav1.ListOptions) {
			opts.Kind = "Secret"
			opts.FieldSelector = fmt.Sprintf("metadata.name=%s", record.NotificationSecret)
		}))
	notificationConfigMapInformerFactory := kubeinformers.NewSharedInformerFactoryWithOptions(kubeClient, resync,
		kubeinformers.WithNamespace(notificationNs),
		kubeinformers.WithTweakListOptions(func(opts *metav1.ListOptions) {
			opts.Kind = "ConfigMap"
			opts.FieldSelector = fmt.Sprintf("metadata.name=%s", record.NotificationConfigMap)
		}))

	mode, err := ingressutil.DetermineIngressMode("", kubeClient.DiscoveryClient)
	if err != nil {
		return err
	}
	ingressWrapper, err := ingressutil.NewIngressWrapper(mode, kubeClient, kubeInformerFactory)
	if err != nil {
		return err
	}

	cm := controller.NewManager(
		namespace,
		kubeClient,
		argoprojClient,
		dynamicClient,
		smiClient,
		discoveryClient,
		replicaSetInformerFactory.Apps().V1().ReplicaSets(),
		kubeInformerFactory.Core().V1().Services(),
		ingressWrapper,
		jobInformerFactory.Batch().V1().Jobs(),
		jobInformerFactory.Core().V1().Pods(),
		tolerantinformer.NewTolerantRolloutInformer(dynamicInformerFactory),
		tolerantinformer.NewTolerantExperimentInformer(dynamicInformerFactory),
		tolerantinformer.NewTolerantAnalysisRunInformer(dynamicInformerFactory),
		tolerantinformer.NewTolerantAnalysisTemplateInformer(dynamicInformerFactory),
		tolerantinformer.NewTolerantClusterAnalysisTemplateInformer(clusterDynamicInformerFactory),
		istioPrimaryDynamicClient,
		istioDynamicInformerFactory.ForResource(istioutil.GetIstioVirtualServiceGVR()).Informer(),
		istioDynamicInformerFactory.ForResource(istioutil.GetIstioDestinationRuleGVR()).Informer(),
		notificationConfigMapInformerFactory,
		notificationSecretInformerFactory,
		resync,
		"",
		o.MetricsPort,
		o.HealthzPort,
		k8sRequestProvider,
		[]string{"nginx"},
		[]string{"alb"},
		dynamicInformerFactory,
		clusterDynamicInformerFactory,
		istioDynamicInformerFactory,
		false,
		kubeInformerFactory,
		replicaSetInformerFactory,
		jobInformerFactory,
		rollout.DefaultEphemeralMetadataThreads,
		rollout.DefaultEphemeralMetadataPodRetries,
		false,
	)
	electOpts := controller.NewLeaderElectionOptions()
	electOpts.LeaderElect = false
	log.WithField("version", "v1.10.1").Info("fleetsim: Argo Rollouts controller starting")
	return cm.Run(ctx, controller.DefaultRolloutThreads, controller.DefaultServiceThreads, controller.DefaultIngressThreads,
		controller.DefaultExperimentThreads, controller.DefaultAnalysisThreads, electOpts)
}

// waitHTTP polls url until it answers 200.
func waitHTTP(ctx context.Context, url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	c := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
