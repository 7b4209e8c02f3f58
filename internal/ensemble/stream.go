package ensemble

import "sync"

// stream hands the workers' runs to a writer in run order. A worker takes a
// token from window before it starts a chunk of runs and the writer gives
// it back once the chunk is written, so at most cap(window) chunks are
// computed but not yet written: memory stays flat however many runs there
// are, and a slow writer slows the workers down rather than piling up runs.
type stream struct {
	chunk   int // runs per chunk
	window  chan struct{}
	done    chan *Replication
	free    chan *Replication // written, for reuse
	write   func(*Replication) error
	stop    chan struct{} // closed when the ensemble fails
	stopped sync.Once
}

// newStream returns a stream for the given number of workers and runs per
// chunk.
func newStream(workers, chunk int, write func(*Replication) error) *stream {
	size := 4 * workers
	s := &stream{
		chunk:  chunk,
		window: make(chan struct{}, size),
		done:   make(chan *Replication, size*chunk),
		free:   make(chan *Replication, size*chunk),
		write:  write,
		stop:   make(chan struct{}),
	}
	for range size {
		s.window <- struct{}{}
	}
	return s
}

// acquire takes a token, or returns at once when the ensemble has failed.
func (s *stream) acquire() {
	select {
	case <-s.window:
	case <-s.stop:
	}
}

// release gives a token back.
func (s *stream) release() {
	select {
	case s.window <- struct{}{}:
	default:
	}
}

// abort stops the stream: workers waiting for a token go on (and find the
// ensemble failed), and drain returns.
func (s *stream) abort() { s.stopped.Do(func() { close(s.stop) }) }

// replication returns a Replication to fill, reused when one is free.
func (s *stream) replication() *Replication {
	select {
	case r := <-s.free:
		r.Encoded = r.Encoded[:0]
		return r
	default:
		return new(Replication)
	}
}

// put hands over a run. It does not block: done has room for every
// token, and once the stream is stopped (workers then go on without
// tokens until they see the ensemble failed) the run is dropped.
func (s *stream) put(r *Replication) {
	select {
	case s.done <- r:
	case <-s.stop:
	}
}

// drain writes the runs 0..n-1 in order as they arrive, holding those that
// arrive early (at most one window of chunks), and gives a chunk's token
// back when its last run is written.
func (s *stream) drain(n int) error {
	pending := make(map[int]*Replication)
	for next := 0; next < n; {
		select {
		case <-s.stop:
			return nil // a worker failed; Run reports its error
		case r := <-s.done:
			pending[r.Run] = r
		}
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			if err := s.write(r); err != nil {
				s.abort()
				return err
			}
			select {
			case s.free <- r:
			default:
			}
			next++
			if next%s.chunk == 0 || next == n {
				s.release()
			}
		}
	}
	return nil
}
