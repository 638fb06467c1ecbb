package sim

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/util/intstr"
)

// Conformance of fleet_status.go with the upstream Fleet unit tests
// transcribed in shared/corpus/fleet/derived/rollout-fixtures.json
// (fleet-argocd.md §2.8), and the demo seed's Bundle statuses against
// §2.2–2.6.

func loadFixtures(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "shared", "corpus", "fleet", "derived", "rollout-fixtures.json")
		if data, err := os.ReadFile(p); err == nil {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			// ../shared sits beside the clone in every setup that runs tests: missing it is a failure, not a skip.
			t.Fatal("shared/corpus/fleet/derived/rollout-fixtures.json not found above the working directory")
		}
		dir = parent
	}
}

func intstrs(t *testing.T, raw []json.RawMessage) []*intstr.IntOrString {
	var out []*intstr.IntOrString
	for _, r := range raw {
		if string(r) == "null" {
			out = append(out, nil)
			continue
		}
		var v intstr.IntOrString
		if err := json.Unmarshal(r, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, &v)
	}
	return out
}

// §2.2 limit (Test_limit + derived cases).
func TestFleetLimit(t *testing.T) {
	var cases []struct {
		Name    string            `json:"name"`
		Count   int               `json:"count"`
		Vals    []json.RawMessage `json:"vals"`
		Want    int               `json:"want"`
		WantErr string            `json:"wantErr"`
	}
	if err := json.Unmarshal(loadFixtures(t)["limit"], &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 14 {
		t.Fatalf("only %d limit cases", len(cases))
	}
	for _, c := range cases {
		got, err := fleetLimit(c.Count, intstrs(t, c.Vals)...)
		if c.WantErr != "" {
			if err == nil || err.Error() != c.WantErr {
				t.Errorf("%s: err %v, want %q", c.Name, err, c.WantErr)
			}
			continue
		}
		if err != nil || got != c.Want {
			t.Errorf("%s: limit(%d, %s) = %d, %v; want %d", c.Name, c.Count, c.Vals, got, err, c.Want)
		}
	}
	// TestMaxUnavailable (bundle-wide).
	var mu []struct {
		Name           string          `json:"name"`
		Targets        int             `json:"targets"`
		MaxUnavailable json.RawMessage `json:"maxUnavailable"`
		Want           int             `json:"want"`
	}
	var st map[string]json.RawMessage
	_ = json.Unmarshal(loadFixtures(t)["status"], &st)
	if err := json.Unmarshal(st["MaxUnavailable (bundle-wide, over all targets)"], &mu); err != nil {
		t.Fatal(err)
	}
	for _, c := range mu {
		if got, err := fleetLimit(c.Targets, intstrs(t, []json.RawMessage{c.MaxUnavailable})...); err != nil || got != c.Want {
			t.Errorf("%s: %d, %v; want %d", c.Name, got, err, c.Want)
		}
	}
}

func numberedTargets(n int) []*fleetTarget {
	var ts []*fleetTarget
	for i := 1; i <= n; i++ {
		ts = append(ts, &fleetTarget{Cluster: fleetCluster{Name: fmt.Sprintf("cluster-%d", i)}})
	}
	return ts
}

// §2.3 autoPartition (Test_autoPartition + derived cases).
func TestFleetAutoPartition(t *testing.T) {
	var cases []struct {
		Name    string               `json:"name"`
		Rollout fleetRolloutStrategy `json:"rollout"`
		Targets int                  `json:"targets"`
		Want    json.RawMessage      `json:"want"`
	}
	if err := json.Unmarshal(loadFixtures(t)["autoPartition"], &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		ts := numberedTargets(c.Targets)
		parts, err := fleetPartitions(c.Rollout, ts, "id")
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var want []struct {
			Name           string `json:"name"`
			From, To       int
			MaxUnavailable int `json:"maxUnavailable"`
		}
		if json.Unmarshal(c.Want, &want) != nil { // prose: "200 partitions of 1 target each ..."
			if c.Rollout.AutoPartitionSize.String() != "0%" || len(parts) != c.Targets || parts[0].Name != "Partition 0 - 1" ||
				parts[len(parts)-1].Name != fmt.Sprintf("Partition %d - %d", c.Targets-1, c.Targets) || parts[0].MaxUnavailable != 1 {
				t.Errorf("%s: %d partitions", c.Name, len(parts))
			}
			continue
		}
		if len(parts) != len(want) {
			t.Fatalf("%s: %d partitions, want %d", c.Name, len(parts), len(want))
		}
		for i, w := range want {
			p := parts[i]
			if p.Targets[0] != ts[w.From-1] || p.Targets[len(p.Targets)-1] != ts[w.To-1] || len(p.Targets) != w.To-w.From+1 || p.MaxUnavailable != w.MaxUnavailable {
				t.Errorf("%s: partition %d = %s..%s mu %d, want %d..%d mu %d", c.Name, i, p.Targets[0].Cluster.Name, p.Targets[len(p.Targets)-1].Cluster.Name, p.MaxUnavailable, w.From, w.To, w.MaxUnavailable)
			}
			name := w.Name
			if name == "" && len(want) > 1 {
				name = fmt.Sprintf("Partition %d - %d", w.From-1, w.To)
			} else if name == "" {
				name = "All"
			}
			if p.Name != name {
				t.Errorf("%s: partition %d named %q, want %q", c.Name, i, p.Name, name)
			}
		}
	}
}

// §2.3 manualPartition and §3.2 matcher (Test_manualPartition).
func TestFleetManualPartition(t *testing.T) {
	var cases []struct {
		Name    string               `json:"name"`
		Rollout fleetRolloutStrategy `json:"rollout"`
		Targets []struct {
			ID      int `json:"id"`
			Cluster struct {
				Name   string            `json:"name"`
				Labels map[string]string `json:"labels"`
			} `json:"cluster"`
			Groups []struct {
				Name   string            `json:"name"`
				Labels map[string]string `json:"labels"`
			} `json:"groups"`
		} `json:"targets"`
		Want []struct {
			Members        []int `json:"members"`
			MaxUnavailable int   `json:"maxUnavailable"`
		} `json:"want"`
	}
	if err := json.Unmarshal(loadFixtures(t)["manualPartition"], &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		var ts []*fleetTarget
		id := map[*fleetTarget]int{}
		for _, x := range c.Targets {
			ft := &fleetTarget{Cluster: fleetCluster{Name: x.Cluster.Name, Labels: x.Cluster.Labels}}
			for _, g := range x.Groups {
				ft.Groups = append(ft.Groups, fleetGroup{g.Name, g.Labels})
			}
			id[ft] = x.ID
			ts = append(ts, ft)
		}
		parts, err := fleetPartitions(c.Rollout, ts, "id")
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if len(parts) != len(c.Want) {
			t.Fatalf("%s: %d partitions, want %d", c.Name, len(parts), len(c.Want))
		}
		for i, w := range c.Want {
			var got []int
			for _, m := range parts[i].Targets {
				got = append(got, id[m])
			}
			if fmt.Sprint(got) != fmt.Sprint(w.Members) || parts[i].MaxUnavailable != w.MaxUnavailable {
				t.Errorf("%s: partition %d = %v mu %d, want %v mu %d", c.Name, i, got, parts[i].MaxUnavailable, w.Members, w.MaxUnavailable)
			}
		}
	}
}

// §2.4 maxNew (Test_UpdatePartitions_MaxNew).
func TestFleetMaxNew(t *testing.T) {
	var cases []struct {
		Name    string `json:"name"`
		MaxNew  *int   `json:"maxNew"`
		Targets int    `json:"targets"`
		Want    int    `json:"wantNewlyCreated"`
	}
	if err := json.Unmarshal(loadFixtures(t)["UpdatePartitions_MaxNew"], &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		st, _, err := fleetReconcile(fleetRolloutStrategy{MaxNew: c.MaxNew}, numberedTargets(c.Targets), "id")
		if err != nil || st["newlyCreated"] != int64(c.Want) {
			t.Errorf("%s: newlyCreated %v (%v), want %d", c.Name, st["newlyCreated"], err, c.Want)
		}
	}
}

// The demo seed's Bundle statuses (§2.4 break, §2.3 auto partitions, §2.6),
// consistent with the BundleDeployments it writes.
func TestSeedBundleStatuses(t *testing.T) {
	for _, n := range []int{5, 40, 500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			clusters := FleetClusters(n, []string{"edge-eu-1", "edge-us-1"}, time.Now())
			const old, desired = "s-old:o", "s-new:o"
			pay, shop := map[string]*bd{}, map[string]*bd{}
			for _, c := range clusters {
				pay[c.Name] = &bd{cluster: c, deployID: old, stagedID: old, appliedID: old, ready: true}
				shop[c.Name] = &bd{cluster: c, deployID: old, stagedID: old, appliedID: old, ready: true}
			}
			var parts strings.Builder
			for _, p := range paymentsPartitionsYAML {
				parts.WriteString(p)
			}
			docs := hubSeedYAML("c2", parts.String(), "c1")
			ps, err := seedBundleStatus(docs, "edge-apps-payments", clusters, pay, desired, true)
			if err != nil {
				t.Fatal(err)
			}
			ss, err := seedBundleStatus(docs, "edge-apps-shop", clusters, shop, old, false)
			if err != nil {
				t.Fatal(err)
			}
			// §2.4: processing stops after the first unavailable partition
			// (maxUnavailablePartitions 0): at most one is counted, and the
			// partitions after it are not staged.
			up, mup := ps["unavailablePartitions"].(int64), ps["maxUnavailablePartitions"].(int64)
			if mup != 0 || up > mup+1 {
				t.Fatalf("payments unavailablePartitions %d / %d", up, mup)
			}
			pst := ps["partitions"].([]any)
			names := []string{}
			for _, p := range pst {
				names = append(names, p.(map[string]any)["name"].(string))
			}
			if fmt.Sprint(names) != "[canary europe americas asia-pacific]" {
				t.Fatalf("payments partitions %v", names)
			}
			// Recompute which partitions were processed from the BDs (staged = desired).
			staged := map[string]bool{}
			for _, c := range clusters {
				b := pay[c.Name]
				staged[c.Name] = b.stagedID == desired
				if b.deployID != b.stagedID && b.deployID != old {
					t.Fatalf("%s: deployID %s staged %s", c.Name, b.deployID, b.stagedID)
				}
				if (b.state() == "Ready") != (b.appliedID == b.deployID && b.ready && b.deployID == b.stagedID) {
					t.Fatalf("%s: state %s", c.Name, b.state())
				}
			}
			firstBlocked := -1
			for i, p := range pst {
				pm := p.(map[string]any)
				sum := pm["summary"].(map[string]any)
				count, _ := pm["count"].(int64)
				mu, _ := pm["maxUnavailable"].(int64)
				strict := sum["desiredReady"].(int64) - sum["ready"].(int64) // no Modified here (§2.6)
				if sum["desiredReady"].(int64) != count {
					t.Fatalf("partition %d: summary %v count %d", i, sum, count)
				}
				if firstBlocked >= 0 && count > 0 {
					// after the break: nothing staged, all WaitApplied
					if sum["ready"].(int64) != 0 || sum["waitApplied"].(int64) != count {
						t.Errorf("partition %v after the break: %v", pm["name"], sum)
					}
				}
				if firstBlocked < 0 && strict > mu {
					firstBlocked = i
				}
			}
			if int64(boolInt(firstBlocked >= 0)) != up {
				t.Errorf("unavailablePartitions %d, first unavailable partition %d", up, firstBlocked)
			}
			t.Logf("payments (%d clusters): %v unavailable %v/%v partitions %d/%d first blocked %d", n,
				ps["display"], ps["unavailable"], ps["maxUnavailable"], up, mup, firstBlocked)
			for _, p := range pst {
				pm := p.(map[string]any)
				t.Logf("  %v count %v mu %v unavailable %v summary ready %v", pm["name"], pm["count"], pm["maxUnavailable"], pm["unavailable"], pm["summary"].(map[string]any)["ready"])
			}
			if n == 40 && (firstBlocked != 1 || pst[0].(map[string]any)["summary"].(map[string]any)["ready"] != pst[0].(map[string]any)["count"]) {
				t.Errorf("40 clusters: want canary done and europe in progress, first blocked %d", firstBlocked)
			}
			// shop: §2.3 auto partitions at >= 200 targets, "All" below.
			sp := ss["partitions"].([]any)
			if n >= 200 {
				size := n / 4
				if len(sp) != 4 {
					t.Fatalf("shop partitions %d", len(sp))
				}
				for i, p := range sp {
					pm := p.(map[string]any)
					if pm["name"] != fmt.Sprintf("Partition %d - %d", i*size, (i+1)*size) || pm["count"] != int64(size) || pm["maxUnavailable"] != int64(size) {
						t.Errorf("shop partition %d: %v", i, pm)
					}
				}
			} else if len(sp) != 1 || sp[0].(map[string]any)["name"] != "All" {
				t.Errorf("shop partitions %v", sp)
			}
			if ss["display"].(map[string]any)["readyClusters"] != fmt.Sprintf("%d/%d", n, n) || ss["unavailable"] != int64(0) || ss["maxUnavailable"] != int64(n) {
				t.Errorf("shop status %v", ss)
			}
		})
	}
}
