package sim

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// Restarting one API server while the run goes on (fault tests: watches that
// break and reconnect). The orchestrator owns the child processes, so the
// restart is done by it: the control endpoint (state.json `controlURL`) or
// Env.RestartAPIServer; `fleetsim restart-apiserver` is the CLI for it.

// startAPIServer starts (or restarts) the apiserver child of c: same port,
// etcd ports, data directory (DIR/etcd/<cluster>) and certificates (DIR/pki).
func (e *Env) startAPIServer(c *Cluster) (*child, error) {
	ch, err := e.startChild(c.Name+"/apiserver", c.APIServerLog, []string{"apiserver",
		"--dir", e.Opts.Dir, "--name", c.Name, "--port", fmt.Sprint(c.Port),
		"--etcd-port", fmt.Sprint(c.EtcdClientPort), "--etcd-peer-port", fmt.Sprint(c.EtcdPeerPort),
		"--v", fmt.Sprint(e.Opts.Verbosity)}, apiserverEnv())
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	c.APIServerPID = ch.cmd.Process.Pid
	e.mu.Unlock()
	return ch, nil
}

// RestartResult is the answer of a restart.
type RestartResult struct {
	Cluster      string  `json:"cluster"`
	OldPID       int     `json:"oldPid"`
	PID          int     `json:"pid"`
	StopSeconds  float64 `json:"stopSeconds"`  // SIGTERM until the old process exited
	DownSeconds  float64 `json:"downSeconds"`  // port closed (old exit → new start)
	ReadySeconds float64 `json:"readySeconds"` // new start until /readyz ok
}

// RestartAPIServer stops the kube-apiserver (and its embedded etcd) of one
// cluster with SIGTERM, waits `down`, and starts it again on the same port
// with the same etcd data and certificates; it returns when /readyz answers
// ok. The rest of the run (other clusters, controllers, metrics) keeps
// running; the controllers and clients reconnect by themselves.
func (e *Env) RestartAPIServer(ctx context.Context, name string, down time.Duration) (*RestartResult, error) {
	c := e.Cluster(name)
	if c == nil {
		return nil, fmt.Errorf("no cluster %q", name)
	}
	e.restartMu.Lock()
	defer e.restartMu.Unlock()
	e.mu.Lock()
	if e.stopping {
		e.mu.Unlock()
		return nil, fmt.Errorf("environment is stopping")
	}
	var old *child
	idx := -1
	for i, ch := range e.children {
		if ch.name == name+"/apiserver" {
			old, idx = ch, i
		}
	}
	if old == nil {
		e.mu.Unlock()
		return nil, fmt.Errorf("%s has no apiserver process", name)
	}
	old.expected = true
	e.children = append(e.children[:idx], e.children[idx+1:]...)
	e.mu.Unlock()

	res := &RestartResult{Cluster: name, OldPID: old.cmd.Process.Pid}
	t0 := time.Now()
	e.logf("%s: stopping kube-apiserver (pid %d) for a restart", name, res.OldPID)
	_ = old.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-old.done:
	case <-time.After(20 * time.Second):
		e.logf("%s: kube-apiserver did not stop within 20s, killing it", name)
		_ = old.cmd.Process.Kill()
		<-old.done
	}
	res.StopSeconds = time.Since(t0).Seconds()
	t1 := time.Now()
	select {
	case <-time.After(down):
	case <-ctx.Done():
	}
	// The ports were released by the exited process (Go listeners set
	// SO_REUSEADDR, so TIME_WAIT connections do not block the bind).
	err := waitPortFree(c.Port, 10*time.Second)
	if err == nil {
		err = waitPortFree(c.EtcdClientPort, 10*time.Second)
	}
	if err == nil {
		var ch *child
		if ch, err = e.startAPIServer(c); err == nil {
			res.DownSeconds = time.Since(t1).Seconds()
			t2 := time.Now()
			if err = e.waitAPIServer(ctx, c, ch, 3*time.Minute); err == nil {
				res.ReadySeconds = time.Since(t2).Seconds()
			}
		}
	}
	res.PID = c.APIServerPID
	if err != nil {
		// The cluster is gone: the run fails as for any dead child.
		select {
		case e.failed <- fmt.Errorf("restart of %s kube-apiserver failed: %w", name, err):
		default:
		}
		return res, err
	}
	e.logf("%s: kube-apiserver restarted (pid %d, down %.1fs, ready after %.1fs)", name, res.PID, res.DownSeconds, res.ReadySeconds)
	if e.State.Dir != "" {
		if err := e.writeState(); err != nil {
			return res, err
		}
	}
	return res, nil
}

func waitPortFree(port int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			l.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("port %d still in use: %w", port, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startControl serves the control endpoint on 127.0.0.1:<random>:
//
//	POST /restart-apiserver?cluster=edge-eu-1[&down=5s]  → 200 RestartResult (JSON) once ready again
func (e *Env) startControl() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/restart-apiserver", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		var down time.Duration
		if d := r.URL.Query().Get("down"); d != "" {
			var err error
			if down, err = time.ParseDuration(d); err != nil || down < 0 {
				http.Error(w, "bad down: "+d, http.StatusBadRequest)
				return
			}
		}
		name := r.URL.Query().Get("cluster")
		if e.Cluster(name) == nil {
			http.Error(w, fmt.Sprintf("no cluster %q", name), http.StatusNotFound)
			return
		}
		res, err := e.RestartAPIServer(r.Context(), name, down)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(res)
	})
	e.control = &http.Server{Handler: mux}
	go func() { _ = e.control.Serve(l) }()
	return "http://" + l.Addr().String(), nil
}

// RestartAPIServerMain implements `fleetsim restart-apiserver`.
func RestartAPIServerMain(args []string) error {
	fs := flag.NewFlagSet("restart-apiserver", flag.ContinueOnError)
	state := fs.String("state", "", "state.json of a running fleetsim")
	controlURL := fs.String("url", "", "control URL (instead of --state)")
	cluster := fs.String("cluster", "", "cluster whose kube-apiserver is restarted (e.g. edge-eu-1)")
	down := fs.Duration("down", 0, "time the API server stays down")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cluster == "" {
		return fmt.Errorf("--cluster is required")
	}
	base := *controlURL
	if base == "" {
		if *state == "" {
			return fmt.Errorf("--state or --url is required")
		}
		st, err := readState(*state)
		if err != nil {
			return err
		}
		if base = st.ControlURL; base == "" {
			return fmt.Errorf("%s has no controlURL (fleetsim too old?)", *state)
		}
	}
	q := url.Values{"cluster": {*cluster}, "down": {down.String()}}
	resp, err := (&http.Client{Timeout: 5*time.Minute + *down}).Post(base+"/restart-apiserver?"+q.Encode(), "", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(string(b)))
	}
	_, err = os.Stdout.Write(b)
	return err
}
