// Package chart draws a run's indicators, its dashboard and scenario
// comparisons with gonum/plot, as PNG and SVG.
//
// It is an adapter between model.Results and gonum/plot: a model series
// satisfies plotter.XYer (the year on X, the value on Y), and each figure is
// built by one small function (RunChart, RunDashboard, CompareChart,
// CompareDashboard) into a Figure that tests can inspect without rendering.
// Figure.Render then lays it out and draws it.
//
// Every figure reads the same way: a header (what it shows, which scenario,
// what the indicator means), aligned panels, and a legend below the panels so
// that it never covers data. Reference lines (pledges, parity) are dashed grey
// and labelled in the right margin; scheduled events and investment packages
// are dotted vertical lines labelled in a band above the data, with their
// years. Subjects and scenarios are told apart by the Okabe–Ito palette,
// which stays distinguishable with the common colour-vision deficiencies.
//
// Output is deterministic: the same Results give byte-identical SVG and PNG.
// Text uses the Liberation fonts embedded in gonum/plot, so no system font is
// needed. A NaN or infinite value is an error, never a blank chart.
//
// References: Okabe & Ito (2008), Color Universal Design; Tufte (2001), The
// Visual Display of Quantitative Information (direct labels, honest axes).
package chart
