// Package check validates what careprint would print, without writing it:
// for each clinic, language and routine it rates the reading level, finds
// long sentences and long lists, lays out the handout, cards and poster to
// find text that does not fit or a handout that would not be tagged for
// screen readers, and measures the contrast of the clinic's
// colours. Problems a reader would struggle with are warnings; text that
// cannot be printed is an error.
package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/layout"
)

// Issue is one warning or error: where it is (a step, "summary", "tips
// item 2", "card 3 (1080x1080 px)") and what is wrong. File is the file
// (or file:line:col) it is in, when the message does not name it.
type Issue struct {
	File    string `json:"file,omitempty"`
	Where   string `json:"where"`
	Message string `json:"message"`
}

// String is the issue as a line, e.g.
// `templates/routines/tbml.yaml: step "breathe": sentence of 17 words: "Sit back and close..."`.
func (i Issue) String() string {
	s := i.Where + ": " + i.Message
	if i.File != "" {
		s = i.File + ": " + s
	}
	return s
}

// Report is the result for one handout: a routine of one clinic in one
// language.
type Report struct {
	Clinic  string `json:"clinic"`
	Lang    string `json:"language"`
	Routine string `json:"routine"`
	File    string `json:"routine_file"`
	// Score is the reading score: a school grade or a reading ease, as
	// Scale says, to meet Target; nil when the language has none.
	Score   *float64 `json:"reading_score"`
	Scale   string   `json:"reading_scale,omitempty"`  // grade (lower is easier) or ease (higher is easier)
	Target  string   `json:"reading_target,omitempty"` // e.g. "7 or below"
	Formula string   `json:"reading_formula"`          // the formula behind Score; "none" when the language has none
	// LongestSentence is counted in SentenceUnit: words, or syllables
	// (Vietnamese) or characters (Chinese, Japanese, Thai...).
	LongestSentence int    `json:"longest_sentence_length"`
	SentenceUnit    string `json:"sentence_unit"`
	Pages           int    `json:"pdf_pages"` // of the PDF handout; 0 when it does not fit
	// Words is the language the routine's words are in (Lang, or the one it
	// fell back to); Translation is its translation's review status
	// ("draft (by, date)" or "reviewed (...)"), "" for the English source;
	// Untranslated counts the strings left in the fallback language.
	Words        string  `json:"words_language"`
	Translation  string  `json:"translation_status,omitempty"`
	Untranslated int     `json:"untranslated_strings"`
	Warnings     []Issue `json:"warnings"`
	Errors       []Issue `json:"errors"`
}

// name is the report's clinic/lang/routine.
func (r *Report) name() string { return r.Clinic + "/" + r.Lang + "/" + r.Routine }

// checkHandout runs every check but the colours on h, the handout of a routine
// for clinic cl in lang. The text checked is h.Routine's, the routine as it
// will be printed; textLang is the language of its words (lang, or the
// language it fell back to), which picks the readability formula and how
// sentences are counted.
func checkHandout(h *layout.Handout, cl *config.Clinic, lang, textLang string) Report {
	r := h.Routine
	rep := Report{
		Clinic: cl.ID, Lang: lang, Routine: r.ID, File: r.File,
		Formula: "none", Warnings: []Issue{}, Errors: []Issue{},
	}
	warn := func(issues []Issue) {
		for _, i := range issues {
			if i.File == "" {
				i.File = r.File
			}
			rep.Warnings = append(rep.Warnings, i)
		}
	}
	texts := passages(r)
	warn(checkLists(r))
	longest, issues := checkSentences(textLang, texts)
	warn(issues)
	rep.LongestSentence, rep.SentenceUnit = longest.Length, unitFor(textLang).name
	read, issues := checkReading(textLang, texts)
	warn(issues)
	if read.formula != "" {
		score := read.value
		rep.Score, rep.Formula, rep.Scale, rep.Target = &score, read.formula, read.scale, read.target()
	}
	pages, errs := checkFit(h, cl.PNG)
	rep.Pages = pages
	rep.Errors = append(rep.Errors, errs...)
	warn(checkPages(lang, cl.Paper, h.Large, pages))
	return rep
}

// Project checks every job the filters in o select (their Format is
// ignored). A handout not fully in its language gets a warning, and its
// words are rated in the language they are in. The colours of each clinic
// are checked once, in its first report. A filter that matches nothing is
// an error.
func Project(p *build.Project, o build.Options) ([]Report, error) {
	o.Format = "pdf" // one job per clinic, language and routine
	jobs, err := p.Plan(o)
	if err != nil {
		return nil, err
	}
	// the same validation as build's, before anything else
	if _, err := p.Check(jobs); err != nil {
		return nil, err
	}
	var out []Report
	seen := map[string]bool{}
	for _, j := range jobs {
		h, err := p.Handout(j)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", j.Name(), err)
		}
		_, fb, err := p.Localize(j)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", j.Name(), err)
		}
		textLang := fb.Words
		if fb.Langs[textLang] == 0 {
			textLang = "en" // no word of it is translated: rate the English
		}
		rep := checkHandout(h, j.Clinic, j.Lang, textLang)
		rep.Words, rep.Translation, rep.Untranslated = fb.Words, fb.Status, len(fb.Missing)
		if !fb.Complete() {
			file := fb.TransFile
			if file == "" {
				file = rep.File
			}
			rep.Warnings = append(rep.Warnings, Issue{File: file, Where: "translation", Message: "not all in " + fb.Words + ": " + fb.String()})
		}
		if !seen[j.Clinic.ID] {
			seen[j.Clinic.ID] = true
			for _, i := range checkColors(j.Clinic.Colors) {
				i.File = p.Config.Pos("clinics", j.Clinic.Index, "colors").String()
				rep.Warnings = append(rep.Warnings, i)
			}
		}
		out = append(out, rep)
	}
	return out, nil
}

// levelText is e.g. "reading grade 5.8 (target 7 or below)", "reading
// ease 72.0 (target 70 or above)" or "no reading score for this language".
func (r *Report) levelText() string {
	if r.Score == nil {
		return "no reading score for this language"
	}
	return fmt.Sprintf("reading %s %.1f (target %s)", r.Scale, *r.Score, r.Target)
}

// Totals counts the warnings and errors of reports.
func Totals(reports []Report) (warnings, errors int) {
	for _, r := range reports {
		warnings += len(r.Warnings)
		errors += len(r.Errors)
	}
	return warnings, errors
}

// Summary is the closing line, e.g. "check: 3 handouts, 1 warning, 0 errors".
func Summary(reports []Report) string {
	w, e := Totals(reports)
	return fmt.Sprintf("check: %s, %s, %s", plural(len(reports), "handout"), plural(w, "warning"), plural(e, "error"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteText writes one block per report: a line with the reading level,
// longest sentence, pages and verdict, then its errors and warnings.
func WriteText(w io.Writer, reports []Report) error {
	var b strings.Builder
	for _, r := range reports {
		parts := []string{r.levelText(), fmt.Sprintf("longest sentence %d %s", r.LongestSentence, r.SentenceUnit)}
		if r.Translation != "" {
			parts = append(parts, "translation "+r.Translation)
		}
		if r.Words != "" && (r.Words != r.Lang || r.Untranslated > 0) {
			parts = append(parts, fmt.Sprintf("words in %s, %d untranslated", r.Words, r.Untranslated))
		}
		if r.Pages > 0 {
			parts = append(parts, plural(r.Pages, "page"))
		}
		switch {
		case len(r.Errors) > 0 && len(r.Warnings) > 0:
			parts = append(parts, plural(len(r.Errors), "error")+" and "+plural(len(r.Warnings), "warning"))
		case len(r.Errors) > 0:
			parts = append(parts, plural(len(r.Errors), "error"))
		case len(r.Warnings) > 0:
			parts = append(parts, plural(len(r.Warnings), "warning"))
		default:
			parts = append(parts, "ok")
		}
		fmt.Fprintf(&b, "%s: %s\n", r.name(), strings.Join(parts, ", "))
		for _, i := range r.Errors {
			fmt.Fprintf(&b, "  error: %s\n", i)
		}
		for _, i := range r.Warnings {
			fmt.Fprintf(&b, "  warning: %s\n", i)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes reports as one indented JSON array.
func WriteJSON(w io.Writer, reports []Report) error {
	if reports == nil {
		reports = []Report{}
	}
	data, err := json.MarshalIndent(reports, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
