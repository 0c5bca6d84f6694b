package fonts

import (
	"strings"
	"unicode"
)

// advPage is the advances of 256 consecutive characters of one font.
type advPage struct {
	adv [256]float64 // em fraction; 0 where the font has no glyph
	has [4]uint64    // bit set: the font has the character
}

// advTable holds a font's advances over the Basic Multilingual Plane in
// pages of 256 characters, a page only where the font has a glyph:
// measuring text looks each character up, and an array index costs a
// fraction of a map lookup.
type advTable [256]*advPage

func tabulate(adv map[rune]float64) *advTable {
	t := &advTable{}
	for r, a := range adv {
		if r < 0 || r > 0xFFFF {
			continue
		}
		p := t[r>>8]
		if p == nil {
			p = &advPage{}
			t[r>>8] = p
		}
		i := r & 0xFF
		p.adv[i] = a
		p.has[i>>6] |= 1 << (i & 63)
	}
	return t
}

// get returns the advance of r in em (0 if the font lacks it) and whether
// the font has it.
func (t *advTable) get(r rune) (float64, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	p := t[r>>8]
	if p == nil {
		return 0, false
	}
	i := r & 0xFF
	return p.adv[i], p.has[i>>6]&(1<<(i&63)) != 0
}

// pen follows a text character by character as Runs splits it into runs
// of one font: the font of the run it is in.
type pen struct {
	name string // the font asked for
	cur  string // the run's font, FakeBold included; "" before the first character
	f    *Font  // the font of cur
}

// next moves the pen over r: it stays in the run's font while that font
// has r (a space stays whatever its font), else takes the first of the
// asked font and the fallbacks that has r.
func (s *Set) next(p *pen, r rune) error {
	if r > 0xFFFF {
		return &MissingGlyphError{R: r}
	}
	if p.cur != "" && (p.f.Has(r) || unicode.IsSpace(r)) {
		return nil
	}
	pick := s.pick(p.name, r)
	if pick == "" {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return &MissingGlyphError{R: r}
		}
		pick = p.name
	}
	if p.name == Bold && pick != Bold && !strings.HasSuffix(pick, FakeBold) {
		pick += FakeBold
	}
	p.cur, p.f = pick, s.Font(pick)
	return nil
}

// Measure is the advance of a text measured piece by piece: the pieces
// go through the same font choices as Runs gives the whole text, and
// their advances add up in the same order as Width adds them, so the
// width of a text grown piece by piece equals that of the whole text to
// the last bit. A line breaker measures each candidate line by adding
// one word to the line before it, instead of measuring it anew.
type Measure struct {
	s   *Set
	p   pen
	em  float64
	err error
}

// Measure starts measuring a text set in font name.
func (s *Set) Measure(name string) Measure {
	return Measure{s: s, p: pen{name: name}}
}

// Add measures text as following what was measured so far; the pieces
// must split a text between characters. After a character no font can
// draw, Add keeps returning that error.
func (m *Measure) Add(text string) error {
	if m.err != nil {
		return m.err
	}
	for _, r := range text {
		if err := m.s.next(&m.p, r); err != nil {
			m.err = err
			return err
		}
		a, _ := m.p.f.advance.get(r)
		m.em += a
	}
	return nil
}

// Width is the width in mm of what was measured, at size pt, or the
// error of a character no font can draw.
func (m *Measure) Width(size float64) (float64, error) {
	if m.err != nil {
		return 0, m.err
	}
	return m.em * size * PtToMM, nil
}
