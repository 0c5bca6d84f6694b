package i18n

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	"golang.org/x/text/unicode/norm"
)

// Shaper prepares right-to-left and Arabic text for fonts drawn glyph by
// glyph (gofpdf and gg have no shaping): Arabic letters take their
// contextual presentation forms (with lam-alef ligatures), and each line is
// put in visual order by the Unicode bidi algorithm. Build one per run and
// share it: it is read-only after NewShaper.
type Shaper struct {
	forms  map[rune][4]rune     // base letter -> isolated, final, initial, medial (0: none)
	lamAlf map[rune][2]rune     // alef variant -> lam-alef isolated, final
	join   map[rune]joiningType // from the forms a letter has
}

type joiningType byte

const (
	joinNone  joiningType = iota // U: does not join
	joinRight                    // R: joins only to the letter before it
	joinDual                     // D: joins on both sides
	joinCause                    // C: tatweel, ZWJ
)

const lam = 'ل'

// NewShaper builds the joining tables from the Unicode data: the
// compatibility decompositions of the Arabic presentation forms (U+FB50 to
// U+FEFC) tell which forms each letter has, in the order isolated, final,
// initial, medial; a letter with four forms joins on both sides, one with
// two joins only to the right.
func NewShaper() *Shaper {
	s := &Shaper{forms: map[rune][4]rune{}, lamAlf: map[rune][2]rune{}, join: map[rune]joiningType{}}
	type group struct {
		key   []rune
		first rune
		n     int
	}
	var groups []group
	for _, block := range [][2]rune{{0xFE80, 0xFEFC}, {0xFB50, 0xFBFF}} {
		for r := block[0]; r <= block[1]; r++ {
			d := []rune(norm.NFC.String(norm.NFKD.String(string(r))))
			if string(d) == string(r) || len(d) == 0 || len(d) > 2 || !unicode.Is(unicode.Arabic, d[0]) || !unicode.IsLetter(d[0]) {
				continue
			}
			if n := len(groups); n > 0 && string(groups[n-1].key) == string(d) && groups[n-1].first+rune(groups[n-1].n) == r {
				groups[n-1].n++
				continue
			}
			groups = append(groups, group{key: d, first: r, n: 1})
		}
	}
	for _, g := range groups {
		if len(g.key) == 2 {
			if g.key[0] == lam && g.n == 2 {
				s.lamAlf[g.key[1]] = [2]rune{g.first, g.first + 1}
			}
			continue
		}
		base := g.key[0]
		if _, seen := s.forms[base]; seen {
			continue // the basic block (U+FE80...) comes first and wins
		}
		var f [4]rune
		for i := 0; i < g.n && i < 4; i++ {
			f[i] = g.first + rune(i)
		}
		s.forms[base] = f
		switch {
		case g.n >= 4:
			s.join[base] = joinDual
		case g.n >= 2:
			s.join[base] = joinRight
		}
	}
	s.join['\u0640'] = joinCause // tatweel
	s.join['\u200D'] = joinCause // zero width joiner
	return s
}

func (s *Shaper) joining(r rune) joiningType { return s.join[r] }

func transparent(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) || (unicode.Is(unicode.Cf, r) && r != '\u200D')
}

// Shape replaces Arabic letters with their contextual presentation forms.
// Text without Arabic letters is returned unchanged.
func (s *Shaper) Shape(text string) string {
	if !hasArabic(text) {
		return text
	}
	rs := []rune(norm.NFC.String(text))
	out := make([]rune, 0, len(rs))
	// neighbour returns the nearest non-transparent rune in direction d.
	neighbour := func(i, d int) rune {
		for j := i + d; j >= 0 && j < len(rs); j += d {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		jt := s.joining(r)
		if jt == joinNone || jt == joinCause {
			out = append(out, r)
			continue
		}
		prev := s.joining(neighbour(i, -1))
		joinsPrev := prev == joinDual || prev == joinCause
		if r == lam {
			if j := nextNonTransparent(rs, i); j > 0 {
				if lig, ok := s.lamAlf[rs[j]]; ok {
					form := lig[0]
					if joinsPrev {
						form = lig[1]
					}
					out = append(out, form)
					out = append(out, rs[i+1:j]...) // marks between lam and alef
					i = j
					continue
				}
			}
		}
		next := s.joining(neighbour(i, +1))
		joinsNext := jt == joinDual && (next == joinDual || next == joinRight || next == joinCause)
		f := s.forms[r]
		var pick rune
		switch {
		case joinsPrev && joinsNext:
			pick = f[3]
		case joinsPrev:
			pick = f[1]
		case joinsNext:
			pick = f[2]
		default:
			pick = f[0]
		}
		if pick == 0 {
			pick = r
		}
		out = append(out, pick)
	}
	return string(out)
}

// ShapesInPieces reports whether text, cut next to its ASCII spaces,
// shapes piece by piece as it shapes whole: no letter joins another across
// a space, and a text already in NFC (which Shape first puts it in) has
// pieces in NFC too, as U+0020 combines with nothing. A line breaker then
// measures a growing line word by word.
func (s *Shaper) ShapesInPieces(text string) bool {
	return norm.NFC.IsNormalString(text)
}

func nextNonTransparent(rs []rune, i int) int {
	for j := i + 1; j < len(rs); j++ {
		if !transparent(rs[j]) {
			return j
		}
	}
	return -1
}

// rtlFrom is where the Hebrew and Arabic scripts start: no character
// before it is right to left, and checking that first spares a table
// search per Latin letter.
const rtlFrom = 0x0590

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= rtlFrom && unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// HasRTL reports whether s has right-to-left letters.
func HasRTL(s string) bool {
	for _, r := range s {
		if r >= rtlFrom && unicode.In(r, unicode.Arabic, unicode.Hebrew) {
			return true
		}
	}
	return false
}

// FirstStrongRTL is a paragraph's direction by its first strong letter
// (rules P2 and P3 of the bidi algorithm): right to left for Arabic or
// Hebrew, left to right for any other letter. Text with no letters at all
// (a phone number) keeps the default.
func FirstStrongRTL(s string, def bool) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew) && unicode.IsLetter(r):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return def
}

// Visual returns one line in visual (left-to-right drawing) order, by the
// Unicode bidi algorithm with the paragraph direction rtl or ltr: runs at
// odd levels are reversed, with their brackets mirrored; combining marks
// stay after their base letter.
func Visual(line string, rtl bool) string {
	if !HasRTL(line) && !rtl {
		return line
	}
	rs := []rune(line)
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	var p bidi.Paragraph
	runs := p.Segment(rs, dir)
	levels := make([]int, len(rs))
	maxL, minOdd := 0, 1<<30
	for i := 0; i < runs.NumRuns(); i++ {
		run := runs.Run(i)
		for k := run.Start; k < run.End && k < len(rs); k++ {
			levels[k] = int(run.Level)
		}
		maxL = max(maxL, int(run.Level))
		if run.Level%2 == 1 {
			minOdd = min(minOdd, int(run.Level))
		}
	}
	// clusters: a base with its combining marks moves as one
	type cluster struct {
		runes []rune
		level int
	}
	var cs []cluster
	for i, r := range rs {
		if transparent(r) && len(cs) > 0 && unicode.In(r, unicode.Mn, unicode.Me) {
			cs[len(cs)-1].runes = append(cs[len(cs)-1].runes, r)
			continue
		}
		cs = append(cs, cluster{runes: []rune{r}, level: levels[i]})
	}
	for l := maxL; l >= minOdd && l > 0; l-- {
		for i := 0; i < len(cs); {
			if cs[i].level < l {
				i++
				continue
			}
			j := i
			for j < len(cs) && cs[j].level >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				cs[a], cs[b] = cs[b], cs[a]
			}
			i = j
		}
	}
	var b strings.Builder
	b.Grow(len(line))
	for _, c := range cs {
		if bidiControl(c.runes[0]) {
			// the control has done its work (fonts have no glyph for
			// it); a mark that followed it is kept, not lost with it
			c.runes = c.runes[1:]
		}
		if len(c.runes) == 0 {
			continue
		}
		if c.level%2 == 1 {
			c.runes[0] = mirror(c.runes[0])
		}
		for _, r := range c.runes {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bidiControl reports the invisible marks that steer the bidi algorithm:
// LRM, RLM, embeddings, overrides and isolates.
func bidiControl(r rune) bool {
	return r == '\u200E' || r == '\u200F' || (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// StripControls removes bidi control marks, which fonts cannot draw.
func StripControls(s string) string {
	if !strings.ContainsFunc(s, bidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if bidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// Isolate wraps s in a left-to-right isolate, so a phone number or a Latin
// name keeps its own order inside right-to-left text.
func Isolate(s string) string { return "\u2066" + s + "\u2069" }

// mirror returns the mirrored form of a bracket-like character.
func mirror(r rune) rune {
	const pairs = "()[]{}<>«»‹›"
	i := strings.IndexRune(pairs, r)
	if i < 0 {
		return r
	}
	n := utf8.RuneCountInString(pairs[:i])
	other := []rune(pairs)[n^1]
	return other
}
