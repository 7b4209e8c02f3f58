package output

import (
	"bufio"
	"io"
	"strconv"

	"simulate/internal/ensemble"
)

// SensitivityHeader is the header of sensitivity.csv.
const SensitivityHeader = "rank,parameter,actor,unit,value,low,high,indicator,subject,year,reference,at_low,at_high,span"

// WriteSensitivityCSV writes a sensitivity analysis: one row per
// coefficient (and actor), ranked by span, with its value in the scenario,
// its plausible range, the target and its value in the reference run, at
// the low end and at the high end.
func WriteSensitivityCSV(w io.Writer, s *ensemble.Sensitivity) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(SensitivityHeader + "\n")
	t := s.Target
	var buf []byte
	for i, e := range s.Effects {
		buf = strconv.AppendInt(buf[:0], int64(i+1), 10)
		buf = append(append(buf, ','), e.Param.Key...)
		buf = append(buf, ',')
		if e.PerActor {
			buf = append(buf, e.Param.Actor.String()...)
		}
		buf = append(append(buf, ','), csvField(e.Unit)...)
		for _, v := range []float64{e.Value, e.Low, e.High} {
			buf = appendValue(append(buf, ','), v)
		}
		buf = append(append(buf, ','), t.Indicator...)
		buf = append(append(buf, ','), t.Subject...)
		buf = strconv.AppendInt(append(buf, ','), int64(t.Year), 10)
		for _, v := range []float64{s.Baseline, e.AtLow, e.AtHigh, e.Span} {
			buf = appendValue(append(buf, ','), v)
		}
		bw.Write(append(buf, '\n'))
	}
	return bw.Flush()
}

// WriteSweepCSV writes a sweep in tidy long format: one row per point,
// subject and indicator, in the end year, the swept keys' values first
// (each key its own column, named by the key).
func WriteSweepCSV(w io.Writer, s *ensemble.Sweep) error {
	bw := bufio.NewWriter(w)
	for _, a := range s.Axes {
		bw.WriteString(csvField(a.Key) + ",")
	}
	bw.WriteString(SeriesHeader + "\n")
	var buf []byte
	for p := range s.Points() {
		point := s.Point(p)
		for i, ser := range s.Series() {
			buf = buf[:0]
			for _, v := range point {
				buf = append(appendValue(buf, v), ',')
			}
			buf = strconv.AppendInt(buf, int64(s.Year), 10)
			buf = appendKey(buf, ser.Subject, string(ser.Indicator), ser.Unit)
			buf = appendValue(append(buf, ','), s.Ends[p].At(i, 0))
			bw.Write(append(buf, '\n'))
		}
	}
	return bw.Flush()
}
