// Package fonts holds the TrueType fonts of a run, parsed once and shared
// read-only by every job: glyph advances for layout, the tables the PDF
// backend cuts a document's glyphs from, and the parsed outlines for the
// raster backend.
package fonts

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/subset"
)

// Names of the fonts every set has.
const (
	Regular = "sans"
	Bold    = "sans-bold"
)

// Font is one parsed TrueType font.
type Font struct {
	Name   string
	TTF    []byte // never written to; backends that write must copy
	Parsed *truetype.Font
	// Cut is the font's tables, read once, for cutting it down to a
	// document's glyphs (the PDF backend embeds such cuts).
	Cut     *subset.Font
	advance *advTable // em fraction; filled once by Parse, then read-only
	// markMid is the middle of an Arabic mark's outline, in em from its
	// origin: the font draws marks where positioning tables (which no
	// backend here reads) would move them, right of the origin.
	markMid map[rune]float64
}

// Parse reads a TrueType font and tabulates its glyph advances.
func Parse(name string, ttf []byte) (*Font, error) {
	f, err := truetype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	upem := f.FUnitsPerEm()
	adv := make(map[rune]float64, 4096)
	scale := fixed.Int26_6(upem)
	for r := rune(0x20); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if i := f.Index(r); i != 0 {
			adv[r] = float64(f.HMetric(scale, i).AdvanceWidth) / float64(upem)
		}
	}
	mid := map[rune]float64{}
	var gb truetype.GlyphBuf
	for r := range adv {
		if !arabicMark(r) {
			continue
		}
		if err := gb.Load(f, scale, f.Index(r), font.HintingNone); err == nil && gb.Bounds.Max.X > gb.Bounds.Min.X {
			mid[r] = float64(gb.Bounds.Min.X+gb.Bounds.Max.X) / 2 / float64(upem)
		}
	}
	cut, err := subset.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{Name: name, Parsed: f, Cut: cut, advance: tabulate(adv), markMid: mid}, nil
}

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool {
	_, ok := f.advance.get(r)
	return ok
}

// Set is the fonts of a run: a primary font per style, then fallbacks tried
// per character (e.g. a CJK font).
type Set struct {
	fonts     map[string]*Font
	fallbacks []string
}

// NewSet builds a set from parsed fonts; fallbacks are font names tried in
// order for characters the requested font lacks.
func NewSet(fonts []*Font, fallbacks ...string) *Set {
	s := &Set{fonts: map[string]*Font{}, fallbacks: fallbacks}
	for _, f := range fonts {
		s.fonts[f.Name] = f
	}
	return s
}

// CJK is the name of the Chinese, Japanese and Korean fallback font.
const CJK = "cjk"

// FakeBold marks a run that asks for bold in a font that has no bold face:
// "cjk+bold". Backends draw it with a thin outline; it measures like the
// regular face.
const FakeBold = "+bold"

// Base splits a run's font name into the font and whether to embolden it.
func Base(run string) (name string, fakeBold bool) {
	return strings.CutSuffix(run, FakeBold)
}

// Builtin parses the fonts the default build needs from fsys (the
// embedded assets): DejaVu Sans and Bold (Latin, Vietnamese, Cyrillic,
// Greek, Arabic, Hebrew) and Droid Sans Fallback (Chinese, Korean), used
// per character where DejaVu has no glyph.
func Builtin(fsys fs.FS) (*Set, error) {
	var fonts []*Font
	for _, f := range []struct{ name, file string }{
		{Regular, "assets/fonts/DejaVuSans-subset.ttf"},
		{Bold, "assets/fonts/DejaVuSans-Bold-subset.ttf"},
		{CJK, "assets/fonts/DroidSansFallback.ttf"},
	} {
		data, err := fs.ReadFile(fsys, f.file)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.name, err)
		}
		font, err := Parse(f.name, data)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, font)
	}
	return NewSet(fonts, CJK), nil
}

// Font returns the named font (a FakeBold name gives its base), or nil.
func (s *Set) Font(name string) *Font {
	base, _ := Base(name)
	return s.fonts[base]
}

// Names lists the fonts in a stable order: primaries first, then fallbacks.
func (s *Set) Names() []string {
	out := []string{Regular, Bold}
	for _, f := range s.fallbacks {
		if f != Regular && f != Bold {
			out = append(out, f)
		}
	}
	return out
}

// MissingGlyphError says that no font of the set can draw a character.
type MissingGlyphError struct{ R rune }

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("no font can draw %q (U+%04X): remove it or add a font that has it", e.R, e.R)
}

// arabicMark reports the Arabic combining marks (harakat, tanween, shadda,
// hamza above and below, Quranic marks) that sit on the letter before them.
func arabicMark(r rune) bool {
	return (r >= 0x0610 && r <= 0x061A) || (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED)
}

// Runs splits text into runs of one font each, starting from font name and
// falling back per character. Spaces and marks stay in the current run,
// except an Arabic mark of zero advance: it becomes a run of its own,
// shifted (Dx) to sit centred over the letter drawn before it.
func (s *Set) Runs(name, text string) ([]draw.Run, error) {
	var runs []draw.Run
	p := pen{name: name}
	start := 0
	base, baseFont := rune(0), (*Font)(nil) // the last letter that is not a mark
	for i, r := range text {
		cur := p.cur
		if err := s.next(&p, r); err != nil {
			return nil, err
		}
		if p.cur != cur && cur != "" && i > start {
			runs = append(runs, draw.Run{Font: cur, Text: text[start:i]})
			start = i
		}
		mid, mark := 0.0, false
		if arabicMark(r) {
			mid, mark = p.f.markMid[r]
		}
		if adv, _ := p.f.advance.get(r); !mark || adv != 0 {
			if !unicode.Is(unicode.Mn, r) {
				base, baseFont = r, p.f
			}
			continue
		}
		if i > start {
			runs = append(runs, draw.Run{Font: p.cur, Text: text[start:i]})
		}
		end := i + utf8.RuneLen(r)
		dx := -mid
		if baseFont != nil {
			// the pen stands at the letter's end: back half its advance
			adv, _ := baseFont.advance.get(base)
			dx -= adv / 2
		}
		runs = append(runs, draw.Run{Font: p.cur, Text: text[i:end], Dx: dx})
		start = end
	}
	if start < len(text) {
		runs = append(runs, draw.Run{Font: p.cur, Text: text[start:]})
	}
	return runs, nil
}

func (s *Set) pick(name string, r rune) string {
	if f := s.fonts[name]; f != nil && f.Has(r) {
		return name
	}
	for _, fb := range s.fallbacks {
		if f := s.fonts[fb]; f != nil && f.Has(r) {
			return fb
		}
	}
	return ""
}

// PtToMM converts points to millimetres.
const PtToMM = 25.4 / 72

// Width returns the advance width of runs at size pt, in mm.
func (s *Set) Width(size float64, runs ...draw.Run) float64 {
	w := 0.0
	for _, run := range runs {
		f := s.Font(run.Font)
		for _, r := range run.Text {
			a, _ := f.advance.get(r)
			w += a
		}
	}
	return w * size * PtToMM
}

// TextWidth is the width in mm of text set in font name at size pt, with fallback.
func (s *Set) TextWidth(name, text string, size float64) (float64, error) {
	m := s.Measure(name)
	if err := m.Add(text); err != nil {
		return 0, err
	}
	return m.Width(size)
}
