package hindcast

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"simulate/model"
)

// Windows are the windows every error table reports, in order.
var Windows = []Window{FitWindow, TestWindow, FullWindow}

// windowName says what a window is to the calibration.
func windowName(w Window) string {
	switch w {
	case FitWindow:
		return "fit"
	case TestWindow:
		return "held out"
	}
	return "all"
}

// WriteErrors writes r's error table: for every scored actor and window,
// the MAPE and bias of the defense share and of defense spending, and the
// record's own gap between the two (see RecordGap).
func WriteErrors(w io.Writer, r *Result, h *History) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ACTOR\tYEARS\t\tSHARE MAPE %\tSHARE BIAS %\tSPENDING MAPE %\tSPENDING BIAS %\tRECORD GAP %\t")
	for _, a := range Scored {
		for _, win := range Windows {
			e := r.errorsOf(a, win)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", a, win, windowName(win),
				pct(e.ShareMAPE), signed(e.ShareBias), pct(e.SpendingMAPE), signed(e.SpendingBias), pct(RecordGap(h, a, win)))
		}
	}
	return tw.Flush()
}

// WriteComparison writes the defense share's errors before and after a
// calibration, for every scored actor and window.
func WriteComparison(w io.Writer, before, after *Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ACTOR\tYEARS\t\tSHARE MAPE % BEFORE\tAFTER\tSHARE BIAS % BEFORE\tAFTER\t")
	for _, a := range Scored {
		for _, win := range Windows {
			b, f := before.errorsOf(a, win), after.errorsOf(a, win)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", a, win, windowName(win),
				pct(b.ShareMAPE), pct(f.ShareMAPE), signed(b.ShareBias), signed(f.ShareBias))
		}
	}
	return tw.Flush()
}

func (r *Result) errorsOf(a model.Actor, w Window) Errors {
	for _, e := range r.Errors(w) {
		if e.Actor == a {
			return e
		}
	}
	return Errors{Actor: a, ShareMAPE: nan, ShareBias: nan, SpendingMAPE: nan, SpendingBias: nan}
}

func pct(v float64) string    { return strconv.FormatFloat(v, 'f', 1, 64) }
func signed(v float64) string { return fmt.Sprintf("%+.1f", v) }

// RecordGap is the mean over w of |(M/Y)/s − 1| in percent, where M is
// SIPRI's dollar spending, Y the World Bank's GDP and s SIPRI's share: the
// record's own disagreement between share and spending (SIPRI computes the
// share from national-currency figures). A model whose spending is its
// share times the recorded GDP cannot match both series closer than this.
func RecordGap(h *History, a model.Actor, w Window) float64 {
	var sum float64
	n := 0
	for y := w.First; y <= w.Last; y++ {
		rec, ok := h.At(a, y)
		if !ok {
			continue
		}
		sum += math.Abs(100 * (rec.Spending/rec.GDP*100/rec.SharePct - 1))
		n++
	}
	if n == 0 {
		return nan
	}
	return sum / float64(n)
}

// WriteFit writes the fitted coefficients: value before and after, plausible
// range, and the cost of holding each at its default.
func WriteFit(w io.Writer, fit *Fit) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "COEFFICIENT\tDEFAULT\tFITTED\tRANGE\tAT EDGE\tHELD AT DEFAULT: FIT WORSE BY (PP)\t")
	for i, c := range fit.Coefficients {
		lo, hi := c.Spec.Range(c.Actor)
		edge := ""
		if math.Abs(fit.After[i]-lo) <= edgeTolerance*(hi-lo) || math.Abs(fit.After[i]-hi) <= edgeTolerance*(hi-lo) {
			edge = "yes"
		}
		fmt.Fprintf(tw, "%s\t%v\t%v\t%v–%v\t%s\t%.3f\t\n", c.Name(), fit.Before[i], fit.After[i], lo, hi, edge, fit.HeldCost[i])
	}
	return tw.Flush()
}

// edgeTolerance: a fitted value within this fraction of its range from an
// edge is reported as at the edge (the range, not the record, decided it).
const edgeTolerance = 0.01

// WriteTOML writes the fitted coefficients as a scenario's [params] and
// [params.<ACTOR>] tables, with comments that say how they were fitted and
// how well they do, ready to paste into a scenario file.
func WriteTOML(w io.Writer, fit *Fit) error {
	bw := bufio.NewWriter(w)
	before, after := fit.BeforeResult, fit.AfterResult
	fmt.Fprintf(bw, "# Decision-rule coefficients fitted by `simulate calibrate`: Nelder–Mead\n")
	fmt.Fprintf(bw, "# (gonum/optimize) within each coefficient's plausible range, minimizing the\n")
	fmt.Fprintf(bw, "# mean MAPE of the defense share of %s against SIPRI over %s\n", scoredList(), FitWindow)
	fmt.Fprintf(bw, "# (hindcast from %d; data/README.md). Mean share MAPE %s: %.1f%% (defaults\n", before.Years[0], FitWindow, after.MeanShareMAPE(FitWindow))
	fmt.Fprintf(bw, "# %.1f%%); held out, %s: %.1f%% (defaults %.1f%%).\n", before.MeanShareMAPE(FitWindow), TestWindow, after.MeanShareMAPE(TestWindow), before.MeanShareMAPE(TestWindow))
	var global []int
	byActor := map[model.Actor][]int{}
	for i, c := range fit.Coefficients {
		if c.Spec.PerActor {
			byActor[c.Actor] = append(byActor[c.Actor], i)
		} else {
			global = append(global, i)
		}
	}
	if len(global) > 0 {
		fmt.Fprintf(bw, "[params]\n")
		for _, i := range global {
			writeTOMLValue(bw, fit, i)
		}
	}
	for _, a := range Scored {
		idx := byActor[a]
		if len(idx) == 0 {
			continue
		}
		fe, te := after.errorsOf(a, FitWindow), after.errorsOf(a, TestWindow)
		fmt.Fprintf(bw, "\n[params.%s]  # share MAPE %s %.1f%%, %s %.1f%%\n", a, FitWindow, fe.ShareMAPE, TestWindow, te.ShareMAPE)
		for _, i := range idx {
			writeTOMLValue(bw, fit, i)
		}
	}
	return bw.Flush()
}

func writeTOMLValue(w io.Writer, fit *Fit, i int) {
	c := fit.Coefficients[i]
	lo, hi := c.Spec.Range(c.Actor)
	key := fmt.Sprintf("%s = %s", c.Spec.Key, strconv.FormatFloat(fit.After[i], 'f', -1, 64))
	fmt.Fprintf(w, "%-32s # default %v, range %v–%v; fit worse by %.3f pp if held at the default\n", key, fit.Before[i], lo, hi, fit.HeldCost[i])
}

func scoredList() string {
	var s []string
	for _, a := range Scored {
		s = append(s, a.String())
	}
	return strings.Join(s, ", ")
}
