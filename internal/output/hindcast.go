package output

import (
	"bufio"
	"fmt"
	"io"

	"simulate/internal/hindcast"
)

// HindcastHeader is the header of hindcast.csv.
const HindcastHeader = "year,actor,model_share_pct,record_share_pct,model_spending_usd_bn,record_spending_usd_bn"

// WriteHindcastCSV writes a hindcast's year-by-year comparison, one row per
// year and scored actor, numbers as FormatValue writes them.
func WriteHindcastCSV(w io.Writer, r *hindcast.Result) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(HindcastHeader + "\n")
	for t, y := range r.Years {
		for _, a := range hindcast.Scored {
			m, rec := r.Model[a], r.Record[a]
			fmt.Fprintf(bw, "%d,%s,%s,%s,%s,%s\n", y, a, FormatValue(m.Share[t]), FormatValue(rec.Share[t]), FormatValue(m.Spending[t]), FormatValue(rec.Spending[t]))
		}
	}
	return bw.Flush()
}
