package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"

	"simulate/docs/classroom"
	"simulate/internal/serve"
)

const serveUsage = `Usage: simulate serve [-addr 127.0.0.1:8080] [-state DIR] [SESSION.toml]
       simulate serve -replay LOG [-out DIR]

Runs a class session on this computer: teams join from their browsers with
the room code, each edits only the levers its role owns (with a preview only
it sees), submits its move, and the teacher opens, closes and reveals the
rounds, fires injects and exports each round. The explorer, with the model
behind it, is at /. Without SESSION.toml it serves the bundled session of
exercise 7, the team negotiation (docs/classroom/negotiation-session.toml).

It binds to 127.0.0.1 unless -addr names another address (0.0.0.0:8080 for
every network of this computer); then it prints the address students open.
The teacher's URL carries the teacher's token: keep it to yourself.

Every move and every teacher action is appended to DIR/session.jsonl and
synced to disk before it is acknowledged; started again with the same
-state, the server resumes the session from its log. On each reveal it
writes the round's files into DIR: round-N/<team>.toml and round-N.toml (the
chain, which simulate DIR/round-N.toml runs), round-N/series.csv,
round-N/report.html (round N compared with the round before) and
round-N.zip (what the teacher's export downloads: these, with the earlier
rounds' files and the base's, so that round-N.toml runs from it unzipped). The default DIR is
output/serve-<session name>/.

-replay reads a session log and writes the same files again under -out
(default output/replay-<name of the log's directory>/), computed from the
log alone: byte for byte what the live server wrote.

Examples:
  simulate serve
  simulate serve -addr 0.0.0.0:8080 docs/classroom/negotiation-session.toml
  simulate serve -replay output/serve-negotiation-session/session.jsonl -out /tmp/replay

Flags:
`

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", serveUsage, stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on (host:port)")
	stateDir := fs.String("state", "", "the directory of the session log and the exports (default output/serve-<session name>)")
	replay := fs.String("replay", "", "replay this session log instead of serving")
	out := fs.String("out", "", "with -replay: the directory to write (default output/replay-<the log's directory name>)")
	if err := parse(fs, args); err != nil {
		return err
	}
	warn := func(msg string) { fmt.Fprintln(stderr, "warning:", msg) }
	if *replay != "" {
		if fs.NArg() > 0 || *stateDir != "" {
			return usagef("serve -replay: takes -out only (got %s)", strings.Join(fs.Args(), " "))
		}
		if *out == "" {
			*out = filepath.Join("output", "replay-"+filepath.Base(filepath.Dir(*replay)))
		}
		names, err := serve.Replay(*replay, *out, warn)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "replayed %s: wrote %d files under %s\n", *replay, len(names), *out)
		return nil
	}
	if *out != "" {
		return usagef("serve: -out goes with -replay")
	}
	if fs.NArg() > 1 {
		return usagef("serve: name at most one session file (got %d)", fs.NArg())
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("serve: -addr %q: expected host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080", *addr)
	}
	var cfg *serve.Config
	name := strings.TrimSuffix(classroom.SessionFile, ".toml")
	if fs.NArg() == 1 {
		cfg, err = loadSession(fs.Arg(0))
		name = strings.TrimSuffix(filepath.Base(fs.Arg(0)), filepath.Ext(fs.Arg(0)))
	} else {
		cfg, err = serve.LoadConfigFS(classroom.Session, classroom.SessionFile)
	}
	if err != nil {
		return err
	}
	if *stateDir == "" {
		*stateDir = filepath.Join("output", "serve-"+name)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: cannot listen on %s: %v", *addr, err)
	}
	port = fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	urls := lanURLs(host, port)
	joinBase := ""
	if len(urls) > 0 {
		joinBase = urls[0]
	}
	srv, err := serve.Open(cfg, serve.Options{StateDir: *stateDir, JoinBase: joinBase, Warn: warn})
	if err != nil {
		ln.Close()
		var inUse *serve.InUseError
		if errors.As(err, &inUse) {
			return usagef("serve: %v", err)
		}
		return err
	}
	defer srv.Close()
	// The teacher's URL names this computer itself where the server
	// listens on it.
	local := "http://" + net.JoinHostPort(host, port)
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		local = "http://" + net.JoinHostPort("127.0.0.1", port)
	}
	fmt.Fprintf(stdout, "%s\nsession log: %s\nroom code: %s\n", cfg.Title, filepath.Join(*stateDir, serve.LogName), srv.Room())
	if len(urls) == 0 {
		fmt.Fprintf(stdout, "join (this computer only; -addr 0.0.0.0:%s for the class): %s/join?room=%s\n", port, local, srv.Room())
	}
	for _, u := range urls {
		fmt.Fprintf(stdout, "join: %s/join?room=%s\n", u, srv.Room())
	}
	fmt.Fprintf(stdout, "teacher (keep it private): %s/teacher?t=%s\n", local, srv.TeacherToken())
	if r := srv.Resumed(); r != "" {
		fmt.Fprintf(stdout, "the session %s\n", r)
		if srv.Ended() {
			fmt.Fprintf(stdout, "it has ended: to start a new one, name another directory with -state\n")
		}
	}
	fmt.Fprintf(stdout, "stop with Ctrl-C; run the same command again to resume from the log\n")
	note := "the session is kept in " + filepath.Join(*stateDir, serve.LogName) + ": run the same command again to resume it"
	stopNote.Store(&note)
	if err := srv.HTTPServer().Serve(srv.Listener(ln)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// lanURLs returns the URLs students open for a server listening on host:
// for an unspecified host (0.0.0.0, ::, "") one per non-loopback IPv4
// address of this computer; for a loopback host none; else the host's.
func lanURLs(host, port string) []string {
	ip := net.ParseIP(host)
	switch {
	case host == "localhost" || ip != nil && ip.IsLoopback():
		return nil
	case host != "" && (ip == nil || !ip.IsUnspecified()):
		return []string{"http://" + net.JoinHostPort(host, port)}
	}
	var out []string
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			out = append(out, "http://"+net.JoinHostPort(n.IP.String(), port))
		}
	}
	return out
}
