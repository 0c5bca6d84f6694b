package raster

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/careprint/careprint/internal/draw"
)

// TestEncodePNG: an opaque image of at most 256 colours comes back exactly
// and paletted; one of more colours comes back paletted and near; one that
// is not opaque comes back exactly, through image/png.
func TestEncodePNG(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		r       image.Rectangle
		px      func(x, y int) color.RGBA
		maxDiff int
		palette bool
	}{
		{"few colours", image.Rect(0, 0, 300, 200), func(x, y int) color.RGBA {
			return color.RGBA{uint8(x / 20 * 16), uint8(y / 20 * 20), 99, 255}
		}, 0, true},
		{"few colours, offset bounds", image.Rect(5, 7, 77, 1500), func(x, y int) color.RGBA {
			return color.RGBA{uint8(x % 16 * 16), uint8(y % 16 * 16), 7, 255}
		}, 0, true},
		{"many colours", image.Rect(0, 0, 256, 256), func(x, y int) color.RGBA {
			return color.RGBA{uint8(x), uint8(y), uint8(x + y), 255}
		}, 40, true},
		{"translucent", image.Rect(0, 0, 40, 30), func(x, y int) color.RGBA {
			return color.RGBA{uint8(x), uint8(y), 0, 200}
		}, 1, false}, // image/png stores colours unpremultiplied: rounding
	} {
		t.Run(c.name, func(t *testing.T) {
			img := image.NewRGBA(c.r)
			for y := c.r.Min.Y; y < c.r.Max.Y; y++ {
				for x := c.r.Min.X; x < c.r.Max.X; x++ {
					img.SetRGBA(x, y, c.px(x, y))
				}
			}
			var buf bytes.Buffer
			if err := EncodePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if _, ok := got.(*image.Paletted); ok != c.palette {
				t.Fatalf("decoded a %T, want paletted %v", got, c.palette)
			}
			if got.Bounds().Dx() != c.r.Dx() || got.Bounds().Dy() != c.r.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds(), c.r)
			}
			worst := 0
			for y := 0; y < c.r.Dy(); y++ {
				for x := 0; x < c.r.Dx(); x++ {
					a := img.RGBAAt(c.r.Min.X+x, c.r.Min.Y+y)
					b := color.RGBAModel.Convert(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y)).(color.RGBA)
					for _, d := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B), int(a.A) - int(b.A)} {
						worst = max(worst, d, -d)
					}
				}
			}
			if worst > c.maxDiff {
				t.Fatalf("a channel differs by %d, want at most %d", worst, c.maxDiff)
			}
		})
	}
}

// TestPalettizeAdler: the checksum writeRows counts from the runs is the
// Adler-32 of the rows it writes (a PNG reader checks it), for long runs,
// short ones and rows that are all one run.
func TestPalettizeAdler(t *testing.T) {
	t.Parallel()
	img := image.NewRGBA(image.Rect(0, 0, 1500, 40))
	for y := range 40 {
		for x := range 1500 {
			c := color.RGBA{200, 210, 220, 255}
			switch {
			case y < 5:
			case x%7 == 0 || y%3 == 0:
				c = color.RGBA{uint8(x), uint8(y * 5), 9, 255}
			case x > 300:
				c = color.RGBA{0, 0, 255, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var q palettizer
	if _, ok := q.palettize(img, nil); !ok {
		t.Fatal("an opaque image was not palettized")
	}
	var rows bytes.Buffer
	sum, err := q.writeRows(&rows)
	if err != nil {
		t.Fatal(err)
	}
	if want := adler32.Checksum(rows.Bytes()); sum != want {
		t.Errorf("Adler-32 %08x, want %08x", sum, want)
	}
}

// TestImageOnBackground: an image (a logo) drawn over a page's background
// is in the PNG a Renderer writes, which reads only the pixels drawn on:
// the same file as one written from all the pixels, the image's colour
// where it was drawn.
func TestImageOnBackground(t *testing.T) {
	t.Parallel()
	logo := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range logo.Pix {
		logo.Pix[i] = []byte{200, 30, 40, 255}[i%4]
	}
	var data bytes.Buffer
	if err := png.Encode(&data, logo); err != nil {
		t.Fatal(err)
	}
	pg := draw.NewPage(50, 50)
	paper := draw.Hex("#F3F7F6")
	pg.Path(new(draw.Path).MoveTo(0, 0).LineTo(50, 0).LineTo(50, 50).LineTo(0, 50).Close(), draw.Style{Fill: &paper})
	pg.Image(&draw.ImageOp{X: 20, Y: 30, W: 10, H: 10, Name: "logo", Data: data.Bytes(), Format: "png"})
	r := NewRenderer(nil)
	for range 2 { // the second time on a canvas drawn before
		img, err := r.Render(pg, 100, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got, want bytes.Buffer
		if err := r.EncodePNG(&got, img); err != nil {
			t.Fatal(err)
		}
		if err := EncodePNG(&want, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatal("the Renderer's PNG differs from one written from every pixel")
		}
		dec, err := png.Decode(&got)
		if err != nil {
			t.Fatal(err)
		}
		if c := color.RGBAModel.Convert(dec.At(50, 70)).(color.RGBA); c != (color.RGBA{200, 30, 40, 255}) {
			t.Fatalf("pixel in the image is %v, want the image's colour", c)
		}
	}
}
