package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MetricScript is one scripted answer of the fake Prometheus. A query is
// answered by the script whose Match is the longest substring of the query
// (ties: the one set last). Value is a Prometheus sample value string ("0.01",
// "NaN", "+Inf"). Values, when set, are returned one after another on
// successive queries (the last one repeats). Type selects the shape of the
// answer: "vector" (default), "scalar", "matrix", "empty" (a vector with no
// samples) or "error" (HTTP 422 with a Prometheus error body; Value is the
// message).
type MetricScript struct {
	Match  string            `json:"match"`
	Value  string            `json:"value,omitempty"`
	Values []string          `json:"values,omitempty"`
	Type   string            `json:"type,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	// Count is the number of queries this script has answered.
	Count int `json:"count"`
	seq   int
	set   int64
}

type queryLog struct {
	Time    time.Time `json:"time"`
	Query   string    `json:"query"`
	Path    string    `json:"path"`
	Match   string    `json:"match"`
	Answer  string    `json:"answer"`
	Default bool      `json:"default,omitempty"`
}

// MetricsServer is a small Prometheus-compatible HTTP API (query and
// query_range with the real JSON response format) whose answers tests script
// through PUT /script.
type MetricsServer struct {
	mu       sync.Mutex
	scripts  map[string]*MetricScript
	defValue string
	counter  int64
	log      []queryLog
	srv      *http.Server
	URL      string
}

func NewMetricsServer(defaultValue string) *MetricsServer {
	return &MetricsServer{scripts: map[string]*MetricScript{}, defValue: defaultValue}
}

// Start listens on 127.0.0.1:port (0 = random).
func (m *MetricsServer) Start(port int) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return err
	}
	m.URL = "http://" + l.Addr().String()
	m.srv = &http.Server{Handler: m.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go m.srv.Serve(l)
	return nil
}

func (m *MetricsServer) Close() {
	if m.srv != nil {
		m.srv.Close()
	}
}

func (m *MetricsServer) Set(s MetricScript) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counter++
	s.set = m.counter
	s.seq = 0
	s.Count = 0
	if s.Type == "" {
		s.Type = "vector"
	}
	m.scripts[s.Match] = &s
}

func (m *MetricsServer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/query", func(w http.ResponseWriter, r *http.Request) { m.query(w, r, false) })
	mux.HandleFunc("/api/v1/query_range", func(w http.ResponseWriter, r *http.Request) { m.query(w, r, true) })
	mux.HandleFunc("/api/v1/status/buildinfo", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"status": "success", "data": map[string]any{"version": "2.53.0-fleetsim", "goVersion": "go1.26"}})
	})
	mux.HandleFunc("/-/healthy", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Prometheus Server is Healthy.\n") })
	mux.HandleFunc("/-/ready", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Prometheus Server is Ready.\n") })
	mux.HandleFunc("/script", m.script)
	mux.HandleFunc("/default", func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if r.Method == http.MethodPut || r.Method == http.MethodPost {
			var body struct {
				Value string `json:"value"`
			}
			if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&body); err != nil || body.Value == "" {
				http.Error(w, `expected {"value":"<number>"}`, 400)
				return
			}
			m.defValue = body.Value
			w.WriteHeader(204)
			return
		}
		writeJSON(w, 200, map[string]string{"value": m.defValue})
	})
	mux.HandleFunc("/queries", func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if r.Method == http.MethodDelete {
			m.log = nil
			w.WriteHeader(204)
			return
		}
		writeJSON(w, 200, m.log)
	})
	return mux
}

func (m *MetricsServer) script(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		m.mu.Lock()
		var list []*MetricScript
		for _, s := range m.scripts {
			list = append(list, s)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Match < list[j].Match })
		resp := map[string]any{"default": m.defValue, "scripts": list}
		m.mu.Unlock()
		writeJSON(w, 200, resp)
	case http.MethodPut, http.MethodPost:
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		var many []MetricScript
		if strings.HasPrefix(strings.TrimSpace(string(body)), "[") {
			err = json.Unmarshal(body, &many)
		} else {
			var one MetricScript
			err = json.Unmarshal(body, &one)
			many = []MetricScript{one}
		}
		if err != nil {
			http.Error(w, "bad script JSON: "+err.Error(), 400)
			return
		}
		for _, s := range many {
			if s.Value == "" && len(s.Values) == 0 && s.Type != "empty" && s.Type != "error" {
				http.Error(w, "script needs value or values (or type empty/error)", 400)
				return
			}
			switch s.Type {
			case "", "vector", "scalar", "matrix", "empty", "error":
			default:
				http.Error(w, "unknown type "+s.Type, 400)
				return
			}
			m.Set(s)
		}
		w.WriteHeader(204)
	case http.MethodDelete:
		m.mu.Lock()
		if match, ok := r.URL.Query()["match"]; ok {
			for _, k := range match {
				delete(m.scripts, k)
			}
		} else {
			m.scripts = map[string]*MetricScript{}
		}
		m.mu.Unlock()
		w.WriteHeader(204)
	default:
		http.Error(w, "method not allowed", 405)
	}
}

// answer picks the script for q and returns (script copy, value, isDefault).
func (m *MetricsServer) answer(q string) (MetricScript, string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var best *MetricScript
	for _, s := range m.scripts {
		if !strings.Contains(q, s.Match) {
			continue
		}
		if best == nil || len(s.Match) > len(best.Match) || (len(s.Match) == len(best.Match) && s.set > best.set) {
			best = s
		}
	}
	if best == nil {
		return MetricScript{Type: "vector"}, m.defValue, true
	}
	v := best.Value
	if len(best.Values) > 0 {
		i := best.seq
		if i >= len(best.Values) {
			i = len(best.Values) - 1
		}
		v = best.Values[i]
		best.seq++
	}
	best.Count++
	return *best, v, false
}

func (m *MetricsServer) query(w http.ResponseWriter, r *http.Request, isRange bool) {
	if err := r.ParseForm(); err != nil {
		promError(w, 400, "bad_data", err.Error())
		return
	}
	q := r.Form.Get("query")
	if q == "" {
		promError(w, 400, "bad_data", `invalid parameter "query": unknown position: parse error: no expression found in input`)
		return
	}
	s, v, def := m.answer(q)
	m.mu.Lock()
	m.log = append(m.log, queryLog{Time: time.Now(), Query: q, Path: r.URL.Path, Match: s.Match, Answer: v, Default: def})
	if len(m.log) > 500 {
		m.log = m.log[len(m.log)-500:]
	}
	m.mu.Unlock()

	now := float64(time.Now().UnixMilli()) / 1000
	if t := r.Form.Get("time"); t != "" {
		if f, err := parsePromTime(t); err == nil {
			now = f
		}
	}
	if s.Type == "error" {
		msg := v
		if msg == "" {
			msg = "scripted error"
		}
		promError(w, 422, "execution", msg)
		return
	}
	if s.Type != "empty" {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			promError(w, 422, "execution", fmt.Sprintf("fleetsim: scripted value %q is not a number", v))
			return
		}
	}
	labels := s.Labels
	if labels == nil {
		labels = map[string]string{}
	}
	point := func(ts float64) []any { return []any{ts, v} }
	var data map[string]any
	switch {
	case s.Type == "empty" && isRange:
		data = map[string]any{"resultType": "matrix", "result": []any{}}
	case s.Type == "empty":
		data = map[string]any{"resultType": "vector", "result": []any{}}
	case isRange || s.Type == "matrix":
		start, end, step := now-60, now, 15.0
		if f, err := parsePromTime(r.Form.Get("start")); err == nil {
			start = f
		}
		if f, err := parsePromTime(r.Form.Get("end")); err == nil {
			end = f
		}
		if d, err := parsePromDuration(r.Form.Get("step")); err == nil && d > 0 {
			step = d
		}
		var vals []any
		for ts := start; ts <= end && len(vals) < 11000; ts += step {
			vals = append(vals, point(ts))
		}
		data = map[string]any{"resultType": "matrix", "result": []any{map[string]any{"metric": labels, "values": vals}}}
	case s.Type == "scalar":
		data = map[string]any{"resultType": "scalar", "result": point(now)}
	default:
		data = map[string]any{"resultType": "vector", "result": []any{map[string]any{"metric": labels, "value": point(now)}}}
	}
	writeJSON(w, 200, map[string]any{"status": "success", "data": data})
}

func parsePromTime(s string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("empty")
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, err
	}
	return float64(t.UnixMilli()) / 1000, nil
}

func parsePromDuration(s string) (float64, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	return math.Max(d.Seconds(), 0.001), nil
}

func promError(w http.ResponseWriter, code int, typ, msg string) {
	writeJSON(w, code, map[string]any{"status": "error", "errorType": typ, "error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
