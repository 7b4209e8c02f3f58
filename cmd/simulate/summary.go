package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"simulate/internal/chart"
	"simulate/model"
)

// headline lists the (indicator, subject) rows of the end-of-run summary.
var headline = []struct{ indicator, subject string }{
	{"defense_share", "ROK"},
	{"defense_spending", "ROK"},
	{"burden_share", model.SubjectAlliance},
	{"us_commitment", model.SubjectAlliance},
	{"deterrence_credibility", model.SubjectAlliance},
	{"alliance_cohesion", model.SubjectAlliance},
	{"industrial_integration", model.SubjectAlliance},
	{"tariff_rate", model.SubjectAlliance},
	{"naval_balance", model.SubjectRegion},
	{"dprk_threat", model.SubjectRegion},
	{"regional_tension", model.SubjectRegion},
}

// claimUSDbn is the article's claim: ROK defense spending of "more than
// $150 bn a year" (Korea takes the lead, 2026).
const claimUSDbn = chart.SpendingClaimUSDbn

// pledgeYear is the year of ROK's 3.5% pledge and NATO's 5% target, whose
// spending the claim check reports.
const pledgeYear = 2035

// summaryYears returns the start, middle and end years of the horizon.
func summaryYears(res *model.Results) []int {
	first, last := res.Years[0], res.Years[len(res.Years)-1]
	years := []int{first}
	if mid := first + (last-first)/2; mid != first && mid != last {
		years = append(years, mid)
	}
	if last != first {
		years = append(years, last)
	}
	return years
}

func printSummary(w io.Writer, sc *model.Scenario, res *model.Results) {
	fmt.Fprintf(w, "%s (%d–%d)\n\n", sc.Title, sc.StartYear, sc.EndYear)
	years := summaryYears(res)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\tunit\t")
	for _, y := range years {
		fmt.Fprintf(tw, "%d\t", y)
	}
	fmt.Fprintln(tw)
	for _, h := range headline {
		i := res.Index(h.indicator, h.subject)
		fmt.Fprintf(tw, "%s\t%s\t%s\t", h.indicator, h.subject, res.Series[i].Unit)
		for _, y := range years {
			v, _ := res.Value(h.indicator, h.subject, y)
			fmt.Fprintf(tw, "%.1f\t", v)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, claimCheck(res))
}

// claimCheck says whether ROK defense spending ever exceeds the $150 bn a
// year the article claims, with the 2035 figure when 2035 is simulated.
func claimCheck(res *model.Results) string {
	i := res.Index("defense_spending", "ROK")
	peak, peakYear, first := 0.0, 0, 0
	for t, v := range res.Values[i] {
		if v > peak {
			peak, peakYear = v, res.Years[t]
		}
		if v > claimUSDbn && first == 0 {
			first = res.Years[t]
		}
	}
	at2035 := ""
	if v, ok := res.Value("defense_spending", "ROK", pledgeYear); ok {
		share, _ := res.Value("defense_share", "ROK", pledgeYear)
		at2035 = fmt.Sprintf("; %d: $%.1f bn at %.2f%% of GDP", pledgeYear, v, share)
	}
	if first == 0 {
		return fmt.Sprintf("Claim 'ROK defense spending above $%d bn a year': does not hold in any year (peak $%.1f bn in %d%s).", claimUSDbn, peak, peakYear, at2035)
	}
	return fmt.Sprintf("Claim 'ROK defense spending above $%d bn a year': holds from %d (peak $%.1f bn in %d%s).", claimUSDbn, first, peak, peakYear, at2035)
}
