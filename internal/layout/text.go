package layout

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
)

// Line is one laid-out line of text: its runs and width in mm.
type Line struct {
	Runs  []draw.Run
	Width float64
	// Actual is the line in logical order when the runs hold shaped or
	// reordered glyphs (Arabic): what is read out of the PDF.
	Actual string
}

// Para is text wrapped to a width.
type Para struct {
	Lines  []Line
	Size   float64 // pt
	Leader float64 // line height in mm
	Font   string
}

// Height is the paragraph's height in mm.
func (p *Para) Height() float64 { return float64(len(p.Lines)) * p.Leader }

// OverflowError says a text does not fit where it has to go.
type OverflowError struct {
	What string
	Text string
}

func (e *OverflowError) Error() string {
	t := e.Text
	if len([]rune(t)) > 40 {
		t = string([]rune(t)[:40]) + "…"
	}
	return fmt.Sprintf("%s does not fit: %q: shorten the text", e.What, t)
}

// typesetter measures and breaks text with one font set.
type typesetter struct {
	fs     *fonts.Set
	shaper *i18n.Shaper // nil: no Arabic shaping
	rtl    bool         // paragraph direction
	// measureWhole measures every candidate line whole, as shaped text
	// is: the reference tests hold the piece by piece measuring to
	measureWhole bool
}

// width measures s as it will be drawn (shaped), in mm.
func (t typesetter) width(font, s string, size float64) (float64, error) {
	if t.shaper != nil {
		s = t.shaper.Shape(s)
	}
	return t.fs.TextWidth(font, s, size)
}

// wrap breaks text into lines no wider than width mm, at spaces, and
// between characters of scripts written without spaces (CJK). A word wider
// than the line is broken between characters. Explicit newlines are kept.
func (t typesetter) wrap(text, font string, size, width, leading float64) (*Para, error) {
	p := &Para{Size: size, Leader: size * fonts.PtToMM * leading, Font: font}
	for _, hard := range strings.Split(strings.TrimSpace(text), "\n") {
		if err := t.wrapLine(p, singleSpaced(hard), font, size, width); err != nil {
			return nil, err
		}
	}
	spaceLineEnds(p)
	return p, nil
}

// spaceLineEnds ends each line but the last that broke between words
// with an invisible space (its width not counted), so the text read out of
// the PDF keeps the words at a line break apart: "It can also", not "It
// canalso". Lines broken between CJK characters get none.
func spaceLineEnds(p *Para) {
	for i := range len(p.Lines) - 1 {
		l := &p.Lines[i]
		if len(l.Runs) == 0 {
			continue
		}
		text := l.Actual
		last := &l.Runs[len(l.Runs)-1]
		if text == "" {
			text = last.Text
		}
		r, _ := utf8.DecodeLastRuneInString(text)
		if isCJK(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			continue
		}
		last.Text += " "
		if l.Actual != "" {
			l.Actual += " "
		}
	}
}

// linePen measures a line as it grows, a piece of a paragraph's text
// from byte a to b, each width the same to the last bit as measuring the
// whole line. It measures piece by piece: the shaper leaves text without
// right-to-left letters alone, and shapes the pieces of a text cut next to
// its spaces as it shapes the whole (ShapesInPieces); else it measures the
// whole line each time.
type linePen struct {
	t      typesetter
	font   string
	size   float64
	src    string
	a, b   int
	m      fonts.Measure
	shaped bool // the pieces are shaped, and must be cut next to spaces
	whole  bool // measure the whole line
	whole0 bool // whole, for a new line
}

func (t typesetter) linePen(font string, size float64, src string) linePen {
	shaped := t.shaper != nil && i18n.HasRTL(src)
	whole := t.measureWhole || shaped && !t.shaper.ShapesInPieces(src)
	return linePen{t: t, font: font, size: size, src: src, m: t.fs.Measure(font), shaped: shaped, whole: whole, whole0: whole}
}

func (l *linePen) text() string { return l.src[l.a:l.b] }

// grow adds the next n bytes of the paragraph to the line.
func (l *linePen) grow(n int) {
	switch {
	case n == 0 || !l.shaped || l.whole:
	case l.b == l.a:
		// a line that starts inside a word (one broken between
		// characters) may not be in NFC, which Shape puts it in
		l.whole = l.a > 0 && l.src[l.a-1] != ' '
	default:
		// shaped pieces join as the whole shapes only if cut next to a space
		l.whole = l.src[l.b-1] != ' ' && l.src[l.b] != ' '
	}
	if !l.whole {
		piece := l.src[l.b : l.b+n]
		if l.shaped {
			piece = l.t.shaper.Shape(piece)
		}
		l.m.Add(piece) // an error is kept and returned by width
	}
	l.b += n
}

// width measures the line, in mm.
func (l *linePen) width() (float64, error) {
	if l.whole {
		return l.t.width(l.font, l.text(), l.size)
	}
	return l.m.Width(l.size)
}

// from empties the line, to start at byte i.
func (l *linePen) from(i int) {
	l.a, l.b, l.m, l.whole = i, i, l.t.fs.Measure(l.font), l.whole0
}

func (t typesetter) wrapLine(p *Para, text, font string, size, width float64) error {
	if text == "" {
		p.Lines = append(p.Lines, Line{})
		return nil
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // as ranging over it reads it
	}
	units := breakUnits(text)
	cur := t.linePen(font, size, text)
	// a unit wider than the line (a long URL) is broken between
	// characters, wherever on the line it comes
	breakUp := func(start, end int) error {
		for i, r := range text[start:end] {
			n := utf8.RuneLen(r)
			s := cur
			s.grow(n)
			if ww, _ := s.width(); ww > width && cur.b > cur.a {
				if err := t.emit(p, cur.text(), font, size); err != nil {
					return err
				}
				s.from(start + i)
				s.grow(n)
			}
			cur = s
		}
		return nil
	}
	end := 0
	for _, u := range units {
		start := end
		end += len(u)
		trimmed := len(strings.TrimRightFunc(u, unicode.IsSpace))
		try := cur
		if trimmed == 0 {
			// only spaces: the line before them is measured
			try.b = try.a + len(strings.TrimRightFunc(try.text(), unicode.IsSpace))
			try.whole = true
		} else {
			try.grow(trimmed)
		}
		w, err := try.width()
		if err != nil {
			return err
		}
		if w <= width || cur.b == cur.a {
			if w > width {
				if err := breakUp(start, end); err != nil {
					return err
				}
				continue
			}
			if trimmed > 0 {
				cur = try
			}
			cur.grow(end - cur.b)
			continue
		}
		if err := t.emit(p, cur.text(), font, size); err != nil {
			return err
		}
		start = end - len(strings.TrimLeftFunc(u, unicode.IsSpace))
		cur.from(start)
		cur.grow(len(strings.TrimRightFunc(text[start:end], unicode.IsSpace)))
		if uw, _ := cur.width(); uw > width {
			cur.from(start)
			if err := breakUp(start, end); err != nil {
				return err
			}
			continue
		}
		cur.grow(end - cur.b)
	}
	return t.emit(p, cur.text(), font, size)
}

func (t typesetter) emit(p *Para, s, font string, size float64) error {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	logical := i18n.StripControls(s)
	if t.shaper != nil {
		s = t.shaper.Shape(s)
	}
	if i18n.HasRTL(s) {
		// in a right-to-left handout every line with Arabic runs right to
		// left, even one that starts with a Latin name; elsewhere the first
		// strong letter decides
		s = i18n.Visual(s, t.rtl || i18n.FirstStrongRTL(s, false))
	}
	s = i18n.StripControls(s)
	runs, err := t.fs.Runs(font, s)
	if err != nil {
		return err
	}
	l := Line{Runs: runs, Width: t.fs.Width(size, runs...)}
	if s != logical {
		l.Actual = logical
	}
	p.Lines = append(p.Lines, l)
	return nil
}

// breakUnits splits text into the pieces a line may break after: a word
// with its trailing space, or a single CJK character. Closing punctuation
// sticks to the piece before it and opening punctuation to the piece after
// it, so no line starts with a comma or ends with an opening bracket.
// The pieces are slices of text, which must be valid UTF-8.
func breakUnits(text string) []string {
	var out []string
	start := 0 // of the piece being gathered
	flush := func(end int) {
		if end > start {
			out = append(out, text[start:end])
			start = end
		}
	}
	afterCJK, glue := false, false
	for i, r := range text {
		plain := plainASCII(r)
		switch {
		case !plain && noLineStart(r):
		case !plain && breakableSpace(r):
			flush(i + utf8.RuneLen(r))
			afterCJK, glue = false, false
		case !plain && noLineEnd(r):
			if afterCJK {
				flush(i)
			}
			glue = true
		case !plain && isCJK(r):
			if !glue {
				flush(i)
			}
			afterCJK, glue = true, false
		default:
			if afterCJK && !glue {
				flush(i)
			}
			afterCJK, glue = false, false
		}
	}
	flush(len(text))
	return out
}

// breakableSpace reports white space a line may break at: any but the
// no-break spaces (U+00A0, U+202F, U+2007), which keep "1 to 2 minutes"
// or "(555) 010-0142" together.
func breakableSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' && r != '\u2007'
}

// cjkFrom is where the CJK blocks start (U+2E80, the CJK radicals): no
// character before it is Han, Hiragana or Katakana.
const cjkFrom = 0x2E80

// singleSpaced is text with its words (runs of anything but breakable
// space) joined by single spaces; most text already is, and is returned
// as it is.
func singleSpaced(text string) string {
	prevSpace := true // the start: a space here would be leading
	for _, r := range text {
		if !breakableSpace(r) {
			prevSpace = false
			continue
		}
		if r != ' ' || prevSpace {
			return strings.Join(strings.FieldsFunc(text, breakableSpace), " ")
		}
		prevSpace = true
	}
	if prevSpace && text != "" {
		return strings.Join(strings.FieldsFunc(text, breakableSpace), " ")
	}
	return text
}

// isCJK reports characters of scripts that break between characters.
func isCJK(r rune) bool {
	return r >= cjkFrom && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F && !noLineStart(r) && !noLineEnd(r))
}

// plainASCII reports ASCII letters and digits: none is a space, CJK or
// punctuation a line must not start or end with.
func plainASCII(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// noLineEnd reports punctuation that must not end a line.
func noLineEnd(r rune) bool {
	return strings.ContainsRune("（「『【〔〈《“‘([{", r)
}

// noLineStart reports punctuation that must not begin a line.
func noLineStart(r rune) bool {
	return strings.ContainsRune("、。，．：；？！）」』】〕〉》”’,.:;?!)]}%", r)
}
