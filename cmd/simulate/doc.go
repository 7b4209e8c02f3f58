// Command simulate runs scenarios of the US–ROK alliance among its
// neighbours and writes the indicators as tables and charts.
//
// Usage:
//
//	simulate [flags] SCENARIO.toml          run it; write output/<name>/
//	simulate compare [flags] A.toml B.toml  overlay scenarios
//	simulate check [flags] SCENARIO.toml... validate only
//	simulate list [-params | -scenarios]    the indicators (or coefficients, or bundled scenarios)
//	simulate hindcast [flags] [SCENARIO]    rolling-origin forecasts against the 1988–2024 record; skill and charts
//	simulate calibrate [-toml] [SCENARIO]   estimate the decision rule on 1988–2024; print the estimates as TOML
//	simulate sensitivity [flags] SCENARIO   which coefficient moves an indicator most; a tornado chart
//	simulate sweep [flags] SCENARIO         an indicator across the values of one input, or a grid of two (-set)
//	simulate explore [-o FILE] [SCENARIO]   one offline HTML page: sliders, live charts, the model inside
//	simulate serve [-addr A] [SESSION.toml] a class session: teams join from browsers, rounds, injects, a log
//	simulate -version                       the version and the source revision of this binary
//
// -years and -set (on a run, compare, sensitivity and check) choose the
// years shown and set inputs over the scenario's. The bundled scenarios are
// embedded: scenarios/3.5pct.toml runs from any directory, and a file on
// disk at that path wins.
//
// A run writes output/<name>/series.csv (one row per year, subject and
// indicator), manifest.json (scenario file and SHA-256, resolved
// coefficients, seed, version) and charts, and prints a summary table.
// <name> is the scenario file's stem: scenarios/3.5pct.toml writes
// output/3.5pct/.
//
// With runs above 1 (the scenario's runs key or -runs) the run is an
// ensemble: each run draws the scenario's [[risks]] and [uncertainty] from
// random numbers derived from (seed, run, year), and bands.csv and fan
// charts show the mean and quantiles across the runs.
//
// simulate explore writes one self-contained HTML page (output/explore-<name>.html,
// or -o FILE) with the model compiled to WebAssembly inside it: levers for
// the scenario's inputs and coefficients, the loaded scenario beside the
// changed one, pinned runs, ensemble bands, and a download of the scenario
// file that reproduces the view. The page fetches nothing.
//
// simulate serve runs a class session (by default exercise 7, the team
// negotiation) on this computer: teams join from their browsers, edit the
// levers their role owns, submit moves in rounds; the teacher fires
// injects and reveals each round's results. Every move and action is
// synced to a log before it is acknowledged, so a restarted server
// resumes the session; -replay recomputes every round's files from a log.
//
// Exit status: 0 success, 2 usage error or invalid scenario, 1 any other
// failure. An invalid scenario writes nothing.
package main
