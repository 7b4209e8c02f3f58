package chart

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/plot/vg"

	"simulate/internal/output"
	"simulate/model"
)

// RenderRun renders charts/<indicator>.png and .svg for every indicator in
// res, plus dashboard.png and .svg. Results that cannot be drawn (a NaN or
// infinite value among them) are an error before anything is rendered.
func RenderRun(res *model.Results, info RunInfo) ([]output.File, error) {
	if err := checkResults(res); err != nil {
		return nil, err
	}
	var charts []*Figure
	for _, id := range indicatorIDs(res.Series) {
		f, err := runChart(res, info, id)
		if err != nil {
			return nil, err
		}
		charts = append(charts, f)
	}
	dash, err := runDashboard(res, info)
	if err != nil {
		return nil, err
	}
	return renderFigures(charts, dash)
}

// RenderCompare renders charts/<indicator>.png/.svg overlaying the
// scenarios (over their shared years) and dashboard.png/.svg, for every
// indicator of the first scenario that all of them report.
func RenderCompare(runs []Named) ([]output.File, error) {
	cmp, err := newComparison(runs)
	if err != nil {
		return nil, err
	}
	return cmp.render()
}

// render renders the comparison's charts and dashboard.
func (cmp *comparison) render() ([]output.File, error) {
	var charts []*Figure
	for _, id := range indicatorIDs(cmp.lines[0].series) {
		if subjects, _ := cmp.subjects(id); len(subjects) == 0 {
			continue
		}
		f, err := cmp.chart(id)
		if err != nil {
			return nil, err
		}
		charts = append(charts, f)
	}
	dash, err := cmp.dashboard()
	if err != nil {
		return nil, err
	}
	return renderFigures(charts, dash)
}

// renderFigures renders the charts as charts/<name> and the dashboard as
// dashboard, each as PNG and SVG, in that order. Figures are independent,
// so they are rendered in parallel; each file's bytes do not depend on the
// order.
func renderFigures(charts []*Figure, dashboard *Figure) ([]output.File, error) {
	type job struct {
		fig  *Figure
		stem string // path without extension
	}
	jobs := make([]job, 0, len(charts)+1)
	for _, f := range charts {
		jobs = append(jobs, job{f, "charts/" + f.Name})
	}
	jobs = append(jobs, job{dashboard, "dashboard"})
	// The largest canvases first, so that a big figure is not left to
	// render alone at the end while the other cores idle.
	area := func(f *Figure) vg.Length { return f.look.Width * f.look.Height }
	slices.SortStableFunc(jobs, func(a, b job) int {
		switch {
		case area(a.fig) > area(b.fig):
			return -1
		case area(a.fig) < area(b.fig):
			return 1
		}
		return 0
	})

	files := make([][]output.File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			var r renderer
			for i := range next {
				files[i], errs[i] = r.render(jobs[i].fig, jobs[i].stem)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []output.File
	for i, err := range errs {
		if err != nil {
			return nil, err
		}
		out = append(out, files[i]...)
	}
	return out, nil
}

// renderFigure renders the figure as stem.png and stem.svg, drawn once.
func renderFigure(f *Figure, stem string) ([]output.File, error) {
	var r renderer
	return r.render(f, stem)
}

// render is renderFigure with r's images and buffers.
func (r *renderer) render(f *Figure, stem string) ([]output.File, error) {
	var png, svg bytes.Buffer
	if err := r.renderPNGSVG(f, &png, &svg); err != nil {
		return nil, fmt.Errorf("chart: %s: %w", f.Name, err)
	}
	return []output.File{{Name: stem + ".png", Data: png.Bytes()}, {Name: stem + ".svg", Data: svg.Bytes()}}, nil
}
