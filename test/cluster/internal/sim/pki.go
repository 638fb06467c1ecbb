package sim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// ClusterPKI is the set of files one API server needs: its own CA (which signs
// both the serving certificate and the client certificates), a serving
// certificate for 127.0.0.1/localhost, an admin client certificate
// (O=system:masters), a read-only "viewer" client certificate and the
// service-account signing key pair.
type ClusterPKI struct {
	Dir          string
	CACert       string
	CAKey        string
	ServingCert  string
	ServingKey   string
	AdminCert    string
	AdminKey     string
	ViewerCert   string
	ViewerKey    string
	SAKey        string
	SAPub        string
	FrontProxyCA string
}

func pkiPaths(dir string) ClusterPKI {
	j := func(n string) string { return filepath.Join(dir, n) }
	return ClusterPKI{
		Dir:         dir,
		CACert:      j("ca.crt"),
		CAKey:       j("ca.key"),
		ServingCert: j("apiserver.crt"),
		ServingKey:  j("apiserver.key"),
		AdminCert:   j("admin.crt"),
		AdminKey:    j("admin.key"),
		ViewerCert:  j("viewer.crt"),
		ViewerKey:   j("viewer.key"),
		SAKey:       j("sa.key"),
		SAPub:       j("sa.pub"),
	}
}

type keyPair struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newKey() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}

func writeKey(path string, k *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		return err
	}
	return writePEM(path, "EC PRIVATE KEY", der, 0o600)
}

func sign(tmpl *x509.Certificate, parent *keyPair, pub *ecdsa.PrivateKey) (*x509.Certificate, []byte, error) {
	signer := pub
	parentCert := tmpl
	if parent != nil {
		signer = parent.key
		parentCert = parent.cert
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parentCert, &pub.PublicKey, signer)
	if err != nil {
		return nil, nil, err
	}
	c, err := x509.ParseCertificate(der)
	return c, der, err
}

// GeneratePKI creates a fresh CA and the certificates of one cluster in dir.
func GeneratePKI(dir, cluster string) (ClusterPKI, error) {
	p := pkiPaths(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return p, err
	}
	now := time.Now().Add(-time.Hour)
	until := now.Add(10 * 365 * 24 * time.Hour)

	caKey, err := newKey()
	if err != nil {
		return p, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "fleetsim-ca-" + cluster},
		NotBefore:             now,
		NotAfter:              until,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caCert, caDER, err := sign(caTmpl, nil, caKey)
	if err != nil {
		return p, err
	}
	ca := &keyPair{caCert, caKey}
	if err := writePEM(p.CACert, "CERTIFICATE", caDER, 0o644); err != nil {
		return p, err
	}
	if err := writeKey(p.CAKey, caKey); err != nil {
		return p, err
	}

	leaf := func(certPath, keyPath string, tmpl *x509.Certificate) error {
		k, err := newKey()
		if err != nil {
			return err
		}
		tmpl.SerialNumber = serial()
		tmpl.NotBefore = now
		tmpl.NotAfter = until
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		_, der, err := sign(tmpl, ca, k)
		if err != nil {
			return err
		}
		if err := writePEM(certPath, "CERTIFICATE", der, 0o644); err != nil {
			return err
		}
		return writeKey(keyPath, k)
	}

	if err := leaf(p.ServingCert, p.ServingKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost", cluster, "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}); err != nil {
		return p, fmt.Errorf("serving cert: %w", err)
	}
	if err := leaf(p.AdminCert, p.AdminKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "fleetsim-admin", Organization: []string{"system:masters"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return p, fmt.Errorf("admin cert: %w", err)
	}
	if err := leaf(p.ViewerCert, p.ViewerKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "fleetsim-viewer", Organization: []string{"fleetsim:viewers"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return p, fmt.Errorf("viewer cert: %w", err)
	}

	saKey, err := newKey()
	if err != nil {
		return p, err
	}
	if err := writeKey(p.SAKey, saKey); err != nil {
		return p, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&saKey.PublicKey)
	if err != nil {
		return p, err
	}
	if err := writePEM(p.SAPub, "PUBLIC KEY", pubDER, 0o644); err != nil {
		return p, err
	}
	return p, nil
}
