package chart

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/plot/vg"

	"simulate/model"
)

// WriteRun writes dir/charts/<indicator>.png and .svg for every indicator in
// res, plus dir/dashboard.png and .svg. Results that cannot be drawn (a NaN
// or infinite value among them) are an error before any file is written.
func WriteRun(dir string, res *model.Results, info RunInfo) error {
	if err := checkResults(res); err != nil {
		return err
	}
	var charts []*Figure
	for _, id := range indicatorIDs(res) {
		f, err := runChart(res, info, id)
		if err != nil {
			return err
		}
		charts = append(charts, f)
	}
	dash, err := runDashboard(res, info)
	if err != nil {
		return err
	}
	return writeFigures(dir, charts, dash)
}

// WriteCompare writes dir/charts/<indicator>.png/.svg overlaying the
// scenarios (over their shared years) and dir/dashboard.png/.svg, for every
// indicator of the first scenario that all of them report.
func WriteCompare(dir string, runs []Named) error {
	cmp, err := newComparison(runs)
	if err != nil {
		return err
	}
	return cmp.write(dir)
}

// write renders the comparison's charts and dashboard into dir.
func (cmp *comparison) write(dir string) error {
	var charts []*Figure
	for _, id := range indicatorIDs(cmp.runs[0].Res) {
		if subjects, _ := cmp.subjects(id); len(subjects) == 0 {
			continue
		}
		f, err := cmp.chart(id)
		if err != nil {
			return err
		}
		charts = append(charts, f)
	}
	dash, err := cmp.dashboard()
	if err != nil {
		return err
	}
	return writeFigures(dir, charts, dash)
}

// writeFigures renders the charts into dir/charts and the dashboard into
// dir, as PNG and SVG. Figures are independent, so they are rendered in
// parallel; each file's bytes do not depend on the order.
func writeFigures(dir string, charts []*Figure, dashboard *Figure) error {
	if err := os.MkdirAll(filepath.Join(dir, "charts"), 0o755); err != nil {
		return err
	}
	type job struct {
		fig  *Figure
		stem string // path without extension
	}
	jobs := make([]job, 0, len(charts)+1)
	for _, f := range charts {
		jobs = append(jobs, job{f, filepath.Join(dir, "charts", f.Name)})
	}
	jobs = append(jobs, job{dashboard, filepath.Join(dir, "dashboard")})
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

	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = writeFigure(jobs[i].fig, jobs[i].stem)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeFigure renders the figure as stem.png and stem.svg.
func writeFigure(f *Figure, stem string) error {
	var buf bytes.Buffer
	for _, format := range []string{"png", "svg"} {
		buf.Reset()
		if err := f.Render(&buf, format); err != nil {
			return fmt.Errorf("chart: %s: %w", f.Name, err)
		}
		if err := os.WriteFile(stem+"."+format, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
