// Package data holds the historical record the model is checked against,
// embedded so that the simulate command needs no files beside it. README.md
// in this directory names the source of every column.
package data

import _ "embed"

// HistoryCSV is history-2015-2024.csv: one row per actor and year with
// nominal GDP (USD bn), real GDP growth (%), military expenditure (USD bn)
// and military expenditure as a share of GDP (%).
//
//go:embed history-2015-2024.csv
var HistoryCSV []byte

// EventsCSV is events-2015-2024.csv: the dated events of 2016–2024 that the
// hindcast applies, each with the model's event kind, a severity (judgment)
// and what happened.
//
//go:embed events-2015-2024.csv
var EventsCSV []byte

// History1988CSV is history-1988-2024.csv: one row per actor and year,
// 1988–2024, with nominal GDP (USD bn), real GDP growth (%), military
// expenditure (USD bn), military expenditure as a share of GDP (%), GDP
// deflator and CPI inflation (%). history-1988-2024.md gives its sources,
// vintages and caveats.
//
//go:embed history-1988-2024.csv
var History1988CSV []byte
