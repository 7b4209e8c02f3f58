// Package classroom holds the teacher's guide (README.md) and the exercises
// (NN-*.md) for using simulate in class, and embeds the served session of
// exercise 7 (Session) for simulate serve. Its tests keep the material
// honest:
//
//   - the guide keeps NetLogo's sections and each exercise its parts (goal,
//     scenario files, commands, questions, answer key);
//   - every number an answer key gives is computed by the model. A number
//     is followed by a marker, an HTML comment that Markdown viewers hide,
//     naming the quantity: 92.5<!-- = v(3.5pct, defense_spending, ROK, 2035) -->.
//     The test evaluates the marker, formats the value as the text writes
//     the number (same decimals, sign and thousands separators) and fails,
//     naming the file, line and marker, if the two differ. Numbers in a key
//     without a marker must be years or figures the exercise itself gave
//     before its key (inputs, not answers);
//   - `go test ./docs/classroom -update` rewrites the marked numbers to what
//     the model now gives; read the keys again afterwards, since the words
//     around a number may need to change too.
//
// The commands the guide and the exercises show are run by a test in
// cmd/simulate (classroom_test.go).
//
// A marker's expression is arithmetic (+ − * / and parentheses) over numbers
// and these functions of a run; a scenario is named by its path under
// scenarios/ without ".toml" (3.5pct, classroom/limited-ncg):
//
//	v(S, INDICATOR, SUBJECT, YEAR)       the value in a year
//	max(S, INDICATOR, SUBJECT)           the largest value over the horizon (min: the smallest)
//	maxyear(S, INDICATOR, SUBJECT)       the year of the largest value (minyear: of the smallest)
//	firstabove(S, INDICATOR, SUBJECT, X, FROM)  the first year from FROM on in which the value
//	                                     exceeds X (firstbelow: is below X)
package classroom
