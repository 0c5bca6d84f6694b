// Package message parses the words of a handout: plain text with
// placeholders the program fills in, {duration} and {count}, where a count
// may choose its words by the number in an ICU-style plural:
//
//	Take {count, plural, one {# breath} other {# breaths}} like this.
//
// "#" in a form is the number. The forms are CLDR plural categories (zero,
// one, two, few, many, other); which one is used for a number is the
// language's business (package i18n), not this package's.
package message

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/yamlx"
)

// Names lists the placeholders a step's words may use.
func Names() []string { return []string{"count", "duration"} }

// Categories lists the CLDR plural categories, in CLDR order.
func Categories() []string { return []string{"zero", "one", "two", "few", "many", "other"} }

// Part is a piece of a message: literal text, or a placeholder.
type Part struct {
	Text string // literal text (when Name is "")
	Name string // placeholder name
	// Forms are the plural forms of a {name, plural, ...} placeholder, by
	// category; nil for a plain {name}.
	Forms map[string]string
	Off   int // byte offset of the part in the message
}

// Message is a parsed string.
type Message struct {
	Parts []Part
}

// Error is a syntax or vocabulary problem at a byte offset of a message.
type Error struct {
	Off   int
	Token string // the text at fault, e.g. "{cout}"
	Msg   string
}

func (e *Error) Error() string { return e.Msg }

// Parse splits s into literal text and placeholders. A brace that is not
// part of a well-formed placeholder is an error, and so is a name that is
// not one of Names, with the nearest valid one suggested.
func Parse(s string) (Message, error) {
	var m Message
	lit := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '}':
			return m, &Error{Off: i, Token: "}", Msg: fmt.Sprintf("a lone } at %q: placeholders are written {count} or {duration}", excerpt(s, i))}
		case '{':
		default:
			continue
		}
		end, err := closing(s, i)
		if err != nil {
			return m, err
		}
		if lit < i {
			m.Parts = append(m.Parts, Part{Text: s[lit:i], Off: lit})
		}
		p, err := placeholder(s[i+1:end], i)
		if err != nil {
			err.(*Error).Token = s[i : end+1]
			if j := strings.IndexByte(err.(*Error).Token, ','); j > 0 {
				err.(*Error).Token = err.(*Error).Token[:j]
			}
			return m, err
		}
		m.Parts = append(m.Parts, p)
		i, lit = end, end+1
	}
	if lit < len(s) {
		m.Parts = append(m.Parts, Part{Text: s[lit:], Off: lit})
	}
	return m, nil
}

// closing returns the index of the brace that closes the one at s[open].
func closing(s string, open int) (int, error) {
	depth := 0
	for j := open; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j, nil
			}
		}
	}
	return 0, &Error{Off: open, Token: "{", Msg: fmt.Sprintf("a { without its } at %q", excerpt(s, open))}
}

var (
	nameRE = regexp.MustCompile(`^\s*([^,\s{}]*)\s*(?:,\s*([^,\s]*)\s*,(.*))?$`)
	formRE = regexp.MustCompile(`^\s*([a-z=0-9]+)\s*\{`)
)

// placeholder parses the inside of {...} (body) found at offset off.
func placeholder(body string, off int) (Part, error) {
	m := nameRE.FindStringSubmatch(body)
	if m == nil || m[1] == "" {
		return Part{}, &Error{Off: off, Msg: fmt.Sprintf("placeholder {%s}: write {count}, {duration} or {count, plural, one {# ...} other {# ...}}", body)}
	}
	p := Part{Name: m[1], Off: off}
	if !contains(Names(), p.Name) {
		return p, &Error{Off: off, Msg: fmt.Sprintf("unknown placeholder {%s}%s", p.Name, yamlx.Suggest(p.Name, Names()))}
	}
	if m[2] == "" {
		return p, nil
	}
	if m[2] != "plural" {
		return p, &Error{Off: off, Msg: fmt.Sprintf("placeholder {%s, %s, ...}: only plural is known (write {%s, plural, one {...} other {...}})", p.Name, m[2], p.Name)}
	}
	if p.Name != "count" {
		return p, &Error{Off: off, Msg: fmt.Sprintf("{%s} takes no plural forms: its words come from the interface catalog; only {count, plural, ...} has forms", p.Name)}
	}
	p.Forms = map[string]string{}
	rest := m[3]
	for strings.TrimSpace(rest) != "" {
		fm := formRE.FindStringSubmatch(rest)
		if fm == nil {
			return p, &Error{Off: off, Msg: fmt.Sprintf("{count, plural, ...}: expected a form such as one {# ...} at %q", strings.TrimSpace(rest))}
		}
		cat := fm[1]
		if !contains(Categories(), cat) {
			return p, &Error{Off: off, Msg: fmt.Sprintf("{count, plural, ...}: unknown plural form %q%s", cat, yamlx.Suggest(cat, Categories()))}
		}
		open := len(fm[0]) - 1
		end, err := closing(rest, open)
		if err != nil {
			return p, &Error{Off: off, Msg: fmt.Sprintf("{count, plural, ...}: form %s has no closing }", cat)}
		}
		if _, dup := p.Forms[cat]; dup {
			return p, &Error{Off: off, Msg: fmt.Sprintf("{count, plural, ...}: form %s is given twice", cat)}
		}
		form := rest[open+1 : end]
		if strings.ContainsAny(form, "{}") {
			return p, &Error{Off: off, Msg: fmt.Sprintf("{count, plural, ...}: form %s: write the number as #, not as a placeholder", cat)}
		}
		p.Forms[cat] = form
		rest = rest[end+1:]
	}
	if _, ok := p.Forms["other"]; !ok {
		return p, &Error{Off: off, Msg: "{count, plural, ...} needs the form other {# ...}"}
	}
	return p, nil
}

// Placeholders lists the names of the placeholders in m, sorted, one entry
// per use.
func (m Message) Placeholders() []string {
	var out []string
	for _, p := range m.Parts {
		if p.Name != "" {
			out = append(out, p.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Plain reports whether m uses {name} without plural forms.
func (m Message) Plain(name string) bool {
	for _, p := range m.Parts {
		if p.Name == name && p.Forms == nil {
			return true
		}
	}
	return false
}

// Forms returns, for each {count, plural, ...} of m, its categories.
func (m Message) Forms() [][]string {
	var out [][]string
	for _, p := range m.Parts {
		if p.Forms != nil {
			var cats []string
			for _, c := range Categories() {
				if _, ok := p.Forms[c]; ok {
					cats = append(cats, c)
				}
			}
			out = append(out, cats)
		}
	}
	return out
}

// digitRuns appends to out the runs of ASCII digits in s (what the
// regular expression \d+ finds, without its cost on long texts).
func digitRuns(out []string, s string) []string {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// Numbers lists the numbers written in the literal text of m (a plural
// form's words included, "#" not), e.g. "48" and the "1" of "[1]".
func (m Message) Numbers() []string {
	var out []string
	for _, p := range m.Parts {
		out = digitRuns(out, p.Text)
		for _, f := range p.Forms {
			out = digitRuns(out, f)
		}
	}
	sort.Strings(out)
	return out
}

var refRE = regexp.MustCompile(`\[(\d+)\]`)

// References lists the reference markers [n] in s, in order.
func References(s string) []int {
	var out []int
	for _, m := range refRE.FindAllStringSubmatch(s, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		out = append(out, n)
	}
	return out
}

// Values fill a message: each placeholder's text, and the number a
// {count, plural, ...} chooses its form by.
type Values struct {
	Duration string
	Count    float64
	// CountText writes the count ("10", "10,5").
	CountText string
	// Form picks the plural category of the count.
	Form func(n float64) string
}

// Format writes m with v. A plural form missing for the count's category
// falls back to other (Parse made sure it exists).
func (m Message) Format(v Values) string {
	var b strings.Builder
	for _, p := range m.Parts {
		switch p.Name {
		case "":
			b.WriteString(p.Text)
		case "duration":
			b.WriteString(v.Duration)
		case "count":
			if p.Forms == nil {
				b.WriteString(v.CountText)
				continue
			}
			f, ok := p.Forms[v.Form(v.Count)]
			if !ok {
				f = p.Forms["other"]
			}
			b.WriteString(strings.ReplaceAll(f, "#", v.CountText))
		}
	}
	return b.String()
}

func excerpt(s string, i int) string {
	from, to := max(0, i-12), min(len(s), i+12)
	for from > 0 && !utf8Start(s[from]) {
		from--
	}
	for to < len(s) && !utf8Start(s[to]) {
		to++
	}
	return s[from:to]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
