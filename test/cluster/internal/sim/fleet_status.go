package sim

import (
	"fmt"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Port of the parts of Fleet's bundle controller that compute a Bundle's
// rollout status (shared/docs/semantics/fleet-argocd.md §2.1–2.6), so that the
// seed writes what Fleet's controller would write for the BundleDeployments it
// creates. The BundleDeployment itself is the seed's `bd` (seed_hub.go).

// fleetRolloutStrategy is Bundle spec.rolloutStrategy (JSON names).
type fleetRolloutStrategy struct {
	MaxUnavailable           *intstr.IntOrString  `json:"maxUnavailable,omitempty"`
	MaxUnavailablePartitions *intstr.IntOrString  `json:"maxUnavailablePartitions,omitempty"`
	AutoPartitionSize        *intstr.IntOrString  `json:"autoPartitionSize,omitempty"`
	AutoPartitionThreshold   *int                 `json:"autoPartitionThreshold,omitempty"`
	MaxNew                   *int                 `json:"maxNew,omitempty"`
	Partitions               []fleetPartitionSpec `json:"partitions,omitempty"`
}

type fleetPartitionSpec struct {
	Name                 string                `json:"name,omitempty"`
	MaxUnavailable       *intstr.IntOrString   `json:"maxUnavailable,omitempty"`
	ClusterName          string                `json:"clusterName,omitempty"`
	ClusterSelector      *metav1.LabelSelector `json:"clusterSelector,omitempty"`
	ClusterGroup         string                `json:"clusterGroup,omitempty"`
	ClusterGroupSelector *metav1.LabelSelector `json:"clusterGroupSelector,omitempty"`
}

// fleetGroup is a ClusterGroup the cluster belongs to (its selector matched).
type fleetGroup struct {
	Name   string
	Labels map[string]string
}

// fleetTarget is one cluster targeted by the bundle with its BundleDeployment
// (nil: none yet).
type fleetTarget struct {
	Cluster fleetCluster
	Groups  []fleetGroup
	BD      *bd
	Paused  bool // cluster.spec.paused || bundle.spec.paused
}

type fleetPartition struct {
	Name           string
	Targets        []*fleetTarget
	MaxUnavailable int
	unavailable    int // working counter of the reconcile
	statusUnavail  int // loose count before the reconcile (§2.6 quirk)
	summary        *summary
}

// fleetLimit is Fleet's `limit` (§2.2).
func fleetLimit(count int, vals ...*intstr.IntOrString) (int, error) {
	if count <= 0 {
		return 1, nil
	}
	v := intstr.FromString("100%")
	for _, x := range vals {
		if x != nil {
			v = *x
			break
		}
	}
	if v.Type == intstr.Int {
		i := int(v.IntVal)
		if i > count {
			return count, nil
		}
		if i < 0 {
			return 0, nil
		}
		return i, nil
	}
	s := v.StrVal
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n, nil // numeric string: not capped by count
	}
	if !strings.HasSuffix(s, "%") {
		return 0, fmt.Errorf("invalid maxUnavailable, must be int or percentage (ending with %%): %s", s)
	}
	p, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("failed to parse %s: %w", s, err)
	}
	if p <= 0 {
		return 1, nil
	}
	i := int(float64(count)*p) / 100
	if i <= 0 {
		return 1, nil
	}
	if i > count {
		return count, nil
	}
	return i, nil
}

func selectorMatches(sel *metav1.LabelSelector, l map[string]string) (bool, error) {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return false, err
	}
	return s.Matches(labels.Set(l)), nil
}

// clusterMatch is NewClusterMatcher(...).Match (§3.2): criteria only for
// non-empty inputs, all ANDed, no criterion → false.
func clusterMatch(name, group string, sel, groupSel *metav1.LabelSelector,
	clusterName, groupName string, groupLabels, clusterLabels map[string]string) (bool, error) {
	n := 0
	if name != "" {
		n++
		if clusterName != name && clusterLabels["management.cattle.io/cluster-display-name"] != name {
			return false, nil
		}
	}
	if group != "" {
		n++
		if groupName != group {
			return false, nil
		}
	}
	if groupSel != nil {
		n++
		if ok, err := selectorMatches(groupSel, groupLabels); err != nil || !ok {
			return false, err
		}
	}
	if sel != nil {
		n++
		if ok, err := selectorMatches(sel, clusterLabels); err != nil || !ok {
			return false, err
		}
	}
	return n > 0, nil
}

// matchTarget applies a matcher to a cluster as §2.3 does: once per group the
// cluster belongs to, or once with group "" when it is in none.
func matchTarget(t *fleetTarget, name, group string, sel, groupSel *metav1.LabelSelector) (bool, error) {
	if len(t.Groups) == 0 {
		return clusterMatch(name, group, sel, groupSel, t.Cluster.Name, "", nil, t.Cluster.Labels)
	}
	for _, g := range t.Groups {
		ok, err := clusterMatch(name, group, sel, groupSel, t.Cluster.Name, g.Name, g.Labels, t.Cluster.Labels)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func (b *bd) isUnavailable() bool { return b != nil && b.unavailable() } // §2.4

func upToDate(t *fleetTarget, desired string) bool { // §2.4
	b := t.BD
	return b != nil && b.stagedID == desired && b.deployID == desired && b.appliedID == desired
}

func targetSummary(ts []*fleetTarget, desired string) *summary {
	s := newSummary()
	for _, t := range ts {
		st, msg := "Pending", "" // no BD → Pending (§2.6)
		if t.BD != nil {
			st, msg = t.BD.effectiveState(desired), t.BD.nonReadyMsg
		}
		s.add("fleet-default", t.Cluster.Name, st, msg)
	}
	return s
}

func newPartition(name string, ts []*fleetTarget, desired string, mu ...*intstr.IntOrString) (*fleetPartition, error) {
	m, err := fleetLimit(len(ts), mu...)
	if err != nil {
		return nil, err
	}
	p := &fleetPartition{Name: name, Targets: ts, MaxUnavailable: m, summary: targetSummary(ts, desired)}
	for _, t := range ts {
		if t.BD.isUnavailable() {
			p.unavailable++
		}
	}
	p.statusUnavail = p.unavailable
	return p, nil
}

// fleetPartitions is §2.3 (targets already sorted by cluster name).
func fleetPartitions(rs fleetRolloutStrategy, targets []*fleetTarget, desired string) ([]*fleetPartition, error) {
	if len(rs.Partitions) == 0 { // auto
		all := func() ([]*fleetPartition, error) {
			p, err := newPartition("All", targets, desired, rs.MaxUnavailable)
			return []*fleetPartition{p}, err
		}
		if a := rs.AutoPartitionSize; a != nil && a.Type == intstr.Int && a.IntVal <= 0 {
			return all()
		}
		threshold := 200
		if rs.AutoPartitionThreshold != nil {
			threshold = *rs.AutoPartitionThreshold
		}
		if threshold <= 0 || len(targets) < threshold {
			return all()
		}
		def := intstr.FromString("25%")
		size, err := fleetLimit(len(targets), rs.AutoPartitionSize, &def)
		if err != nil {
			return nil, err
		}
		var out []*fleetPartition
		for off := 0; off < len(targets); off += size {
			chunk := targets[off:min(off+size, len(targets))]
			p, err := newPartition(fmt.Sprintf("Partition %d - %d", off, off+len(chunk)), chunk, desired, rs.MaxUnavailable)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	}
	var out []*fleetPartition
	for _, ps := range rs.Partitions { // manual
		var members []*fleetTarget
		for _, t := range targets {
			ok, err := matchTarget(t, ps.ClusterName, ps.ClusterGroup, ps.ClusterSelector, ps.ClusterGroupSelector)
			if err != nil {
				return nil, fmt.Errorf("failed to update partitions: %w", err)
			}
			if ok {
				members = append(members, t)
			}
		}
		p, err := newPartition(ps.Name, members, desired, ps.MaxUnavailable, rs.MaxUnavailable)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// fleetReconcile is one reconcile of a bundle (§2.4): it stages/promotes the
// BundleDeployments of the targets in place and returns Bundle status (§2.6)
// and whether any BundleDeployment spec changed.
func fleetReconcile(rs fleetRolloutStrategy, targets []*fleetTarget, desired string) (map[string]any, bool, error) {
	// resetStatus
	total := targetSummary(targets, desired)
	unavailable := 0
	for _, t := range targets {
		if t.BD.isUnavailable() {
			unavailable++
		}
	}
	maxUnavailable, err := fleetLimit(len(targets), rs.MaxUnavailable)
	if err != nil {
		return nil, false, err
	}
	// UpdatePartitions
	maxNew := 50
	if rs.MaxNew != nil {
		maxNew = *rs.MaxNew
	}
	parts, err := fleetPartitions(rs, targets, desired)
	if err != nil {
		return nil, false, err
	}
	zero := intstr.FromInt32(0)
	maxUnavailParts, err := fleetLimit(len(parts), rs.MaxUnavailablePartitions, &zero)
	if err != nil {
		return nil, false, err
	}
	unavailParts, newlyCreated, changed := 0, 0, false
	for _, p := range parts {
		for _, t := range p.Targets {
			if t.BD == nil && newlyCreated < maxNew {
				t.BD = &bd{cluster: t.Cluster}
				newlyCreated++
				changed = true
			}
			if t.BD != nil && t.BD.stagedID != desired {
				t.BD.stagedID = desired
				changed = true
			}
		}
		for _, t := range p.Targets { // updateDeploymentFromStaged
			b := t.BD
			if b == nil || t.Paused || b.stagedID == "" || b.deployID == b.stagedID {
				continue
			}
			if (unavailable < maxUnavailable || b.isUnavailable()) && (p.unavailable < p.MaxUnavailable || b.isUnavailable()) {
				if !b.isUnavailable() {
					unavailable++
					p.unavailable++
				}
				b.deployID = b.stagedID
				changed = true
			}
		}
		p.unavailable = 0 // strict definition
		for _, t := range p.Targets {
			if !upToDate(t, desired) || t.BD.isUnavailable() {
				p.unavailable++
			}
		}
		if p.unavailable > p.MaxUnavailable {
			unavailParts++
		}
		if unavailParts > maxUnavailParts {
			break
		}
	}
	var partStatus []any
	for _, p := range parts { // values from appendPartition (§2.6 quirk)
		e := map[string]any{"summary": p.summary.obj()}
		if p.Name != "" {
			e["name"] = p.Name
		}
		for k, v := range map[string]int{"count": len(p.Targets), "maxUnavailable": p.MaxUnavailable, "unavailable": p.statusUnavail} {
			if v != 0 {
				e[k] = int64(v)
			}
		}
		partStatus = append(partStatus, e)
	}
	status := map[string]any{
		"summary":                  total.obj(),
		"display":                  map[string]any{"readyClusters": fmt.Sprintf("%d/%d", total.counts["Ready"], total.n), "state": total.topState()},
		"unavailable":              int64(unavailable),
		"maxUnavailable":           int64(maxUnavailable),
		"unavailablePartitions":    int64(unavailParts),
		"maxUnavailablePartitions": int64(maxUnavailParts),
		"newlyCreated":             int64(newlyCreated),
		"partitions":               partStatus,
	}
	return status, changed, nil
}
