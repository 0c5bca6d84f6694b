package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func TestEncodePNGRoundTrip(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, 300, 200), image.Rect(5, 7, 77, 1500)} {
		img := image.NewRGBA(r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
			}
		}
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%v: decode: %v", r, err)
		}
		if got.Bounds().Dx() != r.Dx() || got.Bounds().Dy() != r.Dy() {
			t.Fatalf("size %v, want %v", got.Bounds(), r)
		}
		for y := 0; y < r.Dy(); y++ {
			for x := 0; x < r.Dx(); x++ {
				a := img.RGBAAt(r.Min.X+x, r.Min.Y+y)
				gr, gg, gb, _ := got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y).RGBA()
				if uint8(gr>>8) != a.R || uint8(gg>>8) != a.G || uint8(gb>>8) != a.B {
					t.Fatalf("%v: pixel %d,%d differs", r, x, y)
				}
			}
		}
	}
}
