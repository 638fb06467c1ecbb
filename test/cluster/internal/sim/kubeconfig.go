package sim

import (
	"fmt"
	"os"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// KubeconfigEntry is one cluster of the kubeconfig.
type KubeconfigEntry struct {
	Name      string
	Server    string
	Namespace string
	PKI       ClusterPKI
}

// WriteKubeconfig writes one context per cluster (context, cluster and the
// admin user are named after the cluster; certificates are embedded). With
// viewer=true the read-only "viewer" client certificates are used instead.
func WriteKubeconfig(path string, entries []KubeconfigEntry, current string, viewer bool) error {
	cfg := clientcmdapi.NewConfig()
	for _, e := range entries {
		ca, err := os.ReadFile(e.PKI.CACert)
		if err != nil {
			return err
		}
		certPath, keyPath, user := e.PKI.AdminCert, e.PKI.AdminKey, e.Name+"-admin"
		if viewer {
			certPath, keyPath, user = e.PKI.ViewerCert, e.PKI.ViewerKey, e.Name+"-viewer"
		}
		cert, err := os.ReadFile(certPath)
		if err != nil {
			return err
		}
		key, err := os.ReadFile(keyPath)
		if err != nil {
			return err
		}
		cl := clientcmdapi.NewCluster()
		cl.Server = e.Server
		cl.CertificateAuthorityData = ca
		cfg.Clusters[e.Name] = cl
		u := clientcmdapi.NewAuthInfo()
		u.ClientCertificateData = cert
		u.ClientKeyData = key
		cfg.AuthInfos[user] = u
		c := clientcmdapi.NewContext()
		c.Cluster = e.Name
		c.AuthInfo = user
		c.Namespace = e.Namespace
		cfg.Contexts[e.Name] = c
	}
	if _, ok := cfg.Contexts[current]; !ok {
		return fmt.Errorf("current context %q not among clusters", current)
	}
	cfg.CurrentContext = current
	return clientcmd.WriteToFile(*cfg, path)
}
