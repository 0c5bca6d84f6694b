package check

import (
	"fmt"
	"math"
)

// Scales of readability formulas.
const (
	scaleGrade = "grade" // a school grade: lower is easier
	scaleEase  = "ease"  // a reading ease from about 0 to 100: higher is easier
)

// formula is a readability formula for one language, with its target.
type formula struct {
	name      string
	scale     string
	limit     float64 // the highest grade, or the lowest ease, that passes
	syllables func(word string) int
	score     func(wps, spw float64) float64 // from words per sentence and syllables per word
}

// formulaFor returns lang's readability formula. Each target stands for
// English grade 7 or below, read off the formula's own table of grades
// where it has one:
//
//   - en, Flesch-Kincaid grade level: grade 7 or below.
//   - es, Fernández-Huerta (1959, with the words-per-sentence term as
//     corrected by Law 2011): its 60-70 band is grades 7-8, so grade 7
//     ends at 65: ease 65 or above.
//   - fr, Kandel-Moles (1958): fitted to Flesch's scale, where 70-80 is
//     grade 7: ease 70 or above.
//   - pt and pt-BR, Flesch as adapted by Martins et al. (1996): its
//     50-75 band is grades 5-8, so grade 7 ends at about 56: ease 56 or
//     above.
//   - ru, Oborneva (2006): also read on Flesch's scale, but it scores
//     Russian far lower than Flesch scores the English it translates:
//     tbml and engorgement (English Flesch ease 91 and 92) score 53.7 and
//     47.4 in their plain Russian translations, and tbml's summary 62.5
//     (English 91). At 28 to 45 points lower, English grade 7 (ease 70)
//     is about 25 to 42 in Russian; the target is ease 40 or above.
//
// The targets were tried on plain translations of tbml's summary (see
// TestReadingLevelPlainTranslations); check them again as translations land.
func formulaFor(lang string) (f formula, ok bool) {
	switch baseLang(lang) {
	case "en":
		return formula{"Flesch-Kincaid", scaleGrade, 7, syllablesEN,
			func(wps, spw float64) float64 { return 0.39*wps + 11.8*spw - 15.59 }}, true
	case "es":
		return formula{"Fernández-Huerta", scaleEase, 65, syllablesES,
			func(wps, spw float64) float64 { return 206.84 - 60*spw - 1.02*wps }}, true
	case "fr":
		return formula{"Kandel-Moles", scaleEase, 70, syllablesFR,
			func(wps, spw float64) float64 { return 207 - 1.015*wps - 73.6*spw }}, true
	case "pt":
		return formula{"Flesch (Martins)", scaleEase, 56, syllablesPT,
			func(wps, spw float64) float64 { return 248.835 - 1.015*wps - 84.6*spw }}, true
	case "ru":
		return formula{"Oborneva", scaleEase, 40, syllablesRU,
			func(wps, spw float64) float64 { return 206.835 - 1.3*wps - 60.1*spw }}, true
	}
	return formula{}, false
}

// level is a text's score on its language's formula.
type level struct {
	formula string  // "" when the language has no formula
	scale   string  // grade | ease
	value   float64 // rounded to 0.1
	limit   float64
	words   int
}

// ok reports whether the score meets its target (always true with no formula).
func (r level) ok() bool {
	switch r.scale {
	case scaleGrade:
		return r.value <= r.limit
	case scaleEase:
		return r.value >= r.limit
	}
	return true
}

// String is e.g. "grade 5.8" or "no score"; the formula's name is for the
// JSON report, not for the admin reading the text.
func (r level) String() string {
	if r.formula == "" {
		return "no score"
	}
	return fmt.Sprintf("%s %.1f", r.scale, r.value)
}

// target is e.g. "7 or below".
func (r level) target() string {
	if r.scale == scaleGrade {
		return fmt.Sprintf("%g or below", r.limit)
	}
	return fmt.Sprintf("%g or above", r.limit)
}

// readingLevel rates texts with lang's formula, taking every sentence of
// every text (a title or list item without a full stop is a sentence).
func readingLevel(lang string, texts []passage) level {
	f, ok := formulaFor(lang)
	if !ok {
		return level{}
	}
	var nWords, nSent, nSyl int
	for _, t := range texts {
		for _, s := range sentences(t.Text) {
			ws := words(s)
			if len(ws) == 0 {
				continue
			}
			nSent++
			nWords += len(ws)
			for _, w := range ws {
				nSyl += wordSyllables(w, f.syllables)
			}
		}
	}
	r := level{formula: f.name, scale: f.scale, limit: f.limit, words: nWords}
	if nWords > 0 {
		s := f.score(float64(nWords)/float64(nSent), float64(nSyl)/float64(nWords))
		r.value = math.Round(s*10) / 10
	}
	return r
}

// minHardest is the fewest words a text needs to be named as the hardest:
// scores of shorter texts mean little.
const minHardest = 10

// checkReading scores texts in lang and warns when the whole misses its
// target, naming the hardest text of some length.
func checkReading(lang string, texts []passage) (level, []Issue) {
	r := readingLevel(lang, texts)
	if r.ok() {
		return r, nil
	}
	msg := fmt.Sprintf("reading %s, want %s: use shorter words and sentences", r, r.target())
	var worst *level
	where := ""
	for _, t := range texts {
		s := readingLevel(lang, []passage{t})
		if s.words < minHardest {
			continue
		}
		if worst == nil || harder(s, *worst) {
			worst, where = &s, t.Where
		}
	}
	if worst != nil {
		msg += fmt.Sprintf(" (hardest: %s, %s %.1f)", where, worst.scale, worst.value)
	}
	return r, []Issue{{Where: "routine", Message: msg}}
}

// harder reports whether a scores as harder to read than b.
func harder(a, b level) bool {
	if a.scale == scaleGrade {
		return a.value > b.value
	}
	return a.value < b.value
}
