package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math/rand/v2"
	"testing"
)

// TestEncodePNGRoundTrip: image/png decodes what encodePNG writes to the
// same pixels, for images of odd sizes, noise that needs many IDAT chunks,
// a sub-image and a translucent image (which takes the image/png path).
func TestEncodePNGRoundTrip(t *testing.T) {
	noise := func(w, h int, alpha bool) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		g := rand.New(rand.NewPCG(1, 2))
		for i := range img.Pix {
			img.Pix[i] = uint8(g.IntN(256))
			if i%4 == 3 && !alpha {
				img.Pix[i] = 0xff
			}
		}
		return img
	}
	big := noise(300, 200, false)
	cases := map[string]*image.RGBA{
		"1x1":         noise(1, 1, false),
		"odd":         noise(7, 3, false),
		"noise":       big,
		"sub-image":   big.SubImage(image.Rect(13, 17, 101, 64)).(*image.RGBA),
		"translucent": noise(5, 4, true),
	}
	for name, img := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := encodePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("image/png cannot decode it: %v", err)
			}
			b := img.Bounds()
			if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds().Size(), b.Size())
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					want := color.NRGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y))
					have := color.NRGBAModel.Convert(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y))
					if want != have {
						t.Fatalf("pixel (%d, %d) = %v, want %v", x, y, have, want)
					}
				}
			}
		})
	}
}

// BenchmarkEncodePNG compares image/png (at its best speed) with
// encodePNG on a rendered chart: go test -bench EncodePNG ./internal/chart
func BenchmarkEncodePNG(b *testing.B) {
	res, info := runScenario(b, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf, "png"); err != nil {
		b.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		b.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, image.Point{}, draw.Src)
	for _, enc := range []struct {
		name   string
		encode func(io.Writer, image.Image) error
	}{
		{"image-png", (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode},
		{"encodePNG", encodePNG},
	} {
		b.Run(enc.name, func(b *testing.B) {
			for b.Loop() {
				buf.Reset()
				if err := enc.encode(&buf, rgba); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}
