package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"simulate/internal/hindcast"
	"simulate/internal/output"
	"simulate/model"
)

// Chart layout and colours.
const (
	hindcastChartWidth   = 10 * vg.Inch
	hindcastChartHeight  = 4.2 * vg.Inch
	hindcastChartDPI     = 120
	hindcastTitleBand    = 0.65 * vg.Inch // figure title and subtitle above the panels
	hindcastLegendBand   = 0.4 * vg.Inch  // legend below the panels
	hindcastChartPadding = 0.15 * vg.Inch
)

var (
	hindcastModelColor  = color.RGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff} // blue
	hindcastRecordColor = color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff} // near black
	hindcastSplitColor  = color.RGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	hindcastSans        = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// RenderHindcast renders one chart per scored actor of a hindcast, as
// hindcast-<ACTOR>.png and .svg, in that order. Its layout is its own: two
// panels, model against record, with the fit window marked.
func RenderHindcast(r *hindcast.Result, label string) ([]output.File, error) {
	var out []output.File
	for _, a := range hindcast.Scored {
		stem := "hindcast-" + a.String()
		for _, ext := range []string{".png", ".svg"} {
			b, err := hindcastRender(ext, r, a, label)
			if err != nil {
				return nil, fmt.Errorf("chart for %s: %w", a, err)
			}
			out = append(out, output.File{Name: stem + ext, Data: b})
		}
	}
	return out, nil
}

func hindcastRender(ext string, r *hindcast.Result, a model.Actor, label string) ([]byte, error) {
	var canvas interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if ext == ".svg" {
		canvas = vgsvg.New(hindcastChartWidth, hindcastChartHeight)
	} else {
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(hindcastChartWidth, hindcastChartHeight), vgimg.UseDPI(hindcastChartDPI))}
	}
	if err := hindcastDrawChart(draw.New(canvas), r, a, label); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := canvas.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// hindcastDrawChart draws actor a's two panels, defense share and defense spending,
// model against record, with the fit window marked.
func hindcastDrawChart(c draw.Canvas, r *hindcast.Result, a model.Actor, label string) error {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, hindcastChartPadding, -hindcastChartPadding, hindcastChartPadding, -hindcastChartPadding)

	title := hindcastTextStyle(13, true)
	title.XAlign, title.YAlign = text.XLeft, text.YTop
	c.FillText(title, vg.Point{X: c.Min.X, Y: c.Max.Y}, fmt.Sprintf("%s: defense share and spending, model against record, %d–%d", a, r.Years[0], r.Years[len(r.Years)-1]))
	sub := hindcastTextStyle(9, false)
	sub.XAlign, sub.YAlign = text.XLeft, text.YTop
	c.FillText(sub, vg.Point{X: c.Min.X, Y: c.Max.Y - title.Height("A") - 3}, label)

	// The axes span the data, not zero: the errors are the point.
	share, err := hindcastPanel("Defense share, % of GDP (axis not from zero)", r.Years, r.Model[a].Share, r.Record[a].Share)
	if err != nil {
		return err
	}
	spending, err := hindcastPanel("Defense spending, current USD bn (axis not from zero)", r.Years, r.Model[a].Spending, r.Record[a].Spending)
	if err != nil {
		return err
	}
	body := draw.Crop(c, 0, 0, hindcastLegendBand, -hindcastTitleBand)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: 0.4 * vg.Inch}
	canvases := plot.Align([][]*plot.Plot{{share.plot, spending.plot}}, tiles, body)
	share.plot.Draw(canvases[0][0])
	spending.plot.Draw(canvases[0][1])

	hindcastDrawLegend(draw.Crop(c, 0, 0, 0, -(c.Max.Y-c.Min.Y-hindcastLegendBand)), []hindcastLegendEntry{
		{"model (decision rule, no policy paths)", []plot.Thumbnailer{share.model}},
		{"record (SIPRI)", []plot.Thumbnailer{share.record, share.marks}},
		{fmt.Sprintf("end of the fit window (%d)", hindcast.FitWindow.Last), []plot.Thumbnailer{share.split}},
	})
	return nil
}

// hindcastLegendEntry is one entry of a chart's legend.
type hindcastLegendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// hindcastDrawLegend draws the entries in one row, left to right, in c: below the
// panels, so the legend never covers data.
func hindcastDrawLegend(c draw.Canvas, entries []hindcastLegendEntry) {
	sty := hindcastTextStyle(10, false)
	sty.YAlign = text.YCenter
	const thumb = 0.35 * vg.Inch
	x, y := c.Min.X, (c.Min.Y+c.Max.Y)/2
	h := sty.Height("A")
	for _, e := range entries {
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: y - h/2}, Max: vg.Point{X: x + thumb, Y: y + h/2}}}
		for _, t := range e.thumbs {
			t.Thumbnail(&tc)
		}
		x += thumb + 0.08*vg.Inch
		c.FillText(sty, vg.Point{X: x, Y: y}, e.label)
		x += sty.Width(e.label) + 0.35*vg.Inch
	}
}

func hindcastTextStyle(size vg.Length, bold bool) text.Style {
	f := font.From(hindcastSans, size)
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{Color: color.Black, Font: f, Handler: plot.DefaultTextHandler}
}

// hindcastPanelParts are a hindcastPanel's plot and the plotters its legend shows.
type hindcastPanelParts struct {
	plot          *plot.Plot
	model, record *plotter.Line
	marks         *plotter.Scatter
	split         *plotter.Line
}

// hindcastPanel returns one hindcastPanel: the model's line, the record's line with
// markers, and a dotted vertical line at the end of the fit window. The Y
// axis spans the data with a margin, so that year-to-year changes of a few
// percent stay visible.
func hindcastPanel(title string, years []int, m, rec []float64) (*hindcastPanelParts, error) {
	mXY, rXY := make(plotter.XYs, len(years)), make(plotter.XYs, len(years))
	lo, hi := math.Inf(1), math.Inf(-1)
	for t, y := range years {
		if math.IsNaN(m[t]) || math.IsInf(m[t], 0) || math.IsNaN(rec[t]) || math.IsInf(rec[t], 0) {
			return nil, fmt.Errorf("%s: value for %d is not finite", title, y)
		}
		mXY[t] = plotter.XY{X: float64(y), Y: m[t]}
		rXY[t] = plotter.XY{X: float64(y), Y: rec[t]}
		lo, hi = math.Min(lo, math.Min(m[t], rec[t])), math.Max(hi, math.Max(m[t], rec[t]))
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(hindcastSans, 12)
	p.Title.Padding = vg.Points(6)
	p.X.Tick.Label.Font = font.From(hindcastSans, 10)
	p.Y.Tick.Label.Font = font.From(hindcastSans, 11)
	p.X.Tick.Marker = hindcastYearTicks{}
	p.Y.Tick.Marker = hindcastValueTicks{}
	p.Add(plotter.NewGrid())

	pad := 0.15 * (hi - lo)
	if pad == 0 {
		pad = 0.1 * math.Abs(hi)
	}
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	p.X.Min, p.X.Max = float64(years[0])-0.3, float64(years[len(years)-1])+0.3

	model, err := plotter.NewLine(mXY)
	if err != nil {
		return nil, err
	}
	model.Color, model.Width = hindcastModelColor, vg.Points(2)
	record, err := plotter.NewLine(rXY)
	if err != nil {
		return nil, err
	}
	record.Color, record.Width = hindcastRecordColor, vg.Points(1.2)
	record.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
	marks, err := plotter.NewScatter(rXY)
	if err != nil {
		return nil, err
	}
	marks.Color = hindcastRecordColor
	marks.Shape = draw.CircleGlyph{}
	marks.Radius = vg.Points(2.2)
	x := float64(hindcast.FitWindow.Last) + 0.5
	split, err := plotter.NewLine(plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: p.Y.Max}})
	if err != nil {
		return nil, err
	}
	split.Color, split.Width = hindcastSplitColor, vg.Points(1)
	split.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
	p.Add(split, record, marks, model)
	return &hindcastPanelParts{plot: p, model: model, record: record, marks: marks, split: split}, nil
}

// hindcastYearTicks labels every year.
type hindcastYearTicks struct{}

func (hindcastYearTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for y := math.Ceil(min); y <= max; y++ {
		ticks = append(ticks, plot.Tick{Value: y, Label: strconv.Itoa(int(y))})
	}
	return ticks
}

// hindcastValueTicks labels the Y axis at a round step (1, 2, 2.5 or 5 times a
// power of ten) that gives at most hindcastMaxValueLabels labels, each with the
// decimals the step needs: 2.3, 2.4, 2.5 rather than 2.30, 2.60, 2.90.
type hindcastValueTicks struct{}

// hindcastMaxValueLabels is the most labels on a hindcastPanel's Y axis.
const hindcastMaxValueLabels = 6

func (hindcastValueTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) { // an empty range, or one no step can divide
		if math.IsNaN(min) || math.IsInf(min, 0) {
			return nil
		}
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 4, 64)}}
	}
	var step float64
	var decimals int
	for k := math.Floor(math.Log10((max-min)/hindcastMaxValueLabels)) - 1; step == 0; k++ {
		for _, m := range []float64{1, 2, 2.5, 5} {
			if s := m * math.Pow(10, k); (max-min)/s <= hindcastMaxValueLabels {
				step, decimals = s, int(math.Max(0, -k))
				if m == 2.5 {
					decimals++
				}
				break
			}
		}
	}
	return ticksEvery(min, max, step, func(v float64) string { return strconv.FormatFloat(v, 'f', decimals, 64) })
}
