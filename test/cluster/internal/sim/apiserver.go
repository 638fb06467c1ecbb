package sim

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

// Admission plugins that need controllers or kubelets this simulator does not
// run (ServiceAccount needs the token controller, the storage ones need PV
// controllers) or that only cost memory here.
var disabledAdmission = []string{
	"ServiceAccount",
	"PodSecurity",
	"ResourceQuota",
	"LimitRanger",
	"StorageObjectInUseProtection",
	"PersistentVolumeClaimResize",
	"DefaultStorageClass",
	"RuntimeClass",
	"CertificateApproval",
	"CertificateSigning",
	"ClusterTrustBundleAttest",
	"CertificateSubjectRestriction",
	"DefaultIngressClass",
	"TaintNodesByCondition",
}

// StartEtcd starts an embedded single-member etcd on 127.0.0.1.
func StartEtcd(dataDir string, clientPort, peerPort int) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "fleetsim"
	cfg.Dir = dataDir
	cu, _ := url.Parse(fmt.Sprintf("http://127.0.0.1:%d", clientPort))
	pu, _ := url.Parse(fmt.Sprintf("http://127.0.0.1:%d", peerPort))
	cfg.ListenClientUrls = []url.URL{*cu}
	cfg.AdvertiseClientUrls = []url.URL{*cu}
	cfg.ListenPeerUrls = []url.URL{*pu}
	cfg.AdvertisePeerUrls = []url.URL{*pu}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.UnsafeNoFsync = true
	cfg.LogLevel = "error"
	cfg.AutoCompactionMode = "periodic"
	cfg.AutoCompactionRetention = "10m"
	cfg.SnapshotCount = 5000
	cfg.QuotaBackendBytes = 2 << 30
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Server.Stop()
		return nil, fmt.Errorf("etcd did not become ready within 60s")
	}
}

// apiserverArgs builds the kube-apiserver command line for one cluster.
func apiserverArgs(p ClusterPKI, port, etcdPort int, serviceCIDR string, verbosity int) []string {
	disabled := ""
	for i, d := range disabledAdmission {
		if i > 0 {
			disabled += ","
		}
		disabled += d
	}
	return []string{
		fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", etcdPort),
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", port),
		"--tls-cert-file=" + p.ServingCert,
		"--tls-private-key-file=" + p.ServingKey,
		"--client-ca-file=" + p.CACert,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + p.SAPub,
		"--service-account-signing-key-file=" + p.SAKey,
		"--service-cluster-ip-range=" + serviceCIDR,
		"--authorization-mode=RBAC",
		"--disable-admission-plugins=" + disabled,
		"--endpoint-reconciler-type=none",
		"--enable-priority-and-fairness=false",
		"--profiling=false",
		"--enable-garbage-collector=true",
		"--allow-privileged=true",
		"--event-ttl=30m",
		"--delete-collection-workers=1",
		"--cert-dir=" + filepath.Join(p.Dir, "generated"),
		"--enable-logs-handler=false",
		// Quick graceful stop (Stop, restart-apiserver): end open watches and
		// bound net/http's Shutdown to 2s instead of the 60s request timeout.
		"--shutdown-watch-termination-grace-period=2s",
		"--shutdown-send-retry-after=true",
		fmt.Sprintf("--v=%d", verbosity),
	}
}

// APIServerMain is the "apiserver" child process: embedded etcd plus an
// in-process kube-apiserver (the real k8s.io/kubernetes/cmd/kube-apiserver).
func APIServerMain(args []string) error {
	fs := flag.NewFlagSet("apiserver", flag.ContinueOnError)
	dir := fs.String("dir", "", "state directory of the run")
	name := fs.String("name", "", "cluster name")
	port := fs.Int("port", 0, "secure port")
	etcdPort := fs.Int("etcd-port", 0, "etcd client port")
	etcdPeerPort := fs.Int("etcd-peer-port", 0, "etcd peer port")
	serviceCIDR := fs.String("service-cidr", "10.96.0.0/16", "service cluster IP range")
	verbosity := fs.Int("v", 0, "kube-apiserver log verbosity")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *name == "" || *port == 0 || *etcdPort == 0 || *etcdPeerPort == 0 {
		return fmt.Errorf("apiserver: --dir, --name, --port, --etcd-port and --etcd-peer-port are required")
	}
	p := pkiPaths(filepath.Join(*dir, "pki", *name))
	etcdDir := filepath.Join(*dir, "etcd", *name)
	if err := os.MkdirAll(etcdDir, 0o700); err != nil {
		return err
	}
	e, err := StartEtcd(etcdDir, *etcdPort, *etcdPeerPort)
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer func() {
		e.Close()
	}()
	fmt.Fprintf(os.Stderr, "fleetsim: etcd for %s ready on 127.0.0.1:%d\n", *name, *etcdPort)

	cmd := app.NewAPIServerCommand()
	cmd.SetArgs(apiserverArgs(p, *port, *etcdPort, *serviceCIDR, *verbosity))
	// NewAPIServerCommand installs the SIGTERM/SIGINT handler; Execute returns
	// once the server has shut down, then etcd is closed by the defer.
	errc := make(chan error, 1)
	go func() { errc <- cmd.Execute() }()
	select {
	case err := <-errc:
		return err
	case err := <-e.Err():
		return fmt.Errorf("etcd failed: %w", err)
	}
}
