// Package chart draws a run's indicators, its dashboard and scenario
// comparisons with gonum/plot, as PNG and SVG.
//
// It is an adapter between model.Results and gonum/plot: a model series
// satisfies plotter.XYer (the year on X, the value on Y), and each figure is
// built by one small function (RunChart, RunDashboard, CompareChart,
// CompareDashboard) into a Figure that tests can inspect without rendering.
// Figure.Render then lays it out and draws it. RenderRun, RenderCompare,
// RenderFan, RenderCompareFans, RenderSweep, RenderTornado and
// RenderForecasts render a whole output's figures into memory, as the files
// (charts/<indicator>.png and .svg, dashboard.png and .svg, forecasts.png
// and .svg, ...) that the output package writes.
//
// Every figure reads the same way: a header (what it shows, which scenario,
// what the indicator means), aligned panels, and a legend below the panels so
// that it never covers data; lines are also labelled at their right end.
// Reference lines (pledges, parity) are dashed grey and labelled in the right
// margin. A scheduled event is a dotted vertical line and an investment
// package a shaded span of years, labelled with their years in a band above
// the data (on a dashboard, whose panels are small, in a caption). A 0–100
// index is drawn on its whole scale and every other quantity from zero, so a
// change looks as large as it is; a subject that dwarfs the others (DPRK's
// defense share) gets a narrow panel of its own rather than flattening them.
// Subjects and scenarios are told apart by the Okabe–Ito palette, which
// stays distinguishable with the common colour-vision deficiencies, and
// scenarios also by dashes.
//
// Output is deterministic: the same Results give byte-identical SVG and PNG.
// Text uses the Liberation fonts embedded in gonum/plot, so no system font is
// needed. A NaN or infinite value is an error, never a blank chart.
//
// References: Okabe & Ito (2008), Color Universal Design; Tufte (2001), The
// Visual Display of Quantitative Information (direct labels, honest axes).
package chart
