package chart

import (
	"image"
	"image/color"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// teeCanvas draws everything on two canvases at once, so that a figure
// wanted as PNG and as SVG is laid out once: gonum/plot's layout (ticks,
// text measurement, legend and panel placement) runs one time and every
// drawing call goes to both. Its size is the first canvas's; both must be
// the same size. Drawing never reads a canvas back, so each canvas ends up
// with exactly what drawing on it alone would give (TestRenderPNGSVG).
type teeCanvas struct {
	a vg.CanvasSizer
	b vg.Canvas
}

func (t teeCanvas) Size() (x, y vg.Length) { return t.a.Size() }

func (t teeCanvas) SetLineWidth(w vg.Length) { t.a.SetLineWidth(w); t.b.SetLineWidth(w) }

func (t teeCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	t.a.SetLineDash(pattern, offset)
	t.b.SetLineDash(pattern, offset)
}

func (t teeCanvas) SetColor(c color.Color) { t.a.SetColor(c); t.b.SetColor(c) }

func (t teeCanvas) Rotate(rad float64) { t.a.Rotate(rad); t.b.Rotate(rad) }

func (t teeCanvas) Translate(pt vg.Point) { t.a.Translate(pt); t.b.Translate(pt) }

func (t teeCanvas) Scale(x, y float64) { t.a.Scale(x, y); t.b.Scale(x, y) }

func (t teeCanvas) Push() { t.a.Push(); t.b.Push() }

func (t teeCanvas) Pop() { t.a.Pop(); t.b.Pop() }

func (t teeCanvas) Stroke(p vg.Path) { t.a.Stroke(p); t.b.Stroke(p) }

func (t teeCanvas) Fill(p vg.Path) { t.a.Fill(p); t.b.Fill(p) }

func (t teeCanvas) FillString(f font.Face, pt vg.Point, s string) {
	t.a.FillString(f, pt, s)
	t.b.FillString(f, pt, s)
}

func (t teeCanvas) DrawImage(r vg.Rectangle, img image.Image) {
	t.a.DrawImage(r, img)
	t.b.DrawImage(r, img)
}
