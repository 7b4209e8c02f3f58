// Package serve runs a class session on the teacher's computer (simulate
// serve): teams join from their browsers with a room code, each edits only
// the scenario keys its role owns, submits a move in each round, and the
// teacher opens, closes and reveals rounds, fires injects and exports each
// round's files. The explorer page is served beside it, with the native
// model behind a JSON API.
//
// # The session file
//
// A session file is TOML:
//
//	title = "Exercise 7: negotiating the alliance bargain"   # shown to every team
//	base = "scenarios/classroom/negotiation/round-1.toml"   # the scenario round 1 extends
//	roles = "negotiation-roles.toml"                         # teams, owned keys, goals (package team)
//
//	[rounds]
//	count = 3                # 1 to 20
//	first_year = 2026        # the first year of round 1 (default: the base's start year + 1)
//	years = 3                # the years each round covers, 1 to 50
//	deadline_minutes = 25    # optional: a round closes by itself this long after it opens
//
//	[[injects]]              # the events the teacher may fire into an open round
//	id = "rok-crisis"        # letters, digits, '-' and '_'
//	label = "ROK political crisis"
//	kind = "political_crisis"   # an [[events]] kind, with its actor and severity
//	actor = "ROK"
//	severity = 0.8
//
// base and roles are named relative to the session file; a base that names
// no file there may name a bundled scenario, and one on disk may extend a
// bundled scenario by its name (its text goes into the log and the
// exports, under files/ beside the base, as the loader read it). Every round must lie after
// the base's start year and within its horizon. Each inject is checked by
// the scenario loader as an [[events]] entry of the first round. The roles
// file is the command line's (-roles): each team's name is its role and its
// first file name ("rok.toml") names its file in every round, so both must
// be plain names.
//
// # Rounds and their files
//
// A session goes lobby → open (round 1) → closed → revealed → open (round
// 2) … → ended. While a round is open each team's latest move replaces its
// earlier one. Closing a round writes its chain, as exercise 7 does by
// hand: round-N/<team>.toml holds a team's move and extends the file
// before it (the first extends ../round-(N−1).toml, or the base for round
// 1), in the roles file's order of teams, and round-N.toml extends the
// last team's file and adds the injects fired in the round as [[events]].
// Every file is loaded by the scenario loader, so a move passes the same
// rules and limits as a file on disk, and checked against the roles file,
// so a team sets only what it owns. The round's results are the run of
// round-N.toml and each team's scorecard against its goals.
//
// # Nothing is lost
//
// Every accepted move and every teacher action is a Record appended to
// session.jsonl in the state directory and synced to disk before the
// request is answered. The first record holds the session's files (the
// session file, the roles file, the base's chain), the room code and the
// teacher's token; a join holds the team's token. A server started on a
// state directory with a log resumes its session from it; a last line cut
// short by a crash is ignored with a warning. Replay recomputes, from the
// log alone, the files the live server wrote on each reveal: round-N/ and
// round-N.toml, round-N/series.csv, round-N/report.html (round N compared
// with what it extends) and round-N.zip (the teacher's export, which also
// holds the earlier rounds' files and the base's chain, so that
// round-N.toml runs from the unzipped folder alone).
//
// # Security
//
// See the handlers: the teacher's and each team's 128-bit tokens,
// compared in constant time; the Host check on every request (an IP
// address, localhost or the join address's host: no DNS rebinding); the
// Origin and Content-Type checks on every POST, bodies of at most 64 KiB;
// a token bucket per client and a slower one for wrong room codes; bounds
// on event streams (in all and per token), on ensembles (running or
// waiting, and one per client) and on a team's bytes of moves in a round;
// the http.Server's read and write timeouts (HTTPServer); and no client
// string in any file name (files are named after the roles file's names).
// A log that fails to write stops the server accepting anything.
package serve
