package chart

import (
	"bytes"
	"image"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPNGCanvas: a figure drawn on pngCanvas's canvas (a renderer's image,
// gg's context made on it without a copy) has the same size and the
// same pixels as one drawn on vgimg.NewWith's, whether the image is new or
// one a previous figure of the same size drew on.
func TestPNGCanvas(t *testing.T) {
	figs := pngSVGFigures(t)
	// The renderer keeps the image of each size, so the second round (and
	// every figure after the first of its size) draws on used images.
	var r renderer
	for round := range 2 {
		for _, f := range figs {
			want := vgimg.NewWith(vgimg.UseWH(f.look.Width, f.look.Height), vgimg.UseDPI(dpi))
			f.draw(draw.New(newTextCanvas(want)))
			c := r.pngCanvas(f)
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
		}
	}
}

// drawnImage returns the image of f drawn on a PNG canvas.
func drawnImage(f *Figure) *image.RGBA {
	var r renderer
	c := r.pngCanvas(f)
	f.draw(draw.New(newTextCanvas(c)))
	return c.Image().(*image.RGBA)
}
