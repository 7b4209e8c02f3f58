package chart

import (
	"image"
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// textCanvas is a vgimg canvas that draws upright text itself.
//
// vgimg draws each string through gg, which makes a new font face for every
// string (so no glyph is rasterized once and reused) and composites every
// glyph with x/image/draw's bilinear Transform even when nothing is scaled
// or rotated: on a chart, text took a third of the time of drawing the PNG
// (docs/PERFORMANCE.md). textCanvas keeps one face per font and size for
// the figure and composites each glyph's mask straight onto the image with
// x/image/font's Drawer, at the same pen position gg uses; the glyphs are
// the same, placed on the same pixels. Text drawn under a rotation,
// translation or scale (the Y-axis labels) still goes through vgimg.
type textCanvas struct {
	*vgimg.Canvas
	img    *image.RGBA
	height float64 // in pixels
	dpi    float64
	color  []color.Color // the current colour, per Push level
	moved  []bool        // whether a Rotate, Translate or Scale is in effect, per Push level
	faces  map[faceKey]xfont.Face
}

// faceKey is a font at a size.
type faceKey struct {
	font *opentype.Font
	size vg.Length
}

// newTextCanvas wraps c, which must be new: it assumes no transform.
func newTextCanvas(c *vgimg.Canvas) vg.CanvasSizer {
	img, ok := c.Image().(*image.RGBA)
	if !ok {
		return c
	}
	_, h := c.Size()
	return &textCanvas{
		Canvas: c, img: img, dpi: c.DPI(), height: h.Dots(c.DPI()),
		color: []color.Color{color.Black}, moved: []bool{false},
		faces: make(map[faceKey]xfont.Face),
	}
}

func (c *textCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.color[len(c.color)-1] = clr
	c.Canvas.SetColor(clr)
}

func (c *textCanvas) Push() {
	c.color = append(c.color, c.color[len(c.color)-1])
	c.moved = append(c.moved, c.moved[len(c.moved)-1])
	c.Canvas.Push()
}

func (c *textCanvas) Pop() {
	c.color = c.color[:len(c.color)-1]
	c.moved = c.moved[:len(c.moved)-1]
	c.Canvas.Pop()
}

func (c *textCanvas) Rotate(t float64) {
	c.moved[len(c.moved)-1] = true
	c.Canvas.Rotate(t)
}

func (c *textCanvas) Translate(pt vg.Point) {
	c.moved[len(c.moved)-1] = true
	c.Canvas.Translate(pt)
}

func (c *textCanvas) Scale(x, y float64) {
	c.moved[len(c.moved)-1] = true
	c.Canvas.Scale(x, y)
}

// FillString draws str with its baseline starting at pt.
func (c *textCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if c.moved[len(c.moved)-1] || f.Font.Size == 0 || f.Face == nil {
		c.Canvas.FillString(f, pt, str)
		return
	}
	key := faceKey{f.Face, f.Font.Size}
	face, ok := c.faces[key]
	if !ok {
		var err error
		face, err = opentype.NewFace(f.Face, &opentype.FaceOptions{Size: f.Font.Size.Points(), DPI: c.dpi})
		if err != nil {
			c.Canvas.FillString(f, pt, str)
			return
		}
		c.faces[key] = face
	}
	d := xfont.Drawer{
		Dst:  c.img,
		Src:  image.NewUniform(c.color[len(c.color)-1]),
		Face: face,
		Dot: fixed.Point26_6{
			X: fixed.Int26_6(math.Round(pt.X.Dots(c.dpi) * 64)),
			Y: fixed.Int26_6(math.Round((c.height - pt.Y.Dots(c.dpi)) * 64)),
		},
	}
	d.DrawString(str)
}
