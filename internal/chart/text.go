package chart

import (
	"image"
	"image/color"
	"math"
	"slices"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
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
// the same, placed on the same pixels, each rasterized once for all figures
// at each offset within a pixel (glyphFace). Text drawn under a rotation,
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
		face = &glyphFace{Face: face, key: glyphKey{font: f.Face, size: f.Font.Size, dpi: c.dpi}}
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

// measured is the text handler of every text style of a chart (textStyle,
// setText).
var measured = &measuredText{Plain: text.Plain{Fonts: font.DefaultCache}}

// measuredText is text.Plain remembering the box of each text in each font.
// gonum/plot measures a tick label or a title several times a figure (to
// pad the axes, to align the panels, to place it), and the same labels
// recur from figure to figure; each measurement looked every glyph and
// kerning pair of the text up in the font again. The boxes are text.Plain's
// (TestMeasuredText). Figures are drawn in parallel, hence the lock.
type measuredText struct {
	text.Plain
	mu    sync.Mutex
	boxes map[boxKey]textBox
}

type boxKey struct {
	txt string
	fnt font.Font
}

type textBox struct{ width, height, depth vg.Length }

// maxMeasured bounds the boxes remembered: when there are as many, they are
// forgotten and measured again as needed (a long-running server renders
// the text of many scenarios).
const maxMeasured = 1 << 14

func (h *measuredText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	k := boxKey{txt, fnt}
	h.mu.Lock()
	b, ok := h.boxes[k]
	h.mu.Unlock()
	if !ok {
		b.width, b.height, b.depth = h.Plain.Box(txt, fnt)
		h.mu.Lock()
		if h.boxes == nil || len(h.boxes) >= maxMeasured {
			h.boxes = make(map[boxKey]textBox)
		}
		h.boxes[k] = b
		h.mu.Unlock()
	}
	return b.width, b.height, b.depth
}

// glyphFace is a face that rasterizes each glyph at each sub-pixel offset
// once: the figures of a command draw the same tick labels, titles and
// legends, many at the same offsets within a pixel. A glyph's mask from
// opentype.Face depends on the dot only through its position within the
// pixel (the 1/64ths of a pixel, in X and Y), the whole pixels moving the
// mask's rectangle and nothing else; so the mask drawn at a dot is the one
// drawn at its offset, moved, the same bytes (TestGlyphFace).
type glyphFace struct {
	xfont.Face // an *opentype.Face, of one figure: not safe to share
	key        glyphKey
}

// glyphKey is a glyph of a font at a size and resolution, at an offset
// within the pixel.
type glyphKey struct {
	font   *opentype.Font
	size   vg.Length
	dpi    float64
	r      rune
	dx, dy fixed.Int26_6 // 0 to 63
}

// glyphMask is what opentype.Face.Glyph returned at the offset alone.
type glyphMask struct {
	dr      image.Rectangle
	mask    *image.Alpha // its own copy: opentype.Face reuses its buffer
	advance fixed.Int26_6
	ok      bool
}

// glyphs holds the masks rasterized so far (glyphKey to glyphMask), shared
// by the figures drawn in parallel; at maxGlyphs they are forgotten.
var glyphs struct {
	sync.RWMutex
	m map[glyphKey]glyphMask
}

// maxGlyphs bounds the masks kept (a mask is some hundred bytes).
const maxGlyphs = 1 << 15

func (f *glyphFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	k := f.key
	k.r, k.dx, k.dy = r, dot.X&63, dot.Y&63
	glyphs.RLock()
	g, hit := glyphs.m[k]
	glyphs.RUnlock()
	if !hit {
		dr, mask, maskp, advance, ok := f.Face.Glyph(fixed.Point26_6{X: k.dx, Y: k.dy}, r)
		g = glyphMask{dr: dr, advance: advance, ok: ok}
		if a, isAlpha := mask.(*image.Alpha); isAlpha && maskp == a.Rect.Min {
			g.mask = &image.Alpha{Pix: slices.Clone(a.Pix), Stride: a.Stride, Rect: a.Rect}
		} else if mask != nil {
			// Not the mask opentype.Face makes: draw it as it comes.
			dr, mask, maskp, advance, ok = f.Face.Glyph(dot, r)
			return dr, mask, maskp, advance, ok
		}
		glyphs.Lock()
		if glyphs.m == nil || len(glyphs.m) >= maxGlyphs {
			glyphs.m = make(map[glyphKey]glyphMask)
		}
		glyphs.m[k] = g
		glyphs.Unlock()
	}
	var mask image.Image
	var maskp image.Point
	if g.mask != nil {
		mask, maskp = g.mask, g.mask.Rect.Min
	}
	return g.dr.Add(image.Pt(int(dot.X>>6), int(dot.Y>>6))), mask, maskp, g.advance, g.ok
}
