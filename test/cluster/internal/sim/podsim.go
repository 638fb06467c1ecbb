package sim

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

// Pod behaviour annotations (on the pod, usually set through the pod template
// of a Rollout/Deployment):
//
//	sim.fleetrollouts.dev/ready-after: "5s"   delay before the pod turns Ready (default: --pod-ready-delay)
//	sim.fleetrollouts.dev/behavior: "ready" (default) | "crashloop" | "never-ready" | "fail"
const (
	AnnReadyAfter = "sim.fleetrollouts.dev/ready-after"
	AnnBehavior   = "sim.fleetrollouts.dev/behavior"
)

// PodSimulator plays the kubelet and the scheduler: it binds unscheduled pods
// to fake nodes, turns them Running/Ready after a delay, and finishes graceful
// deletions (a real kubelet confirms them with a grace-period-0 delete).
type PodSimulator struct {
	client     kubernetes.Interface
	lister     corelisters.PodLister
	synced     cache.InformerSynced
	queue      workqueue.TypedRateLimitingInterface[string]
	nodes      []string
	readyDelay time.Duration
	nextIP     atomic.Uint32
	ipMu       sync.Mutex
	ips        map[types.UID]string
	cluster    string
}

func NewPodSimulator(cluster string, client kubernetes.Interface, pods coreinformers.PodInformer, nodes []string, readyDelay time.Duration) *PodSimulator {
	s := &PodSimulator{
		client:     client,
		lister:     pods.Lister(),
		synced:     pods.Informer().HasSynced,
		queue:      workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](), workqueue.TypedRateLimitingQueueConfig[string]{Name: "podsim"}),
		nodes:      nodes,
		readyDelay: readyDelay,
		ips:        map[types.UID]string{},
		cluster:    cluster,
	}
	enqueue := func(obj interface{}) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			s.queue.Add(key)
		}
	}
	_, _ = pods.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, n interface{}) { enqueue(n) },
		DeleteFunc: func(obj interface{}) {
			if p, ok := obj.(*corev1.Pod); ok {
				s.ipMu.Lock()
				delete(s.ips, p.UID)
				s.ipMu.Unlock()
			}
		},
	})
	return s
}

// EnsureNodes creates the fake nodes (Ready, schedulable, generous capacity).
func EnsureNodes(ctx context.Context, client kubernetes.Interface, cluster string, names []string) error {
	for i, n := range names {
		node := &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{
				Name: n,
				Labels: map[string]string{
					"kubernetes.io/hostname":           n,
					"kubernetes.io/os":                 "linux",
					"kubernetes.io/arch":               "amd64",
					"node.kubernetes.io/instance-type": "sim.large",
					"topology.kubernetes.io/zone":      fmt.Sprintf("%s-%c", cluster, 'a'+rune(i%3)),
					"sim.fleetrollouts.dev/simulated":  "true",
				},
			},
		}
		_, err := client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return err
		}
		cur, err := client.CoreV1().Nodes().Get(ctx, n, metav1.GetOptions{})
		if err != nil {
			return err
		}
		now := metav1.Now()
		capacity := corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse("32"),
			corev1.ResourceMemory: resource.MustParse("128Gi"),
			corev1.ResourcePods:   resource.MustParse("500"),
		}
		cur.Status = corev1.NodeStatus{
			Capacity:    capacity,
			Allocatable: capacity,
			Phase:       corev1.NodeRunning,
			Conditions: []corev1.NodeCondition{
				{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady", Message: "fleetsim simulated node is ready", LastHeartbeatTime: now, LastTransitionTime: now},
				{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientMemory", LastHeartbeatTime: now, LastTransitionTime: now},
				{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNoDiskPressure", LastHeartbeatTime: now, LastTransitionTime: now},
				{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientPID", LastHeartbeatTime: now, LastTransitionTime: now},
			},
			Addresses: []corev1.NodeAddress{
				{Type: corev1.NodeInternalIP, Address: fmt.Sprintf("10.0.0.%d", 10+i)},
				{Type: corev1.NodeHostName, Address: n},
			},
			NodeInfo: corev1.NodeSystemInfo{
				KubeletVersion:          "v1.34.5",
				KubeProxyVersion:        "v1.34.5",
				OperatingSystem:         "linux",
				Architecture:            "amd64",
				ContainerRuntimeVersion: "fleetsim://0.1",
				OSImage:                 "fleetsim simulated node",
				KernelVersion:           "6.0.0-sim",
			},
		}
		if _, err := client.CoreV1().Nodes().UpdateStatus(ctx, cur, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	return nil
}

func (s *PodSimulator) Run(ctx context.Context, workers int) {
	defer utilruntime.HandleCrash()
	defer s.queue.ShutDown()
	if !cache.WaitForCacheSync(ctx.Done(), s.synced) {
		return
	}
	for i := 0; i < workers; i++ {
		go wait.UntilWithContext(ctx, func(ctx context.Context) {
			for s.processNext(ctx) {
			}
		}, time.Second)
	}
	<-ctx.Done()
}

func (s *PodSimulator) processNext(ctx context.Context) bool {
	key, quit := s.queue.Get()
	if quit {
		return false
	}
	defer s.queue.Done(key)
	requeue, err := s.sync(ctx, key)
	if err != nil {
		if !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
			klog.InfoS("podsim sync failed", "pod", key, "err", err)
		}
		s.queue.AddRateLimited(key)
		return true
	}
	s.queue.Forget(key)
	if requeue > 0 {
		s.queue.AddAfter(key, requeue)
	}
	return true
}

func (s *PodSimulator) nodeFor(p *corev1.Pod) string {
	h := fnv.New32a()
	h.Write([]byte(p.Namespace + "/" + p.Name))
	return s.nodes[int(h.Sum32())%len(s.nodes)]
}

func (s *PodSimulator) podIP(p *corev1.Pod) string {
	s.ipMu.Lock()
	defer s.ipMu.Unlock()
	if ip, ok := s.ips[p.UID]; ok {
		return ip
	}
	if p.Status.PodIP != "" {
		s.ips[p.UID] = p.Status.PodIP
		return p.Status.PodIP
	}
	n := s.nextIP.Add(1)
	ip := fmt.Sprintf("10.244.%d.%d", (n/250)%250, n%250+2)
	s.ips[p.UID] = ip
	return ip
}

func (s *PodSimulator) sync(ctx context.Context, key string) (time.Duration, error) {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return 0, nil
	}
	p, err := s.lister.Pods(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	// Graceful deletion: confirm it as a kubelet would.
	if p.DeletionTimestamp != nil {
		zero := int64(0)
		uid := p.UID
		err := s.client.CoreV1().Pods(ns).Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: &metav1.Preconditions{UID: &uid}})
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
			return 0, nil
		}
		return 0, err
	}
	if p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		return 0, nil
	}
	// Scheduling: bind through the binding subresource like kube-scheduler.
	if p.Spec.NodeName == "" {
		b := &corev1.Binding{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, UID: p.UID},
			Target:     corev1.ObjectReference{Kind: "Node", Name: s.nodeFor(p)},
		}
		if err := s.client.CoreV1().Pods(ns).Bind(ctx, b, metav1.CreateOptions{}); err != nil && !apierrors.IsConflict(err) {
			return 0, err
		}
		return 0, nil // the update event re-queues the pod
	}

	behavior := strings.ToLower(p.Annotations[AnnBehavior])
	delay := s.readyDelay
	if v := p.Annotations[AnnReadyAfter]; v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			delay = d
		} else if secs, err := strconv.Atoi(v); err == nil {
			delay = time.Duration(secs) * time.Second
		}
	}
	created := p.CreationTimestamp.Time
	if remaining := time.Until(created.Add(delay)); remaining > 0 {
		// Show the pod as Pending/ContainerCreating until the delay has passed.
		if p.Status.Phase == "" || len(p.Status.Conditions) == 0 {
			st := s.pendingStatus(p)
			if err := s.updateStatus(ctx, p, st); err != nil {
				return 0, err
			}
		}
		return remaining + 10*time.Millisecond, nil
	}
	want := s.runningStatus(p, behavior)
	if statusEquivalent(&p.Status, want) {
		return 0, nil
	}
	return 0, s.updateStatus(ctx, p, want)
}

func (s *PodSimulator) updateStatus(ctx context.Context, p *corev1.Pod, st *corev1.PodStatus) error {
	cp := p.DeepCopy()
	cp.Status = *st
	_, err := s.client.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, cp, metav1.UpdateOptions{})
	return err
}

func hostIP(node string) string {
	h := fnv.New32a()
	h.Write([]byte(node))
	return fmt.Sprintf("10.0.1.%d", h.Sum32()%200+10)
}

func (s *PodSimulator) pendingStatus(p *corev1.Pod) *corev1.PodStatus {
	now := metav1.Now()
	st := &corev1.PodStatus{
		Phase:     corev1.PodPending,
		HostIP:    hostIP(p.Spec.NodeName),
		HostIPs:   []corev1.HostIP{{IP: hostIP(p.Spec.NodeName)}},
		StartTime: &now,
		QOSClass:  p.Status.QOSClass,
		Conditions: []corev1.PodCondition{
			{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: now},
			{Type: corev1.PodInitialized, Status: corev1.ConditionTrue, LastTransitionTime: now},
			{Type: corev1.PodReady, Status: corev1.ConditionFalse, Reason: "ContainersNotReady", Message: "containers with unready status: " + containerNames(p), LastTransitionTime: now},
			{Type: corev1.ContainersReady, Status: corev1.ConditionFalse, Reason: "ContainersNotReady", Message: "containers with unready status: " + containerNames(p), LastTransitionTime: now},
		},
	}
	for _, c := range p.Spec.Containers {
		st.ContainerStatuses = append(st.ContainerStatuses, corev1.ContainerStatus{
			Name:  c.Name,
			Image: c.Image,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}},
		})
	}
	return st
}

func containerNames(p *corev1.Pod) string {
	var n []string
	for _, c := range p.Spec.Containers {
		n = append(n, c.Name)
	}
	return "[" + strings.Join(n, " ") + "]"
}

func (s *PodSimulator) runningStatus(p *corev1.Pod, behavior string) *corev1.PodStatus {
	now := metav1.Now()
	start := now
	if p.Status.StartTime != nil {
		start = *p.Status.StartTime
	}
	ip := s.podIP(p)
	ready := behavior == "" || behavior == "ready"
	phase := corev1.PodRunning
	if behavior == "fail" {
		phase = corev1.PodFailed
	}
	readyStatus := corev1.ConditionTrue
	reason, msg := "", ""
	if !ready {
		readyStatus = corev1.ConditionFalse
		reason = "ContainersNotReady"
		msg = "containers with unready status: " + containerNames(p)
	}
	// keep transition times stable when nothing changes
	tt := func(t corev1.PodConditionType, status corev1.ConditionStatus) metav1.Time {
		for _, c := range p.Status.Conditions {
			if c.Type == t && c.Status == status {
				return c.LastTransitionTime
			}
		}
		return now
	}
	st := &corev1.PodStatus{
		Phase:     phase,
		HostIP:    hostIP(p.Spec.NodeName),
		HostIPs:   []corev1.HostIP{{IP: hostIP(p.Spec.NodeName)}},
		PodIP:     ip,
		PodIPs:    []corev1.PodIP{{IP: ip}},
		StartTime: &start,
		QOSClass:  p.Status.QOSClass,
		Conditions: []corev1.PodCondition{
			{Type: corev1.PodReadyToStartContainers, Status: corev1.ConditionTrue, LastTransitionTime: tt(corev1.PodReadyToStartContainers, corev1.ConditionTrue)},
			{Type: corev1.PodInitialized, Status: corev1.ConditionTrue, LastTransitionTime: tt(corev1.PodInitialized, corev1.ConditionTrue)},
			{Type: corev1.PodReady, Status: readyStatus, Reason: reason, Message: msg, LastTransitionTime: tt(corev1.PodReady, readyStatus)},
			{Type: corev1.ContainersReady, Status: readyStatus, Reason: reason, Message: msg, LastTransitionTime: tt(corev1.ContainersReady, readyStatus)},
			{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: tt(corev1.PodScheduled, corev1.ConditionTrue)},
		},
	}
	for i, c := range p.Spec.Containers {
		cs := corev1.ContainerStatus{
			Name:        c.Name,
			Image:       c.Image,
			ImageID:     "sim://" + c.Image,
			ContainerID: fmt.Sprintf("sim://%s-%d", p.UID, i),
			Ready:       ready,
		}
		started := true
		switch behavior {
		case "crashloop":
			started = false
			cs.RestartCount = restartCount(p, c.Name) + 1
			cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff", Message: fmt.Sprintf("back-off 10s restarting failed container=%s pod=%s_%s(%s)", c.Name, p.Name, p.Namespace, p.UID)}}
			cs.LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", StartedAt: start, FinishedAt: now}}
		case "fail":
			started = false
			cs.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", StartedAt: start, FinishedAt: now}}
		default:
			cs.State = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: start}}
		}
		cs.Started = &started
		st.ContainerStatuses = append(st.ContainerStatuses, cs)
	}
	return st
}

func restartCount(p *corev1.Pod, name string) int32 {
	for _, c := range p.Status.ContainerStatuses {
		if c.Name == name {
			return c.RestartCount
		}
	}
	return 0
}

// statusEquivalent compares what matters so that the simulator does not write
// the same status over and over (crashloop pods are written once per resync).
func statusEquivalent(a, b *corev1.PodStatus) bool {
	if a.Phase != b.Phase || a.PodIP != b.PodIP || len(a.Conditions) != len(b.Conditions) || len(a.ContainerStatuses) != len(b.ContainerStatuses) {
		return false
	}
	for i := range a.Conditions {
		if a.Conditions[i].Type != b.Conditions[i].Type || a.Conditions[i].Status != b.Conditions[i].Status {
			return false
		}
	}
	for i := range a.ContainerStatuses {
		x, y := a.ContainerStatuses[i], b.ContainerStatuses[i]
		if x.Ready != y.Ready || x.Image != y.Image || (x.State.Running == nil) != (y.State.Running == nil) || (x.State.Waiting == nil) != (y.State.Waiting == nil) {
			return false
		}
	}
	return true
}
