package serve

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// hub holds the open event streams. A change wakes each stream, which
// sends the latest version: a client that is slow to read gets one event
// for several changes, never a queue.
type hub struct {
	mu    sync.Mutex
	subs  map[chan struct{}]string // the client of each stream
	count map[string]int           // the streams of each client
	max   int
}

// maxClientStreams bounds one client's streams (a token's: a few tabs),
// so that no team takes the server's whole bound of streams.
const maxClientStreams = 8

func newHub(max int) *hub {
	return &hub{subs: map[chan struct{}]string{}, count: map[string]int{}, max: max}
}

// subscribe opens a stream for client, or returns the reason it cannot.
func (h *hub) subscribe(client string) (chan struct{}, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) >= h.max {
		return nil, fmt.Sprintf("too many event streams open (at most %d); retry later", h.max)
	}
	if h.count[client] >= maxClientStreams {
		return nil, fmt.Sprintf("this token has %d event streams open, the most it may: close a tab", maxClientStreams)
	}
	c := make(chan struct{}, 1)
	h.subs[c] = client
	h.count[client]++
	return c, ""
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	client := h.subs[c]
	delete(h.subs, c)
	if h.count[client]--; h.count[client] == 0 {
		delete(h.count, client)
	}
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
		wake, full := s.hub.subscribe(bearer(r))
		if full != "" {
			writeError(w, refuse(http.StatusServiceUnavailable, "%s", full))
			return
		}
		defer s.hub.unsubscribe(wake)
		// The stream outlives the server's write timeout: each write
		// has its own deadline, so that a client that stops reading
		// loses its stream instead of holding it.
		rc := http.NewResponseController(w)
		write := func(text string) bool {
			rc.SetWriteDeadline(time.Now().Add(streamWrite))
			if _, err := io.WriteString(w, text); err != nil {
				return false
			}
			return rc.Flush() == nil
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Accel-Buffering", "no")
		w.WriteHeader(http.StatusOK)
		// A client reconnects a second after losing the stream (the
		// server restarted), not the browser's default of a few.
		if !write("retry: 1000\n\n") {
			return
		}
		ping := time.NewTicker(s.opt.Ping)
		defer ping.Stop()
		sent := int64(-1)
		send := func() bool {
			v := s.version.Load()
			if v == sent {
				return true
			}
			sent = v
			return write(fmt.Sprintf("event: state\ndata: {\"version\":%d}\n\n", v))
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
				// A removed team's stream ends after the event of its
				// removal, which sends its page to the join form.
				if !send() || !s.knownToken(bearer(r)) {
					return
				}
			case <-ping.C:
				if !write(": ping\n\n") {
					return
				}
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

// level is the tokens b holds at now, before the cap of a burst.
func (l *limiter) level(b *bucket, now time.Time) float64 {
	return b.tokens + now.Sub(b.last).Seconds()*l.rate
}

// empty reports whether key's bucket holds less than one token, taking
// none.
func (l *limiter) empty(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	return b != nil && l.level(b, now) < 1
}

func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			for k, o := range l.buckets {
				if l.level(o, now) >= l.burst {
					delete(l.buckets, k)
				}
			}
			// Clients of many addresses at once: forget some of them
			// (each then starts with a full bucket) rather than grow.
			for k := range l.buckets {
				if len(l.buckets) < maxBuckets {
					break
				}
				delete(l.buckets, k)
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, l.level(b, now))
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// maxConns bounds the connections open at once from one address other
// than this computer's: a browser opens six or so, and one device that
// opens thousands (held open by sending slowly) would use up the
// server's file descriptors and lock the class out.
const maxConns = 64

// Listener returns ln with a bound of maxConns connections open from one
// remote address; a connection past it is closed at once. Loopback
// connections are not bounded (the teacher's own tabs, and any program on
// this computer can do worse than connect).
func (s *Server) Listener(ln net.Listener) net.Listener {
	return &connLimit{Listener: ln, open: map[string]int{}}
}

type connLimit struct {
	net.Listener
	mu   sync.Mutex
	open map[string]int
}

func (l *connLimit) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host, _, err := net.SplitHostPort(c.RemoteAddr().String())
		if ip := net.ParseIP(host); err != nil || ip == nil || ip.IsLoopback() {
			return c, nil
		}
		l.mu.Lock()
		if l.open[host] >= maxConns {
			l.mu.Unlock()
			c.Close()
			continue
		}
		l.open[host]++
		l.mu.Unlock()
		return &limitedConn{Conn: c, release: func() {
			l.mu.Lock()
			if l.open[host]--; l.open[host] == 0 {
				delete(l.open, host)
			}
			l.mu.Unlock()
		}}, nil
	}
}

// limitedConn is an accepted connection that frees its place on Close.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
