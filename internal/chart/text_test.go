package chart

import (
	"image"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// inkBox returns the bounding box of the pixels darker than mid-grey.
func inkBox(img *image.RGBA) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).R < 0x80 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// drawText draws upright and rotated text on a new canvas, through
// textCanvas or through vgimg alone.
func drawText(fast bool, rotation float64) *image.RGBA {
	c := vgimg.NewWith(vgimg.UseWH(4*vg.Inch, 1*vg.Inch), vgimg.UseDPI(dpi))
	var cv vg.CanvasSizer = c
	if fast {
		cv = newTextCanvas(c)
	}
	dc := draw.New(cv)
	sty := textStyle(20, black, true)
	sty.Rotation = rotation
	dc.FillText(sty, vg.Point{X: 20, Y: 30}, "Deterrence 2035 — ROK")
	return c.Image().(*image.RGBA)
}

// TestTextCanvas: textCanvas puts upright text on the pixels vgimg puts it
// on (the same glyphs at the same pen position; only the compositing
// differs), and leaves rotated text to vgimg.
func TestTextCanvas(t *testing.T) {
	slow, fast := drawText(false, 0), drawText(true, 0)
	a, b := inkBox(slow), inkBox(fast)
	if a.Empty() || math.Abs(float64(a.Min.X-b.Min.X)) > 1 || math.Abs(float64(a.Max.X-b.Max.X)) > 1 ||
		math.Abs(float64(a.Min.Y-b.Min.Y)) > 1 || math.Abs(float64(a.Max.Y-b.Max.Y)) > 1 {
		t.Errorf("text inked %v through vgimg, %v through textCanvas", a, b)
	}
	if r1, r2 := drawText(false, math.Pi/2), drawText(true, math.Pi/2); string(r1.Pix) != string(r2.Pix) {
		t.Error("rotated text differs: textCanvas should leave it to vgimg")
	}
}

// BenchmarkText draws a chart's figure (without encoding it) with text
// through vgimg and through textCanvas:
//
//	go test -run XXX -bench Text ./internal/chart
func BenchmarkText(b *testing.B) {
	res, info := runScenario(b, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		b.Fatal(err)
	}
	for _, fast := range []bool{false, true} {
		name := "vgimg"
		if fast {
			name = "textCanvas"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				c := vgimg.NewWith(vgimg.UseWH(f.look.Width, f.look.Height), vgimg.UseDPI(dpi))
				var cv vg.CanvasSizer = c
				if fast {
					cv = newTextCanvas(c)
				}
				f.draw(draw.New(cv))
			}
		})
	}
}
