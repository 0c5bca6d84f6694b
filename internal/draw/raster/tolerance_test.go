package raster_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/raster"
)

// The palette encoding is visually lossless: over every default card and
// the poster of a routine, no channel of a decoded pixel is more than
// maxDiff from the full-colour image, and the mean difference per channel
// is at most maxMean (of 255).
const (
	maxDiff = 12
	maxMean = 0.03
)

// TestCardsWithinTolerance renders every step card and the poster of the
// default TBML routine in English, encodes each, decodes the PNG and
// compares it with the image before encoding; and the first card in
// Korean (another script, other anti-aliased shapes).
func TestCardsWithinTolerance(t *testing.T) {
	t.Parallel()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ko"} {
		images := 0
		jobs, err := p.Plan(build.Options{Routine: "tbml", Format: "png", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		h, err := p.Handout(jobs[0])
		if err != nil {
			t.Fatal(err)
		}
		card, poster := jobs[0].Clinic.PNG.Card, jobs[0].Clinic.PNG.Poster
		var worst int
		var sum float64
		var n int
		for i := 0; i <= len(h.Routine.Steps); i++ {
			if lang != "en" && i > 0 {
				break
			}
			images++
			pg, _, err := h.Poster(poster.Width, poster.Height)
			size := poster
			if i < len(h.Routine.Steps) {
				pg, err = h.Card(i, card.Width, card.Height)
				size = card
			}
			if err != nil {
				t.Fatal(err)
			}
			img, err := raster.Render(pg, size.Width, size.Height, p.Fonts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := raster.EncodePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			pal, ok := got.(*image.Paletted)
			if !ok {
				t.Fatalf("%s image %d: decoded a %T, want a paletted image", lang, i+1, got)
			}
			m, total := diff(t, img.(*image.RGBA), pal)
			if m > maxDiff {
				t.Errorf("%s image %d: a channel differs by %d, want at most %d", lang, i+1, m, maxDiff)
			}
			worst = max(worst, m)
			sum += total
			n += 3 * size.Width * size.Height
		}
		mean := sum / float64(n)
		t.Logf("%s: %d images, max channel difference %d, mean %.4f", lang, images, worst, mean)
		if mean > maxMean {
			t.Errorf("%s: mean channel difference %.4f, want at most %.2f", lang, mean, maxMean)
		}
	}
}

// diff returns the largest channel difference between want and got and the
// sum of all channel differences.
func diff(t *testing.T, want *image.RGBA, got *image.Paletted) (int, float64) {
	t.Helper()
	b := want.Bounds()
	if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
		t.Fatalf("decoded size %v, want %v", got.Bounds(), b)
	}
	pal := make([]color.RGBA, len(got.Palette))
	for i, c := range got.Palette {
		pal[i] = color.RGBAModel.Convert(c).(color.RGBA)
		if pal[i].A != 0xff {
			t.Fatalf("palette entry %d not opaque", i)
		}
	}
	worst, sum := 0, 0
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			w := want.RGBAAt(b.Min.X+x, b.Min.Y+y)
			g := pal[got.Pix[y*got.Stride+x]]
			for _, d := range [3]int{int(w.R) - int(g.R), int(w.G) - int(g.G), int(w.B) - int(g.B)} {
				d = max(d, -d)
				worst = max(worst, d)
				sum += d
			}
		}
	}
	return worst, float64(sum)
}

// TestRendererReuse: a Renderer that drew other pages before (other sizes,
// other text) draws a card with the same pixels as a new one, so a build's
// files do not depend on which worker drew what before; and its PNG, which
// reads only the pixels drawn over the background, is the PNG of all of
// them. Cards in a row on one background: each lays the background again
// only where the one before drew.
func TestRendererReuse(t *testing.T) {
	t.Parallel()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(build.Options{Routine: "tbml", Format: "png", Lang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	h, err := p.Handout(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	// small pixel sizes: what is kept from page to page does not depend on them
	card := func(i int) *draw.Page {
		pg, err := h.Card(i, 400, 400)
		if err != nil {
			t.Fatal(err)
		}
		return pg
	}
	poster, _, err := h.Poster(1080, 1920) // the poster's layout needs its size

	if err != nil {
		t.Fatal(err)
	}
	// a page with no background: the canvas must be cleared, not kept
	bare := &draw.Page{W: poster.W, H: poster.H, Ops: poster.Ops[1:]}
	used := raster.NewRenderer(p.Fonts)
	for _, pg := range []*draw.Page{card(0), poster, card(2), bare} {
		if _, err := used.Render(pg, 400, int(400*pg.H/pg.W)); err != nil {
			t.Fatal(err)
		}
	}
	for _, pg := range []*draw.Page{card(1), card(3), card(4), bare, poster, poster} {
		hpx := int(400 * pg.H / pg.W)
		got, err := used.Render(pg, 400, hpx)
		if err != nil {
			t.Fatal(err)
		}
		want, err := raster.Render(pg, 400, hpx, p.Fonts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Pix, want.(*image.RGBA).Pix) {
			t.Errorf("%dx%d page: a used Renderer's pixels differ from a new one's", 400, hpx)
		}
		var a, b bytes.Buffer
		if err := used.EncodePNG(&a, got); err != nil {
			t.Fatal(err)
		}
		if err := raster.EncodePNG(&b, want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%dx%d page: a used Renderer's PNG differs from a new one's", 400, hpx)
		}
	}
}
