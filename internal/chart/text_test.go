package chart

import (
	"bytes"
	"image"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
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

// TestMeasuredText: measuredText's boxes are text.Plain's, measured anew or
// remembered, in regular and bold fonts of several sizes, and after the
// boxes remembered reached their bound and were forgotten.
func TestMeasuredText(t *testing.T) {
	h := &measuredText{Plain: text.Plain{Fonts: font.DefaultCache}}
	texts := []string{"", "2035", "Deterrence credibility (0–100)", "AV", "a…"}
	for round := range 3 {
		if round == 2 {
			for i := range maxMeasured {
				h.Box(strconv.Itoa(i), textStyle(9, black, false).Font)
			}
		}
		for _, s := range texts {
			for _, size := range []vg.Length{7, 9.5, 16} {
				for _, bold := range []bool{false, true} {
					fnt := textStyle(size, black, bold).Font
					w, ht, d := h.Box(s, fnt)
					ww, wh, wd := h.Plain.Box(s, fnt)
					if w != ww || ht != wh || d != wd {
						t.Errorf("round %d: %q at %v (bold %v): box %v, %v, %v, want %v, %v, %v", round, s, size, bold, w, ht, d, ww, wh, wd)
					}
				}
			}
		}
	}
	if n := len(h.boxes); n > maxMeasured {
		t.Errorf("%d boxes remembered, more than %d", n, maxMeasured)
	}
}

// TestGlyphFace: glyphFace gives the glyph opentype.Face gives at every
// dot, rasterized anew or remembered from another dot at the same offset
// within its pixel: the same rectangle, mask bytes, advance and ok, for
// letters, a space, a rune the font lacks, in two sizes, at dots with
// negative coordinates too.
func TestGlyphFace(t *testing.T) {
	fnt := textStyle(9, black, false).Font
	face := font.DefaultCache.Lookup(fnt, fnt.Size)
	g := rand.New(rand.NewPCG(5, 6))
	for _, size := range []vg.Length{9, 13.5} {
		plain, err := opentype.NewFace(face.Face, &opentype.FaceOptions{Size: size.Points(), DPI: dpi})
		if err != nil {
			t.Fatal(err)
		}
		inner, err := opentype.NewFace(face.Face, &opentype.FaceOptions{Size: size.Points(), DPI: dpi})
		if err != nil {
			t.Fatal(err)
		}
		cached := &glyphFace{Face: inner, key: glyphKey{font: face.Face, size: size, dpi: dpi}}
		for i := range 400 {
			runes := []rune("Ag7–… \u0378")
			r := runes[i%len(runes)]
			// Few offsets, so that most dots reuse a mask.
			dot := fixed.Point26_6{
				X: fixed.Int26_6(g.IntN(40000)-20000)<<6 | fixed.Int26_6(g.IntN(4)*21),
				Y: fixed.Int26_6(g.IntN(40000)-20000)<<6 | fixed.Int26_6(g.IntN(3)*31),
			}
			wdr, wmask, wp, wadv, wok := plain.Glyph(dot, r)
			want := maskBytes(wmask, wp, wdr.Size())
			gdr, gmask, gp, gadv, gok := cached.Glyph(dot, r)
			got := maskBytes(gmask, gp, gdr.Size())
			if gdr != wdr || gadv != wadv || gok != wok || !bytes.Equal(got, want) {
				t.Fatalf("size %v, %q at %v: %v %v %v (%d mask bytes), want %v %v %v (%d)", size, r, dot, gdr, gadv, gok, len(got), wdr, wadv, wok, len(want))
			}
		}
	}
}

// maskBytes returns the alpha of a glyph mask of size sz from p, row by row.
func maskBytes(m image.Image, p image.Point, sz image.Point) []byte {
	if m == nil {
		return nil
	}
	var out []byte
	for y := range sz.Y {
		for x := range sz.X {
			_, _, _, a := m.At(p.X+x, p.Y+y).RGBA()
			out = append(out, byte(a>>8))
		}
	}
	return out
}
