package sim

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

const usage = `fleetsim: real kube-apiservers + the real Argo Rollouts controller, simulated kubelets.

Usage:
  fleetsim run --dir DIR [--seed demo] [--clusters N] [--pod-ready-delay 1s] [--crds DIR]
      Start everything; prints "READY kubeconfig=<path> ..." on stdout when the API
      servers are healthy and the controllers run; stops on SIGINT/SIGTERM.
  fleetsim script-metric (--state DIR/state.json | --url URL) --match SUBSTRING (--value V | --type empty|error) [--labels k=v,...]
      Script the answer of the fake Prometheus for queries containing SUBSTRING.
  fleetsim script-metric (--state ... | --url ...) --reset
      Remove all scripts.
  fleetsim restart-apiserver (--state DIR/state.json | --url CONTROL_URL) --cluster NAME [--down 5s]
      Stop one cluster's kube-apiserver (and its etcd) and start it again on the same port
      with the same data and certificates, without stopping the run; prints JSON when ready.

Internal (started by "run"):
  fleetsim apiserver ...     embedded etcd + kube-apiserver of one cluster
  fleetsim controllers ...   kube controllers, pod simulator and Argo Rollouts of one cluster
`

// Main dispatches the subcommands and returns the exit code.
func Main(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "run":
		err = RunMain(args[1:])
	case "apiserver":
		err = APIServerMain(args[1:])
	case "controllers":
		err = ControllersMain(args[1:])
	case "script-metric":
		err = ScriptMetricMain(args[1:])
	case "restart-apiserver":
		err = RestartAPIServerMain(args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return 0
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintf(os.Stderr, "fleetsim %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// ScriptMetricMain implements `fleetsim script-metric`.
func ScriptMetricMain(args []string) error {
	fs := flag.NewFlagSet("script-metric", flag.ContinueOnError)
	state := fs.String("state", "", "state.json of a running fleetsim")
	url := fs.String("url", "", "metrics URL (instead of --state)")
	match := fs.String("match", "", "query substring")
	value := fs.String("value", "", "sample value")
	typ := fs.String("type", "", "vector (default), scalar, matrix, empty, error")
	labels := fs.String("labels", "", "result labels k=v,k2=v2")
	reset := fs.Bool("reset", false, "remove all scripts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	base := *url
	if base == "" {
		if *state == "" {
			return fmt.Errorf("--state or --url is required")
		}
		st, err := readState(*state)
		if err != nil {
			return err
		}
		base = st.MetricsURL
	}
	var req *http.Request
	var err error
	if *reset {
		req, err = http.NewRequest(http.MethodDelete, base+"/script", nil)
	} else {
		if *match == "" {
			return fmt.Errorf("--match is required")
		}
		s := MetricScript{Match: *match, Value: *value, Type: *typ}
		if *labels != "" {
			s.Labels = map[string]string{}
			for _, kv := range strings.Split(*labels, ",") {
				k, v, _ := strings.Cut(kv, "=")
				s.Labels[k] = v
			}
		}
		body, _ := json.Marshal(s)
		req, err = http.NewRequest(http.MethodPut, base+"/script", bytes.NewReader(body))
	}
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(string(b)))
	}
	return nil
}
