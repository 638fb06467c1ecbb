// Package cluster holds the end-to-end tests of fleetsim (see README.md):
// real kube-apiservers with embedded etcd, the real Argo Rollouts controller,
// kube-controller-manager's ReplicaSet/Deployment controllers and a simulated
// kubelet. The program itself is cmd/fleetsim; the code is internal/sim.
package cluster
