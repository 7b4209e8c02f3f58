package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub holds the open event streams. A change wakes each stream, which
// sends the latest version: a client that is slow to read gets one event
// for several changes, never a queue.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
	max  int
}

func newHub(max int) *hub { return &hub{subs: map[chan struct{}]bool{}, max: max} }

func (h *hub) subscribe() (chan struct{}, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) >= h.max {
		return nil, false
	}
	c := make(chan struct{}, 1)
	h.subs[c] = true
	return c, true
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	delete(h.subs, c)
	h.mu.Unlock()
}

func (h *hub) broadcast() {
	h.mu.Lock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default: // already woken
		}
	}
	h.mu.Unlock()
}

// events is GET /api/events?t=TOKEN: "event: state" with the session's
// version on connecting and after every change, ": ping" between.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	s.authed(func(w http.ResponseWriter, r *http.Request, c client) {
		flusher, ok := w.(http.Flusher)
		if !ok {
			writeError(w, refuse(http.StatusInternalServerError, "streaming is not supported"))
			return
		}
		wake, ok := s.hub.subscribe()
		if !ok {
			writeError(w, refuse(http.StatusServiceUnavailable, "too many event streams open (at most %d); retry later", s.opt.MaxStreams))
			return
		}
		defer s.hub.unsubscribe(wake)
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Accel-Buffering", "no")
		w.WriteHeader(http.StatusOK)
		// A client reconnects a second after losing the stream (the
		// server restarted), not the browser's default of a few.
		fmt.Fprint(w, "retry: 1000\n\n")
		ping := time.NewTicker(s.opt.Ping)
		defer ping.Stop()
		sent := int64(-1)
		send := func() bool {
			v := s.version.Load()
			if v == sent {
				return true
			}
			sent = v
			_, err := fmt.Fprintf(w, "event: state\ndata: {\"version\":%d}\n\n", v)
			flusher.Flush()
			return err == nil
		}
		if !send() {
			return
		}
		for {
			select {
			case <-r.Context().Done():
				return
			case <-s.stop:
				return
			case <-wake:
				if !send() {
					return
				}
			case <-ping.C:
				if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
					return
				}
				flusher.Flush()
			}
		}
	})(w, r)
}

// limiter is a token bucket per client.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the clients remembered; past it, full buckets are
// forgotten.
const maxBuckets = 10_000

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			for k, o := range l.buckets {
				if o.tokens+now.Sub(o.last).Seconds()*l.rate >= l.burst {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
