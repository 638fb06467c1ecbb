package sim

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

const childReadyLine = "FLEETSIM-CHILD-READY"

// Options of one simulated environment.
type Options struct {
	Dir           string
	Seed          string // "" or "demo"
	HubClusters   int    // number of Fleet Cluster objects on the hub (--clusters)
	PodReadyDelay time.Duration
	CRDDir        string
	MetricsPort   int
	EdgeClusters  []string
	HubCluster    string
	Nodes         int
	// StripCRDDescriptions installs the CRDs without field descriptions
	// (faster start, same validation).
	StripCRDDescriptions bool
	Verbosity            int
	ArgoLogLevel         string
	// Exe is the binary started for the child processes (default: this one)
	// and ExtraEnv is added to their environment (the e2e test re-executes
	// its own test binary).
	Exe      string
	ExtraEnv []string
	// Log receives progress lines (default stderr).
	Log io.Writer
}

func (o *Options) defaults() {
	if len(o.EdgeClusters) == 0 {
		o.EdgeClusters = []string{"edge-eu-1", "edge-us-1"}
	}
	if o.HubCluster == "" {
		o.HubCluster = "hub"
	}
	if o.HubClusters == 0 {
		o.HubClusters = 5
	}
	if o.PodReadyDelay == 0 {
		o.PodReadyDelay = time.Second
	}
	if o.Nodes == 0 {
		o.Nodes = 3
	}
	if o.ArgoLogLevel == "" {
		o.ArgoLogLevel = "info"
	}
	if o.Log == nil {
		o.Log = os.Stderr
	}
}

// Cluster is one simulated cluster (one kube-apiserver + etcd, and for
// workload clusters one controllers process).
type Cluster struct {
	Name            string     `json:"name"`
	Role            string     `json:"role"` // "workload" or "hub"
	Server          string     `json:"server"`
	Namespace       string     `json:"namespace"`
	Port            int        `json:"port"`
	EtcdClientPort  int        `json:"etcdClientPort"`
	EtcdPeerPort    int        `json:"etcdPeerPort"`
	APIServerPID    int        `json:"apiserverPid"`
	ControllersPID  int        `json:"controllersPid,omitempty"`
	ArgoHealthzPort int        `json:"argoHealthzPort,omitempty"`
	ArgoMetricsPort int        `json:"argoMetricsPort,omitempty"`
	APIServerLog    string     `json:"apiserverLog"`
	ControllersLog  string     `json:"controllersLog,omitempty"`
	PKI             ClusterPKI `json:"-"`
}

// State is what DIR/state.json holds.
type State struct {
	PID              int        `json:"pid"`
	Dir              string     `json:"dir"`
	Kubeconfig       string     `json:"kubeconfig"`
	ViewerKubeconfig string     `json:"viewerKubeconfig"`
	MetricsURL       string     `json:"metricsURL"`
	ControlURL       string     `json:"controlURL"`
	Seed             string     `json:"seed,omitempty"`
	HubClusters      int        `json:"hubClusters"`
	PodReadyDelay    string     `json:"podReadyDelay"`
	StartedAt        time.Time  `json:"startedAt"`
	ReadyAt          time.Time  `json:"readyAt"`
	StartupSeconds   float64    `json:"startupSeconds"`
	Clusters         []*Cluster `json:"clusters"`
}

type child struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error
	// ready is closed when the child printed childReadyLine
	ready chan struct{}
	// expected: a deliberate stop (restart-apiserver), not a failure
	expected bool
}

// Env is a running simulated environment.
type Env struct {
	Opts       Options
	Clusters   []*Cluster
	Metrics    *MetricsServer
	Kubeconfig string
	State      State

	mu       sync.Mutex
	children []*child
	stopping bool
	failed   chan error

	restartMu sync.Mutex // one restart-apiserver at a time
	control   *http.Server
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (e *Env) logf(format string, args ...any) {
	fmt.Fprintf(e.Opts.Log, "fleetsim: "+format+"\n", args...)
}

// Failed is signalled when a child process exits while the environment runs.
func (e *Env) Failed() <-chan error { return e.failed }

func (e *Env) Cluster(name string) *Cluster {
	for _, c := range e.Clusters {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// RestConfig returns an admin rest config for one cluster.
func (e *Env) RestConfig(name string) (*rest.Config, error) {
	return RestConfigFor(e.Kubeconfig, name)
}

func (e *Env) startChild(name, logPath string, args []string, extraEnv []string) (*child, error) {
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(e.Opts.Exe, args...)
	cmd.Env = append(append(os.Environ(), e.Opts.ExtraEnv...), extraEnv...)
	cmd.Stderr = lf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		lf.Close()
		return nil, err
	}
	// Own process group (a terminal Ctrl-C reaches only the orchestrator,
	// which stops the children in order); die with the orchestrator.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, err
	}
	c := &child{name: name, cmd: cmd, done: make(chan struct{}), ready: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stdout)
		readyClosed := false
		for sc.Scan() {
			line := sc.Text()
			if line == childReadyLine && !readyClosed {
				close(c.ready)
				readyClosed = true
				continue
			}
			fmt.Fprintln(lf, line)
		}
	}()
	go func() {
		c.err = cmd.Wait()
		lf.Close()
		close(c.done)
		e.mu.Lock()
		stopping := e.stopping || c.expected
		e.mu.Unlock()
		if !stopping {
			select {
			case e.failed <- fmt.Errorf("%s exited unexpectedly (%v); see %s", name, c.err, logPath):
			default:
			}
		}
	}()
	e.mu.Lock()
	e.children = append(e.children, c)
	e.mu.Unlock()
	return c, nil
}

// Start brings up the whole environment and returns once every API server is
// healthy, the CRDs are Established, the controllers run and (optionally) the
// demo seed has been applied.
func Start(ctx context.Context, o Options) (env *Env, err error) {
	o.defaults()
	start := time.Now()
	if o.Dir == "" {
		return nil, fmt.Errorf("--dir is required")
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	o.Dir = dir
	if o.Exe == "" {
		if o.Exe, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	if o.CRDDir == "" {
		if o.CRDDir, err = FindCRDDir(); err != nil {
			return nil, err
		}
	}
	for _, sub := range []string{"etcd", "pki", "logs"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o755); err != nil {
		return nil, err
	}
	env = &Env{Opts: o, failed: make(chan error, 8)}
	defer func() {
		if err != nil {
			env.Stop()
			env = nil
		}
	}()

	env.Metrics = NewMetricsServer("0")
	if err := env.Metrics.Start(o.MetricsPort); err != nil {
		return env, fmt.Errorf("metrics server: %w", err)
	}
	env.logf("metrics (fake Prometheus) on %s", env.Metrics.URL)

	// Load CRDs early: a missing file fails fast.
	argoCRDs, err := LoadCRDs(o.CRDDir, ArgoCRDFiles)
	if err != nil {
		return env, err
	}
	hubCRDs, err := LoadCRDs(o.CRDDir, HubCRDFiles)
	if err != nil {
		return env, err
	}
	if o.StripCRDDescriptions {
		StripDescriptions(argoCRDs)
		StripDescriptions(hubCRDs)
	}

	names := append(append([]string{}, o.EdgeClusters...), o.HubCluster)
	var entries []KubeconfigEntry
	for i, n := range names {
		c := &Cluster{Name: n, Role: "workload"}
		if n == o.HubCluster {
			c.Role = "hub"
			c.Namespace = "fleet-default"
		} else if i%2 == 0 {
			c.Namespace = "payments"
		} else {
			c.Namespace = "shop"
		}
		for _, p := range []*int{&c.Port, &c.EtcdClientPort, &c.EtcdPeerPort} {
			if *p, err = freePort(); err != nil {
				return env, err
			}
		}
		c.Server = fmt.Sprintf("https://127.0.0.1:%d", c.Port)
		if c.PKI, err = GeneratePKI(filepath.Join(dir, "pki", n), n); err != nil {
			return env, err
		}
		c.APIServerLog = filepath.Join(dir, "logs", n+"-apiserver.log")
		env.Clusters = append(env.Clusters, c)
		entries = append(entries, KubeconfigEntry{Name: n, Server: c.Server, Namespace: c.Namespace, PKI: c.PKI})
	}
	env.Kubeconfig = filepath.Join(dir, "kubeconfig")
	if err := WriteKubeconfig(env.Kubeconfig, entries, names[0], false); err != nil {
		return env, err
	}
	viewerKubeconfig := filepath.Join(dir, "kubeconfig-viewer")
	if err := WriteKubeconfig(viewerKubeconfig, entries, names[0], true); err != nil {
		return env, err
	}

	// 1. API servers (each with its embedded etcd), all at once.
	apiChildren := map[string]*child{}
	for _, c := range env.Clusters {
		ch, err := env.startAPIServer(c)
		if err != nil {
			return env, err
		}
		apiChildren[c.Name] = ch
	}
	if err := env.parallel(func(c *Cluster) error {
		return env.waitAPIServer(ctx, c, apiChildren[c.Name], 4*time.Minute)
	}); err != nil {
		return env, err
	}
	env.logf("api servers healthy after %.1fs", time.Since(start).Seconds())

	// 2. CRDs and base objects.
	if err := env.parallel(func(c *Cluster) error {
		cfg, err := env.RestConfig(c.Name)
		if err != nil {
			return err
		}
		crds := argoCRDs
		if c.Role == "hub" {
			crds = hubCRDs
		}
		t0 := time.Now()
		if err := InstallCRDs(ctx, cfg, crds); err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
		env.logf("%s: %d CRDs established in %.1fs", c.Name, len(crds), time.Since(t0).Seconds())
		return baseObjects(ctx, cfg, c)
	}); err != nil {
		return env, err
	}
	env.logf("CRDs established after %.1fs", time.Since(start).Seconds())
	argoCRDs, hubCRDs = nil, nil
	debug.FreeOSMemory()

	// 3. Controllers on the workload clusters.
	ctlChildren := map[string]*child{}
	for _, c := range env.Clusters {
		if c.Role != "workload" {
			continue
		}
		if c.ArgoHealthzPort, err = freePort(); err != nil {
			return env, err
		}
		if c.ArgoMetricsPort, err = freePort(); err != nil {
			return env, err
		}
		c.ControllersLog = filepath.Join(dir, "logs", c.Name+"-controllers.log")
		ch, err := env.startChild(c.Name+"/controllers", c.ControllersLog, []string{"controllers",
			"--kubeconfig", env.Kubeconfig, "--context", c.Name,
			"--pod-ready-delay", o.PodReadyDelay.String(), "--nodes", fmt.Sprint(o.Nodes),
			"--argo-metrics-port", fmt.Sprint(c.ArgoMetricsPort), "--argo-healthz-port", fmt.Sprint(c.ArgoHealthzPort),
			"--argo-loglevel", o.ArgoLogLevel},
			[]string{"ARGO_ROLLOUTS_PROMETHEUS_ADDRESS=" + env.Metrics.URL, "POD_NAMESPACE=argo-rollouts"})
		if err != nil {
			return env, err
		}
		c.ControllersPID = ch.cmd.Process.Pid
		ctlChildren[c.Name] = ch
	}
	for name, ch := range ctlChildren {
		select {
		case <-ch.ready:
		case <-ch.done:
			return env, fmt.Errorf("%s controllers exited during startup (%v); see %s", name, ch.err, env.Cluster(name).ControllersLog)
		case <-time.After(3 * time.Minute):
			return env, fmt.Errorf("%s controllers not ready after 3m; see %s", name, env.Cluster(name).ControllersLog)
		case <-ctx.Done():
			return env, ctx.Err()
		}
	}
	env.logf("controllers running after %.1fs", time.Since(start).Seconds())

	// 4. Seed.
	if o.Seed != "" {
		if o.Seed != "demo" {
			return env, fmt.Errorf("unknown seed %q (only \"demo\")", o.Seed)
		}
		if err := SeedDemo(ctx, env); err != nil {
			return env, fmt.Errorf("seed demo: %w", err)
		}
		env.logf("demo seeded after %.1fs", time.Since(start).Seconds())
	}

	controlURL, err := env.startControl()
	if err != nil {
		return env, fmt.Errorf("control server: %w", err)
	}
	env.State = State{
		PID:              os.Getpid(),
		Dir:              dir,
		Kubeconfig:       env.Kubeconfig,
		ViewerKubeconfig: viewerKubeconfig,
		MetricsURL:       env.Metrics.URL,
		ControlURL:       controlURL,
		Seed:             o.Seed,
		HubClusters:      o.HubClusters,
		PodReadyDelay:    o.PodReadyDelay.String(),
		StartedAt:        start,
		ReadyAt:          time.Now(),
		StartupSeconds:   time.Since(start).Seconds(),
		Clusters:         env.Clusters,
	}
	if err := env.writeState(); err != nil {
		return env, err
	}
	return env, nil
}

func (e *Env) writeState() error {
	e.mu.Lock()
	data, _ := json.MarshalIndent(e.State, "", "  ")
	e.mu.Unlock()
	return os.WriteFile(filepath.Join(e.State.Dir, "state.json"), append(data, '\n'), 0o644)
}

// readState reads a state.json written by writeState (for the subcommands that talk to a running env).
func readState(path string) (State, error) {
	var st State
	data, err := os.ReadFile(path)
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// apiserverEnv trades a little CPU for ~25% less memory in the API servers
// unless the caller chose GOGC/GOMEMLIMIT.
func apiserverEnv() []string {
	var env []string
	if os.Getenv("GOGC") == "" {
		env = append(env, "GOGC=50")
	}
	return env
}

func (e *Env) parallel(f func(c *Cluster) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(e.Clusters))
	for i, c := range e.Clusters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(c)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (e *Env) waitAPIServer(ctx context.Context, c *Cluster, ch *child, timeout time.Duration) error {
	cfg, err := e.RestConfig(c.Name)
	if err != nil {
		return err
	}
	cfg.Timeout = 5 * time.Second
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	var last error
	for {
		body, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && strings.TrimSpace(string(body)) == "ok" {
			return nil
		}
		last = err
		select {
		case <-ch.done:
			return fmt.Errorf("%s kube-apiserver exited (%v); see %s", c.Name, ch.err, c.APIServerLog)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s kube-apiserver not ready after %s: %v; see %s", c.Name, timeout, last, c.APIServerLog)
		}
	}
}

// baseObjects: namespaces, the read-only "viewer" binding and the aggregated
// view role for the Argo kinds (as the upstream install manifests ship it).
func baseObjects(ctx context.Context, cfg *rest.Config, c *Cluster) error {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	nss := []string{"argo-rollouts", "payments", "shop"}
	if c.Role == "hub" {
		nss = []string{"fleet-default", "fleet-local", "argocd", "cattle-fleet-system"}
	}
	for _, ns := range nss {
		if err := ensureNamespace(ctx, client, ns, nil); err != nil {
			return err
		}
	}
	roles := []*rbacv1.ClusterRole{}
	if c.Role == "workload" {
		roles = append(roles, &rbacv1.ClusterRole{
			ObjectMeta: metav1.ObjectMeta{Name: "argo-rollouts-aggregate-to-view", Labels: map[string]string{
				"rbac.authorization.k8s.io/aggregate-to-view": "true", "app.kubernetes.io/part-of": "argo-rollouts"}},
			Rules: []rbacv1.PolicyRule{{APIGroups: []string{"argoproj.io"},
				Resources: []string{"rollouts", "rollouts/scale", "rollouts/status", "experiments", "analysistemplates", "clusteranalysistemplates", "analysisruns"},
				Verbs:     []string{"get", "list", "watch"}}},
		})
	} else {
		roles = append(roles, &rbacv1.ClusterRole{
			ObjectMeta: metav1.ObjectMeta{Name: "fleetsim-hub-aggregate-to-view", Labels: map[string]string{
				"rbac.authorization.k8s.io/aggregate-to-view": "true"}},
			Rules: []rbacv1.PolicyRule{
				{APIGroups: []string{"fleet.cattle.io"}, Resources: []string{"*"}, Verbs: []string{"get", "list", "watch"}},
				{APIGroups: []string{"argoproj.io"}, Resources: []string{"applicationsets"}, Verbs: []string{"get", "list", "watch"}},
			},
		})
	}
	for _, r := range roles {
		if _, err := client.RbacV1().ClusterRoles().Create(ctx, r, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			return err
		}
	}
	// kube-controller-manager's clusterrole-aggregation controller does not
	// run here, so the viewers are bound to the CRD role directly as well.
	bindings := map[string]string{"fleetsim-viewers": "view", "fleetsim-viewers-crds": roles[0].Name}
	for name, role := range bindings {
		crb := &rbacv1.ClusterRoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: role},
			Subjects:   []rbacv1.Subject{{Kind: "Group", APIGroup: "rbac.authorization.k8s.io", Name: "fleetsim:viewers"}},
		}
		if _, err := client.RbacV1().ClusterRoleBindings().Create(ctx, crb, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			return err
		}
	}
	return nil
}

func ensureNamespace(ctx context.Context, client kubernetes.Interface, name string, labels map[string]string) error {
	_, err := client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	return nil
}

// Stop shuts the environment down: controllers first, then the API servers
// (each closes its etcd), then the metrics server.
func (e *Env) Stop() {
	if e == nil {
		return
	}
	e.mu.Lock()
	e.stopping = true
	children := append([]*child{}, e.children...)
	e.mu.Unlock()
	var ctl, api []*child
	for _, c := range children {
		if strings.HasSuffix(c.name, "/controllers") {
			ctl = append(ctl, c)
		} else {
			api = append(api, c)
		}
	}
	if e.control != nil {
		e.control.Close()
	}
	stopAll(ctl, 15*time.Second)
	stopAll(api, 30*time.Second)
	if e.Metrics != nil {
		e.Metrics.Close()
	}
}

func stopAll(cs []*child, timeout time.Duration) {
	for _, c := range cs {
		select {
		case <-c.done:
		default:
			_ = c.cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	deadline := time.After(timeout)
	for _, c := range cs {
		select {
		case <-c.done:
		case <-deadline:
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	}
}

// RunMain implements `fleetsim run`.
func RunMain(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var o Options
	fs.StringVar(&o.Dir, "dir", "", "state directory (kubeconfig, state.json, logs, etcd data)")
	fs.StringVar(&o.Seed, "seed", "", `seed data set: "demo"`)
	fs.IntVar(&o.HubClusters, "clusters", 5, "number of Fleet Cluster objects on the hub (1-500)")
	fs.DurationVar(&o.PodReadyDelay, "pod-ready-delay", time.Second, "delay before a simulated pod turns Running/Ready")
	fs.StringVar(&o.CRDDir, "crds", "", "directory with the upstream CRD files (default: shared/crds found above the working directory)")
	fs.IntVar(&o.MetricsPort, "metrics-port", 0, "port of the fake Prometheus (0 = random)")
	fs.IntVar(&o.Nodes, "nodes", 3, "simulated nodes per workload cluster")
	fs.BoolVar(&o.StripCRDDescriptions, "strip-crd-descriptions", false, "install the CRDs without field descriptions (faster start, same validation)")
	fs.IntVar(&o.Verbosity, "v", 0, "kube-apiserver/klog verbosity")
	fs.StringVar(&o.ArgoLogLevel, "argo-loglevel", "info", "Argo Rollouts controller log level")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.HubClusters < 1 || o.HubClusters > 500 {
		return fmt.Errorf("--clusters must be between 1 and 500")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	env, err := Start(ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "READY kubeconfig=%s state=%s metrics=%s startup=%.1fs control=%s\n",
		env.Kubeconfig, filepath.Join(env.State.Dir, "state.json"), env.Metrics.URL, env.State.StartupSeconds, env.State.ControlURL)
	env.logf("ready: export KUBECONFIG=%s  (contexts: %s); Ctrl-C stops", env.Kubeconfig, strings.Join(append(append([]string{}, env.Opts.EdgeClusters...), env.Opts.HubCluster), ", "))
	var runErr error
	select {
	case <-ctx.Done():
		env.logf("signal received, shutting down")
	case runErr = <-env.Failed():
		env.logf("%v; shutting down", runErr)
	}
	env.Stop()
	env.logf("stopped")
	return runErr
}
