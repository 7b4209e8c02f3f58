package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"simulate/internal/plaintext"
)

// Layout of a figure, in points.
const (
	outerMargin = vg.Length(14) // around the whole figure
	headerGap   = vg.Length(4)  // between header lines
	panelPadX   = vg.Length(26) // between columns of panels
	panelPadY   = vg.Length(22) // between rows of panels
	legendGap   = vg.Length(28) // between legend entries in a row
)

// The font of an SVG as vgsvg writes it, and with fallbacks.
const (
	svgFont         = "font-family:Liberation Sans;"
	svgFontFallback = "font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"
)

// Render draws the figure as "png" (at 144 dpi) or "svg". The same figure
// always gives the same bytes.
//
// An SVG names its font without embedding it (embedding would add half a
// megabyte to each file); where Liberation Sans is not installed, the viewer
// falls back to Arial, which has the same metrics, so the layout holds.
//
// PNGs are compressed for speed: deflate's best effort costs several times
// the drawing for files a few per cent smaller, and encodePNG skips
// image/png's row-by-row search for a filter.
func (f *Figure) Render(w io.Writer, format string) error {
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(f.look.Width, f.look.Height), vgimg.UseDPI(dpi))
		f.draw(draw.New(newTextCanvas(c)))
		return encodePNG(w, c.Image())
	case "svg":
		c := vgsvg.New(f.look.Width, f.look.Height)
		dc := draw.New(c)
		dc.SetColor(color.White) // an SVG is transparent; a PNG starts white
		dc.Fill(dc.Rectangle.Path())
		f.draw(dc)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return err
		}
		// XML cannot hold control characters even escaped: text that did not
		// pass the loader (a file name in a legend, say) has them replaced,
		// so the SVG is well-formed whatever it shows.
		svg := plaintext.Clean(buf.String(), true)
		_, err := io.WriteString(w, strings.ReplaceAll(svg, svgFont, svgFontFallback))
		return err
	}
	return fmt.Errorf("chart: unknown image format %q", format)
}

// draw lays the figure out on dc: header at the top, legend at the bottom,
// the panels aligned in the space between.
func (f *Figure) draw(dc draw.Canvas) {
	c := draw.Crop(dc, outerMargin, -outerMargin, outerMargin, -outerMargin)
	c = f.drawHeader(c)
	c = f.drawLegend(c)
	c = f.drawCaption(c)
	f.drawPanels(c)
}

// drawHeader draws the title, subtitle and note, each shrunk or shortened to
// fit the width, and returns the canvas below them.
func (f *Figure) drawHeader(c draw.Canvas) draw.Canvas {
	lines := []struct {
		text string
		sty  text.Style
	}{
		{f.Title, textStyle(f.look.Title, black, true)},
		{f.Subtitle, textStyle(f.look.Subtitle, textGrey, false)},
		{f.Note, textStyle(f.look.Note, textGrey, false)},
	}
	y := c.Max.Y
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		sty, s := fitText(l.sty, l.text, c.Max.X-c.Min.X)
		sty.YAlign = text.YTop
		c.FillText(sty, vg.Point{X: c.Min.X, Y: y}, s)
		y -= sty.FontExtents().Height + headerGap
	}
	c.Max.Y = y - headerGap
	return c
}

// fitText returns the text and a style that fit in width: the font shrinks
// to three quarters of its size at most, then the text is cut with "…".
// The cut is found by bisection over the number of characters kept, so a
// long text costs O(log n) measurements, not one per character.
func fitText(sty text.Style, s string, width vg.Length) (text.Style, string) {
	smallest := sty.Font.Size * 3 / 4
	// The font shrinks half a point at a time; if the text does not fit at
	// the last of those sizes it fits at none (width grows with size), so
	// a text far too long is measured once, not at every size.
	last := sty
	for last.Font.Size > smallest {
		last.Font.Size -= 0.5
	}
	if last.Width(s) > width {
		sty = last
	}
	for sty.Width(s) > width && sty.Font.Size > smallest {
		sty.Font.Size -= 0.5
	}
	if sty.Width(s) <= width {
		return sty, s
	}
	r := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(r[:n]), " ") + "…" }
	// The longest prefix of at least one character whose cut fits: lo fits
	// (or is 1), hi does not.
	lo, hi := 1, len(r)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if sty.Width(cut(mid)) <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	return sty, cut(lo)
}

// legendRows splits the legend's entries into centred rows that fit width,
// and returns each row's entries and width.
func (f *Figure) legendRows(sty text.Style, width vg.Length) (rows [][]LegendEntry, widths []vg.Length) {
	thumb := 3 * sty.Font.Size
	for _, e := range f.Legend {
		w := thumb + sty.Font.Size/2 + sty.Width(e.Label)
		n := len(rows)
		if n == 0 || widths[n-1]+legendGap+w > width {
			rows, widths = append(rows, nil), append(widths, -legendGap)
			n++
		}
		rows[n-1] = append(rows[n-1], e)
		widths[n-1] += legendGap + w
	}
	return rows, widths
}

// drawLegend draws the legend in rows at the bottom and returns the canvas
// above it.
func (f *Figure) drawLegend(c draw.Canvas) draw.Canvas {
	if len(f.Legend) == 0 {
		return c
	}
	sty := textStyle(f.look.Legend, black, false)
	sty.YAlign = text.YCenter
	thumb := 3 * sty.Font.Size
	rowH := sty.FontExtents().Height + 6
	rows, widths := f.legendRows(sty, c.Max.X-c.Min.X)
	y := c.Min.Y + vg.Length(len(rows))*rowH - rowH/2
	for i, row := range rows {
		x := c.Min.X + (c.Max.X-c.Min.X-widths[i])/2
		for _, e := range row {
			line := e.Style
			line.Width = max(line.Width, 3)
			c.StrokeLine2(line, x, y, x+thumb, y)
			x += thumb + sty.Font.Size/2
			c.FillText(sty, vg.Point{X: x, Y: y}, e.Label)
			x += sty.Width(e.Label) + legendGap
		}
		y -= rowH
	}
	c.Min.Y += vg.Length(len(rows))*rowH + 8
	return c
}

// drawCaption draws the caption at the bottom, in lines that break between
// its items, and returns the canvas above it.
func (f *Figure) drawCaption(c draw.Canvas) draw.Canvas {
	if f.Caption == "" {
		return c
	}
	sty := textStyle(f.look.Annotation+1, textGrey, false)
	var lines []string
	for _, item := range strings.Split(f.Caption, captionSep) {
		n := len(lines)
		if n > 0 && sty.Width(lines[n-1]+captionSep+item) <= c.Max.X-c.Min.X {
			lines[n-1] += captionSep + item
			continue
		}
		lines = append(lines, item)
	}
	lineH := sty.FontExtents().Height + 2
	y := c.Min.Y + vg.Length(len(lines)-1)*lineH
	for _, line := range lines {
		fitted, s := fitText(sty, line, c.Max.X-c.Min.X)
		c.FillText(fitted, vg.Point{X: c.Min.X, Y: y + fitted.FontExtents().Descent}, s)
		y -= lineH
	}
	c.Min.Y += vg.Length(len(lines))*lineH + 8
	return c
}

// drawPanels draws the panels in a grid whose data areas line up
// (plot.Align). First each panel's band of event labels gets its rows, the
// same number across a row of the grid so that the panels' titles line up
// too.
func (f *Figure) drawPanels(c draw.Canvas) {
	cols := max(f.Cols, 1)
	nrows := (len(f.Panels) + cols - 1) / cols
	tiles := draw.Tiles{Rows: nrows, Cols: cols, PadX: panelPadX, PadY: panelPadY}
	plots := make([][]*plot.Plot, nrows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, cols)
		var band int
		for col := range cols {
			i := r*cols + col
			if i >= len(f.Panels) {
				break
			}
			pan := f.Panels[i]
			plots[r][col] = pan.Plot
			pan.marks.rows, pan.marks.nrows = nil, 0
			pan.marks.layout(pan.Plot.DataCanvas(f.tile(tiles, c, col, r)), pan.Plot)
			band = max(band, pan.marks.nrows)
		}
		for col := range cols {
			if i := r*cols + col; i < len(f.Panels) {
				f.Panels[i].marks.nrows = band
			}
		}
	}
	canvases := plot.Align(plots, tiles, c)
	for r, row := range plots {
		for col, p := range row {
			if p == nil {
				continue
			}
			// Align makes the columns equally wide; move each column's
			// edges to where its weight puts them.
			equal, weighted := tiles.At(c, col, r), f.tile(tiles, c, col, r)
			pc := canvases[r][col]
			pc.Min.X += weighted.Min.X - equal.Min.X
			pc.Max.X += weighted.Max.X - equal.Max.X
			p.Draw(pc)
		}
	}
}

// tile returns the canvas of the tile at column col, row r, with the widths
// of the columns in proportion to f.ColWeights.
func (f *Figure) tile(tiles draw.Tiles, c draw.Canvas, col, r int) draw.Canvas {
	t := tiles.At(c, col, r)
	if len(f.ColWeights) != tiles.Cols {
		return t
	}
	var total, before float64
	for i, w := range f.ColWeights {
		total += w
		if i < col {
			before += w
		}
	}
	width := c.Max.X - c.Min.X - vg.Length(tiles.Cols-1)*tiles.PadX
	t.Min.X = c.Min.X + vg.Length(col)*tiles.PadX + width*vg.Length(before/total)
	t.Max.X = t.Min.X + width*vg.Length(f.ColWeights[col]/total)
	return t
}
