package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"simulate/internal/explore/api"
)

// loadTeams is the class size of the load benchmark.
const loadTeams = 40

// classConfig is a session of 40 teams, each owning one actor's table (eight
// teams to an actor), over the baseline.
func classConfig(b *testing.B) *Config {
	dir := b.TempDir()
	var roles strings.Builder
	roles.WriteString("year = 2035\n")
	actors := []string{"US", "ROK", "JPN", "CHN", "DPRK"}
	for i := range loadTeams {
		fmt.Fprintf(&roles, "\n[[teams]]\nname = \"T%02d\"\nfiles = [\"t%02d.toml\"]\nowns = [\"actors.%s\"]\n\n[[teams.goals]]\nindicator = \"regional_tension\"\nat_most = 45\n",
			i+1, i+1, actors[i%len(actors)])
	}
	os.WriteFile(filepath.Join(dir, "roles.toml"), []byte(roles.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "load.toml"), []byte("title = \"Load\"\nbase = \"scenarios/baseline.toml\"\nroles = \"roles.toml\"\n[rounds]\ncount = 1\nyears = 5\n"), 0o644)
	cfg, err := LoadConfig(filepath.Join(dir, "load.toml"))
	if err != nil {
		b.Fatal(err)
	}
	return cfg
}

// BenchmarkLoad is the classroom at its largest: 40 teams each posting a
// move every 250 ms and 40 listeners on the event stream, for
// SERVE_LOAD_SECONDS seconds (default 3) on loopback. It reports the
// latency of a move (sent until acknowledged, which includes the log's
// fsync) at the median and the 99th percentile, the moves a second, the
// events the listeners received, and the errors (any status but 200, a
// broken stream). Run it for 60 s with
//
//	SERVE_LOAD_SECONDS=60 go test -run '^$' -bench Load -benchtime 1x ./internal/serve
func BenchmarkLoad(b *testing.B) {
	seconds := 3.0
	if s := os.Getenv("SERVE_LOAD_SECONDS"); s != "" {
		var err error
		if seconds, err = strconv.ParseFloat(s, 64); err != nil || seconds <= 0 {
			b.Fatalf("SERVE_LOAD_SECONDS=%q: expected a number of seconds", s)
		}
	}
	cfg := classConfig(b)
	for range b.N {
		ts := openTest(b, b.TempDir(), cfg, Options{Rate: 20, Burst: 40, Now: time.Now})
		var tokens []string
		for i := range loadTeams {
			tokens = append(tokens, ts.join(b, fmt.Sprintf("Team %d", i+1), fmt.Sprintf("T%02d", i+1)))
		}
		ts.teacher(b, "start", nil)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * loadTeams}}
		var errs, events atomic.Int64
		stop := make(chan struct{})
		var listeners sync.WaitGroup
		for _, tok := range tokens {
			resp, err := client.Get(ts.http.URL + "/api/events?t=" + tok)
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("stream: %v", err)
			}
			listeners.Add(1)
			go func() {
				defer listeners.Done()
				defer resp.Body.Close()
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					if strings.HasPrefix(sc.Text(), "event: state") {
						events.Add(1)
					}
				}
				select {
				case <-stop: // closed by the server's end
				default:
					errs.Add(1)
				}
			}()
		}
		var mu sync.Mutex
		var latencies []time.Duration
		var teams sync.WaitGroup
		deadline := time.Now().Add(time.Duration(seconds * float64(time.Second)))
		b.ResetTimer()
		for i, tok := range tokens {
			actor := []string{"US", "ROK", "JPN", "CHN", "DPRK"}[i%5]
			teams.Add(1)
			go func() {
				defer teams.Done()
				tick := time.NewTicker(250 * time.Millisecond)
				defer tick.Stop()
				for k := 0; time.Now().Before(deadline); k++ {
					body, _ := json.Marshal(Move{Set: []api.Setting{{Key: "actors." + actor + ".defense_pct", Value: value(2 + float64(k%20)/10)}}})
					req, _ := http.NewRequest("POST", ts.http.URL+"/api/move", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+tok)
					start := time.Now()
					resp, err := client.Do(req)
					took := time.Since(start)
					if err != nil || resp.StatusCode != 200 {
						errs.Add(1)
					}
					if err == nil {
						resp.Body.Close()
					}
					mu.Lock()
					latencies = append(latencies, took)
					mu.Unlock()
					<-tick.C
				}
			}()
		}
		teams.Wait()
		b.StopTimer()
		close(stop)
		ts.Server.Close() // ends the streams
		listeners.Wait()
		slices.Sort(latencies)
		q := func(p float64) float64 {
			return float64(latencies[int(p*float64(len(latencies)-1))]) / float64(time.Millisecond)
		}
		b.ReportMetric(q(0.50), "p50-ms")
		b.ReportMetric(q(0.99), "p99-ms")
		b.ReportMetric(float64(len(latencies))/seconds, "moves/s")
		b.ReportMetric(float64(events.Load()), "events")
		b.ReportMetric(float64(errs.Load()), "errors")
	}
}
