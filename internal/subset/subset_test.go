package subset

import (
	"encoding/binary"
	"os"
	"slices"
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// withCmap adds a format 4 cmap mapping runes to the cut font's glyphs, so
// a general TrueType reader can load them by character.
func withCmap(t *testing.T, cut []byte, to map[rune]uint16) []byte {
	t.Helper()
	f, err := Parse(cut)
	if err != nil {
		t.Fatal(err)
	}
	runes := make([]rune, 0, len(to))
	for r := range to {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	segs := len(runes) + 1
	b := make([]byte, 4+8+16+8*segs+2) // header, one encoding record, the subtable
	be.PutUint16(b[2:], 1)
	be.PutUint16(b[4:], 3) // Windows
	be.PutUint16(b[6:], 1) // Unicode BMP
	be.PutUint32(b[8:], 12)
	sub := b[12:]
	be.PutUint16(sub, 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*segs))
	end, start, delta := sub[14:], sub[16+2*segs:], sub[16+4*segs:]
	for i, r := range runes {
		be.PutUint16(end[2*i:], uint16(r))
		be.PutUint16(start[2*i:], uint16(r))
		be.PutUint16(delta[2*i:], to[r]-uint16(r))
	}
	be.PutUint16(end[2*len(runes):], 0xFFFF)
	be.PutUint16(start[2*len(runes):], 0xFFFF)
	be.PutUint16(delta[2*len(runes):], 1)
	tables := map[string][]byte{"cmap": b}
	for tag, d := range f.tables {
		tables[tag] = d
	}
	return write(tables)
}

func TestCutDrawsTheSameGlyphs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ file, text string }{
		// Å, é and ǻ are composites in DejaVu Sans: their parts must come along
		{"../../assets/fonts/DejaVuSans-subset.ttf", "Aé Åǻ ễ Жё ﺔ ﻻ 0,5 ml"},
		{"../../assets/fonts/DejaVuSans-Bold-subset.ttf", "Remember: ŁŻ Ơ"},
		{"../../assets/fonts/DroidSansFallback.ttf", "轻柔地按摩 젖을 마사지"},
		// every character the Latin fonts have: all composites and the
		// glyphs they are made of
		{"../../assets/fonts/DejaVuSans-subset.ttf", ""},
		{"../../assets/fonts/DejaVuSans-Bold-subset.ttf", ""},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := truetype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if tc.text == "" {
			var all []rune
			for r := rune(0x20); r < 0xFFFF; r++ {
				if orig.Index(r) != 0 {
					all = append(all, r)
				}
			}
			tc.text = string(all)
		}
		f, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var used []uint16
		for _, r := range tc.text {
			if g := orig.Index(r); g != 0 {
				used = append(used, uint16(g))
			} else if r != ' ' {
				t.Fatalf("%s has no glyph for %q", tc.file, r)
			}
		}
		p, err := f.Plan(used)
		if err != nil {
			t.Fatal(err)
		}
		composite := false
		for _, g := range p.Glyphs {
			composite = composite || len(f.glyph(g)) >= 2 && int16(be.Uint16(f.glyph(g))) < 0
		}
		if tc.file == "../../assets/fonts/DejaVuSans-subset.ttf" && !composite {
			t.Errorf("the test text has no composite glyph")
		}
		cut, err := f.Cut(p)
		if err != nil {
			t.Fatal(err)
		}
		if len([]rune(tc.text)) < 50 && len(cut) > len(data)/4 {
			t.Errorf("cut of %d glyphs is %d bytes, the font %d", len(p.Glyphs), len(cut), len(data))
		}
		if sum := checksum(cut); sum != 0xB1B0AFBA {
			t.Errorf("whole-font checksum %08x, want B1B0AFBA", sum)
		}
		again, err := Parse(cut)
		if err != nil {
			t.Fatalf("the cut does not parse: %v", err)
		}
		if again.NumGlyphs() != len(p.Glyphs) {
			t.Errorf("cut has %d glyphs, plan %d", again.NumGlyphs(), len(p.Glyphs))
		}
		to := map[rune]uint16{}
		for _, r := range tc.text {
			if g := orig.Index(r); g != 0 {
				n, ok := p.NewID(uint16(g))
				if !ok {
					t.Fatalf("plan lacks %q", r)
				}
				to[r] = n
			}
		}
		cf, err := truetype.Parse(withCmap(t, cut, to))
		if err != nil {
			t.Fatalf("truetype cannot read the cut: %v", err)
		}
		scale := fixed.I(1000)
		for r := range to {
			var a, b truetype.GlyphBuf
			if err := a.Load(orig, scale, orig.Index(r), font.HintingNone); err != nil {
				t.Fatal(err)
			}
			if err := b.Load(cf, scale, cf.Index(r), font.HintingNone); err != nil {
				t.Fatalf("%q: %v", r, err)
			}
			if !slices.Equal(a.Points, b.Points) || !slices.Equal(a.Ends, b.Ends) || a.AdvanceWidth != b.AdvanceWidth {
				t.Errorf("%s: %q is drawn differently in the cut (%d points, advance %v; want %d, %v)",
					tc.file, r, len(b.Points), b.AdvanceWidth, len(a.Points), a.AdvanceWidth)
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../assets/fonts/DejaVuSans-subset.ttf")
	if err != nil {
		t.Fatal(err)
	}
	short := slices.Clone(data[:200])
	otf := slices.Clone(data)
	binary.BigEndian.PutUint32(otf, 0x4F54544F) // "OTTO": CFF outlines
	for name, b := range map[string][]byte{"empty": nil, "cut short": short, "CFF": otf} {
		if _, err := Parse(b); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Plan([]uint16{uint16(f.NumGlyphs())}); err == nil {
		t.Error("Plan accepted a glyph the font does not have")
	}
}
