package fonts_test

import (
	"math"
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
)

// TestArabicMarkCentred: the font draws a mark right of its origin (where
// positioning tables, which no backend reads, would move it), so drawn
// after its letter it landed on the next one ("أبدًا" showed its tanween
// on the alef with hamza). Runs centres each mark over its letter, in both
// regular and bold, and over the letter's base when two marks stack.
func TestArabicMarkCentred(t *testing.T) {
	t.Parallel()
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	sh := i18n.NewShaper()
	for _, tc := range []struct{ word, base string }{
		{"أبدًا", "د"}, // tanween on dal
		{"شدّة", "د"},  // shadda on dal
		{"مُدّ", "د"},  // a damma on meem, then shadda on dal
	} {
		for _, name := range []string{fonts.Regular, fonts.Bold} {
			line := i18n.Visual(sh.Shape(tc.word), true)
			runs, err := fs.Runs(name, line)
			if err != nil {
				t.Fatal(err)
			}
			// pen positions in em: each glyph's left edge and advance
			type glyph struct {
				r          rune
				x, adv, dx float64
			}
			var gs []glyph
			pen := 0.0
			for _, run := range runs {
				for _, r := range run.Text {
					adv := fs.Width(1/fonts.PtToMM, draw.Run{Font: run.Font, Text: string(r)})
					gs = append(gs, glyph{r, pen, adv, run.Dx})
					pen += adv
				}
			}
			found := false
			for i, g := range gs {
				if g.r != '\u064B' && g.r != '\u0651' {
					continue
				}
				found = true
				if i == 0 {
					t.Fatalf("%s: mark first", tc.word)
				}
				b := gs[i-1] // the letter before, in drawing order
				mid := markMid(t, fs.Font(name), g.r)
				if got, want := g.x+g.dx+mid, b.x+b.adv/2; math.Abs(got-want) > 0.01 {
					t.Errorf("%s (%s): mark %U centred at %.3f em, its letter at %.3f em", tc.word, name, g.r, got, want)
				}
			}
			if !found {
				t.Fatalf("%s: no mark in %q", tc.word, line)
			}
		}
	}
}

// markMid is the middle of r's outline in em from its origin, read from
// the font file.
func markMid(t *testing.T, f *fonts.Font, r rune) float64 {
	t.Helper()
	upem := f.Parsed.FUnitsPerEm()
	var gb truetype.GlyphBuf
	if err := gb.Load(f.Parsed, fixed.Int26_6(upem), f.Parsed.Index(r), font.HintingNone); err != nil {
		t.Fatal(err)
	}
	return float64(gb.Bounds.Min.X+gb.Bounds.Max.X) / 2 / float64(upem)
}
