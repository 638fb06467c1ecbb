// Command fleetsim runs real Kubernetes API servers (in-process
// kube-apiserver + embedded etcd) with the real Argo Rollouts controller for
// tests and the sandbox. See test/cluster/README.md.
package main

import (
	"os"

	"fleetrollouts/testcluster/internal/sim"
)

func main() {
	os.Exit(sim.Main(os.Args[1:]))
}
