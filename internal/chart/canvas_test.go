package chart

import (
	"bytes"
	"image"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPNGCanvas: a figure drawn on pngCanvas's canvas (an image from the
// pool, gg's context made on it without a copy) has the same size and the
// same pixels as one drawn on vgimg.NewWith's, whether the image is new or
// one a previous figure of the same size drew on.
func TestPNGCanvas(t *testing.T) {
	figs := pngSVGFigures(t)
	// The last figure drawn on each size leaves its image in the pool, so
	// the second round draws on used images.
	for round := range 2 {
		for _, f := range figs {
			want := vgimg.NewWith(vgimg.UseWH(f.look.Width, f.look.Height), vgimg.UseDPI(dpi))
			f.draw(draw.New(newTextCanvas(want)))
			c, done := f.pngCanvas()
			if w, h := c.Size(); w != f.look.Width || h != f.look.Height {
				t.Fatalf("%s: canvas of %v × %v, want %v × %v", f.Name, w, h, f.look.Width, f.look.Height)
			}
			f.draw(draw.New(newTextCanvas(c)))
			got, wantImg := c.Image().(*image.RGBA), want.Image().(*image.RGBA)
			if got.Bounds() != wantImg.Bounds() {
				t.Fatalf("%s: image of %v, want %v", f.Name, got.Bounds(), wantImg.Bounds())
			}
			if !bytes.Equal(got.Pix, wantImg.Pix) {
				t.Errorf("round %d: %s: the pixels differ from vgimg.NewWith's canvas", round, f.Name)
			}
			done()
		}
	}
}

// drawnImage returns a copy of the image of f drawn on a PNG canvas.
func drawnImage(f *Figure) *image.RGBA {
	c, done := f.pngCanvas()
	defer done()
	f.draw(draw.New(newTextCanvas(c)))
	img := c.Image().(*image.RGBA)
	return &image.RGBA{Pix: slices.Clone(img.Pix), Stride: img.Stride, Rect: img.Rect}
}
