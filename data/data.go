// Package data holds the historical record the model is checked against,
// embedded so that the simulate command needs no files beside it. README.md
// in this directory names the source of every column.
package data

import _ "embed"

// History1988CSV is history-1988-2024.csv: one row per actor and year,
// 1988–2024, with nominal GDP (USD bn), real GDP growth (%), military
// expenditure (USD bn), military expenditure as a share of GDP (%), GDP
// deflator and CPI inflation (%). history-1988-2024.md gives its sources,
// vintages and caveats.
//
//go:embed history-1988-2024.csv
var History1988CSV []byte
