package sim

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensionsclient "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/yaml"
)

// Argo Rollouts CRD files (installed on workload clusters) and the hub ones.
var (
	ArgoCRDFiles = []string{"rollout-crd.yaml", "analysis-template-crd.yaml", "cluster-analysis-template-crd.yaml", "analysis-run-crd.yaml", "experiment-crd.yaml"}
	HubCRDFiles  = []string{"fleet-crds.yaml", "applicationset-crd.yaml"}
)

// FindCRDDir looks for shared/crds in the ancestors of the working directory
// and of the executable (the repository's ../shared/crds).
func FindCRDDir() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, s := range starts {
		d := s
		for {
			c := filepath.Join(d, "shared", "crds")
			if _, err := os.Stat(filepath.Join(c, "rollout-crd.yaml")); err == nil {
				return c, nil
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	return "", fmt.Errorf("shared/crds not found above %v; pass --crds DIR", starts)
}

// LoadCRDs decodes every CustomResourceDefinition document in the files.
func LoadCRDs(dir string, files []string) ([]*apiextensionsv1.CustomResourceDefinition, error) {
	var out []*apiextensionsv1.CustomResourceDefinition
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		rd := utilyaml.NewYAMLReader(bufio.NewReaderSize(bytes.NewReader(data), 1<<20))
		for {
			doc, err := rd.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if len(bytes.TrimSpace(doc)) == 0 {
				continue
			}
			crd := &apiextensionsv1.CustomResourceDefinition{}
			if err := yaml.Unmarshal(doc, crd); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if crd.Kind != "CustomResourceDefinition" || crd.Name == "" {
				continue
			}
			out = append(out, crd)
		}
	}
	return out, nil
}

// StripDescriptions removes the field descriptions of every schema (what
// controller-gen's crd:maxDescLen=0 produces). Validation is unchanged; the
// API servers then build their OpenAPI documents several times faster.
func StripDescriptions(crds []*apiextensionsv1.CustomResourceDefinition) {
	var strip func(p *apiextensionsv1.JSONSchemaProps)
	strip = func(p *apiextensionsv1.JSONSchemaProps) {
		if p == nil {
			return
		}
		p.Description = ""
		for k, v := range p.Properties {
			strip(&v)
			p.Properties[k] = v
		}
		if p.Items != nil {
			strip(p.Items.Schema)
			for i := range p.Items.JSONSchemas {
				strip(&p.Items.JSONSchemas[i])
			}
		}
		if p.AdditionalProperties != nil {
			strip(p.AdditionalProperties.Schema)
		}
		for _, l := range [][]apiextensionsv1.JSONSchemaProps{p.AllOf, p.AnyOf, p.OneOf} {
			for i := range l {
				strip(&l[i])
			}
		}
		strip(p.Not)
	}
	for _, c := range crds {
		for i := range c.Spec.Versions {
			if c.Spec.Versions[i].Schema != nil {
				strip(c.Spec.Versions[i].Schema.OpenAPIV3Schema)
			}
		}
	}
}

// InstallCRDs creates (or updates) the CRDs and waits until each is Established.
func InstallCRDs(ctx context.Context, cfg *rest.Config, crds []*apiextensionsv1.CustomResourceDefinition) error {
	c, err := apiextensionsclient.NewForConfig(cfg)
	if err != nil {
		return err
	}
	api := c.ApiextensionsV1().CustomResourceDefinitions()
	for _, crd := range crds {
		t0 := time.Now()
		_, err := api.Create(ctx, crd.DeepCopy(), metav1.CreateOptions{FieldManager: "fleetsim"})
		if apierrors.IsAlreadyExists(err) {
			cur, gerr := api.Get(ctx, crd.Name, metav1.GetOptions{})
			if gerr != nil {
				return gerr
			}
			upd := crd.DeepCopy()
			upd.ResourceVersion = cur.ResourceVersion
			_, err = api.Update(ctx, upd, metav1.UpdateOptions{FieldManager: "fleetsim"})
		}
		if err != nil {
			return fmt.Errorf("install CRD %s: %w", crd.Name, err)
		}
		if os.Getenv("FLEETSIM_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "fleetsim: %s created in %.2fs\n", crd.Name, time.Since(t0).Seconds())
		}
	}
	deadline := time.Now().Add(90 * time.Second)
	for _, crd := range crds {
		for {
			cur, err := api.Get(ctx, crd.Name, metav1.GetOptions{})
			if err == nil && crdEstablished(cur) {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("CRD %s not Established after 90s (%v)", crd.Name, err)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

func crdEstablished(c *apiextensionsv1.CustomResourceDefinition) bool {
	est, names := false, false
	for _, cond := range c.Status.Conditions {
		if cond.Type == apiextensionsv1.Established && cond.Status == apiextensionsv1.ConditionTrue {
			est = true
		}
		if cond.Type == apiextensionsv1.NamesAccepted && cond.Status == apiextensionsv1.ConditionTrue {
			names = true
		}
	}
	return est && names
}
