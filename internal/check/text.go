package check

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/careprint/careprint/internal/routine"
)

// passage is one piece of a routine's printed text and where it is, e.g.
// `step "breathe" title`, "summary" or "tips item 2".
type passage struct {
	Where string
	Text  string
}

// passages lists the routine text a reader reads: the summary, each step's
// title, text and caption, the tips, the warning signs and their note, and
// the clinic's local note. The title and references are left out: a title
// is a name, and references are for providers.
func passages(r *routine.Routine) []passage {
	var out []passage
	add := func(where, s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, passage{Where: where, Text: s})
		}
	}
	add("summary", r.Summary)
	for _, s := range r.Steps {
		add(fmt.Sprintf("step %q title", s.ID), s.Title)
		add(fmt.Sprintf("step %q", s.ID), s.Text)
		add(fmt.Sprintf("step %q caption", s.ID), s.Caption)
	}
	for i, t := range r.Tips {
		add(fmt.Sprintf("tips item %d", i+1), t)
	}
	for i, t := range r.Remember {
		add(fmt.Sprintf("remember item %d", i+1), t)
	}
	for i, t := range r.RedFlags {
		add(fmt.Sprintf("red_flags item %d", i+1), t)
	}
	add("red_flags_note", r.RedFlagsNote)
	add("local note", r.LocalNote)
	return out
}

// sentences splits s into sentences: after . ! ? … followed by a space,
// at the full-width 。！？ and the Arabic ؟, and at line breaks (each
// printed line is read on its own). A period after a single letter or
// inside an abbreviation (e.g., Dr.) does not end a sentence, nor does one
// inside a number (1.5).
func sentences(s string) []string {
	var out []string
	rs := []rune(s)
	from := 0
	cut := func(end int) {
		if t := strings.Join(strings.Fields(string(rs[from:end])), " "); t != "" {
			out = append(out, t)
		}
		from = end
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\n':
			cut(i + 1)
		case strings.ContainsRune("。！？", r):
			j := skipClosers(rs, i+1)
			cut(j)
			i = j - 1
		case strings.ContainsRune(".!?…؟", r):
			j := skipClosers(rs, i+1)
			if j < len(rs) && !unicode.IsSpace(rs[j]) {
				continue // 1.5, e.g.x, ?!
			}
			if r == '.' && abbreviation(rs[from:i]) {
				continue
			}
			cut(j)
			i = j - 1
		}
	}
	cut(len(rs))
	return out
}

// skipClosers returns the index after further end marks and closing quotes
// or brackets from i.
func skipClosers(rs []rune, i int) int {
	for i < len(rs) && (strings.ContainsRune(".!?…。！？؟", rs[i]) || unicode.Is(unicode.Pe, rs[i]) || unicode.Is(unicode.Pf, rs[i]) || rs[i] == '"' || rs[i] == '\'') {
		i++
	}
	return i
}

// abbreviation reports whether the text before a period ends in an
// abbreviation: a single letter (A.), one with inner periods (e.g) or a
// common title.
func abbreviation(before []rune) bool {
	f := strings.Fields(string(before))
	if len(f) == 0 {
		return false
	}
	last := strings.ToLower(strings.TrimLeftFunc(f[len(f)-1], func(r rune) bool { return !unicode.IsLetter(r) }))
	if len([]rune(last)) == 1 || strings.Contains(last, ".") {
		return true
	}
	return contains([]string{"dr", "mr", "mrs", "ms", "st", "vs", "approx", "sr", "sra", "dra", "nr"}, last)
}

// words splits a sentence into words at spaces and keeps those with a
// letter or digit, without their surrounding punctuation ("flu-like" and
// "1–2" are one word each).
func words(sentence string) []string {
	var out []string
	for _, f := range strings.Fields(sentence) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// unit is what a language's sentence length is counted in, and the limit.
type unit struct {
	name  string // words | syllables | characters
	limit int    // warn above; 0 means no warning
}

// maxWords is the longest sentence, in words, that passes: plain-language
// guides advise 15 to 20 words at most, and a handout for tired new
// parents takes the low end.
const maxWords = 15

// unitFor returns how sentences in lang are measured. Vietnamese puts a
// space between syllables, not words; at about 1.6 syllables a word its
// limit is 25 syllables. Chinese, Japanese, Thai, Lao, Khmer, Burmese and
// Tibetan are written without spaces between words: careprint cannot find
// their words, so it counts characters and does not warn.
func unitFor(lang string) unit {
	switch baseLang(lang) {
	case "vi":
		return unit{name: "syllables", limit: 25}
	case "zh", "ja", "yue", "th", "lo", "km", "my", "bo":
		return unit{name: "characters"}
	case "es", "fr", "pt", "it", "ca", "tl":
		// a plain 15-word English sentence takes 18 to 20 words in these
		return unit{name: "words", limit: 20}
	}
	return unit{name: "words", limit: maxWords}
}

// length is the length of sentence in unit u.
func (u unit) length(sentence string) int {
	if u.name != "characters" {
		return len(words(sentence))
	}
	n := 0
	for _, r := range sentence {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// baseLang is the language of a BCP 47 tag, lower case: pt-BR -> pt.
func baseLang(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// sentence is one sentence with its length and place.
type sentence struct {
	Where  string
	Text   string
	Length int
}

// checkSentences returns the longest sentence of texts in lang, and a
// warning for every sentence over the language's limit.
func checkSentences(lang string, texts []passage) (sentence, []Issue) {
	u := unitFor(lang)
	var longest sentence
	var issues []Issue
	for _, t := range texts {
		for _, s := range sentences(t.Text) {
			n := u.length(s)
			if n > longest.Length {
				longest = sentence{Where: t.Where, Text: s, Length: n}
			}
			if u.limit > 0 && n > u.limit {
				issues = append(issues, Issue{Where: t.Where, Message: fmt.Sprintf("sentence of %d %s: %q", n, u.name, opening(s))})
			}
		}
	}
	return longest, issues
}

// opening is the beginning of a sentence for a message: its first four
// words and "...".
func opening(s string) string {
	f := strings.Fields(s)
	if len(f) <= 4 {
		return s
	}
	return strings.Join(f[:4], " ") + "..."
}
