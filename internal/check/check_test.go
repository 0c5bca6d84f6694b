package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
)

// loadFixtures loads testdata/config.yaml, whose templates add the fixture
// routines to the built-in ones.
func loadFixtures(t *testing.T) *build.Project {
	t.Helper()
	p, err := build.Load("testdata/config.yaml", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProjectFixtures(t *testing.T) {
	p := loadFixtures(t)
	tests := []struct {
		clinic, routine string
		wantWarnings    []string // each the start of one warning, in order
		wantErrors      []string
	}{
		{clinic: "demo", routine: "plain"},
		{
			clinic: "demo", routine: "long-sentence",
			wantWarnings: []string{`templates/routines/long-sentence.yaml: step "sweep": sentence of 21 words: "Use the flat palm..."`},
		},
		{
			clinic: "demo", routine: "many-tips",
			wantWarnings: []string{"templates/routines/many-tips.yaml: tips: 6 items, want 5 or fewer"},
		},
		{
			clinic: "demo", routine: "hard",
			wantWarnings: []string{"templates/routines/hard.yaml: routine: reading grade 19.7, want 7 or below"},
		},
		{
			clinic: "demo", routine: "long-title",
			wantErrors: []string{`card 1 (1080x1080 px): templates/routines/long-title.yaml:5:5: step "circles" title: card title (3 lines) does not fit`},
		},
		{
			clinic: "yellow", routine: "plain",
			wantWarnings: []string{
				"testdata/config.yaml:10:13: colors: primary #FFFF00 on white paper: contrast 1.07:1",
				"testdata/config.yaml:10:13: colors: primary #FFFF00 on the card background #FFFFF2: contrast 1.06:1",
				"testdata/config.yaml:10:13: colors: white step numbers on primary #FFFF00: contrast 1.07:1",
				"testdata/config.yaml:10:13: colors: primary #FFFF00 on the timing badge #FFFFD9: contrast 1.05:1",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.clinic+"/"+tt.routine, func(t *testing.T) {
			reports, err := Project(p, build.Options{Clinic: tt.clinic, Routine: tt.routine})
			if err != nil {
				t.Fatal(err)
			}
			if len(reports) != 1 {
				t.Fatalf("got %d reports, want 1", len(reports))
			}
			r := reports[0]
			assertStarts(t, "warnings", r.Warnings, tt.wantWarnings)
			assertStarts(t, "errors", r.Errors, tt.wantErrors)
		})
	}
}

// assertStarts checks that each issue starts with the matching want.
func assertStarts(t *testing.T, what string, got []Issue, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d %v, want %d", what, len(got), got, len(want))
		return
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("%s[%d] = %q, want it to start with %q", what, i, got[i], w)
		}
	}
}

func TestProjectFilters(t *testing.T) {
	p := loadFixtures(t)
	if _, err := Project(p, build.Options{Clinic: "nope"}); err == nil || !strings.Contains(err.Error(), `--clinic "nope": no such clinic`) {
		t.Errorf("unknown clinic: err = %v", err)
	}
	reports, err := Project(p, build.Options{Clinic: "demo", Routine: "plain", Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	// No Spanish translation: the English words are rated in English.
	r := reports[0]
	if r.Lang != "es" || r.Formula != "Flesch-Kincaid" {
		t.Errorf("lang %s, formula %s; want es and Flesch-Kincaid", r.Lang, r.Formula)
	}
	assertStarts(t, "warnings", r.Warnings, []string{"templates/routines/plain.yaml: translation: not all in es: 8 of 8 strings in English (no es translation of the routine)"})
}

func TestCheckFit(t *testing.T) {
	p := loadFixtures(t)
	cl := &p.Config.Clinics[0]
	for _, tt := range []struct {
		routine   string
		wantPages int
		wantErr   string
	}{
		{"plain", 1, ""},
		{"long-title", 1, `card 1 (1080x1080 px): templates/routines/long-title.yaml:5:5: step "circles" title: card title (3 lines) does not fit: "Put your fingertips just above your coll…": shorten the text`},
	} {
		t.Run(tt.routine, func(t *testing.T) {
			h, err := p.Handout(build.Job{Clinic: cl, Lang: "en", Routine: p.Routine(tt.routine), Format: "pdf"})
			if err != nil {
				t.Fatal(err)
			}
			pages, errs := checkFit(h, cl.PNG)
			if pages != tt.wantPages {
				t.Errorf("pages = %d, want %d", pages, tt.wantPages)
			}
			assertIssues(t, errs, tt.wantErr)
		})
	}
}

func TestCheckPages(t *testing.T) {
	tests := []struct {
		lang, paper string
		large       bool
		pages       int
		want        string
	}{
		{"en", "a4", false, 2, ""},
		{"en", "a4", false, 3, "handout: 3 pages on a4, want 2 or fewer: shorten the text"},
		{"en-US", "letter", false, 3, "handout: 3 pages on letter, want 2 or fewer: shorten the text"},
		{"en", "a4", true, 4, ""},
		{"en", "a5", false, 4, ""},
		{"es", "a4", false, 3, ""},
	}
	for _, tt := range tests {
		assertIssues(t, checkPages(tt.lang, tt.paper, tt.large, tt.pages), tt.want)
	}
}

// TestBuiltinContent checks that the built-in config and routines pass
// `careprint check --strict`: no warnings and no errors.
func TestBuiltinContent(t *testing.T) {
	p, err := build.Load("", careprint.Files) // no config.yaml here: the built-in one
	if err != nil {
		t.Fatal(err)
	}
	reports, err := Project(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		for _, i := range append(r.Errors, r.Warnings...) {
			t.Errorf("%s: %s", r.name(), i)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	p := loadFixtures(t)
	reports, err := Project(p, build.Options{Clinic: "demo", Routine: "long-sentence"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, reports); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v:\n%s", err, buf.String())
	}
	if len(got) != 1 {
		t.Fatalf("got %d reports, want 1", len(got))
	}
	r := got[0]
	for _, k := range []string{"clinic", "language", "routine", "routine_file", "reading_score", "reading_scale", "reading_target", "reading_formula", "longest_sentence_length", "pdf_pages", "words_language", "untranslated_strings", "warnings", "errors"} {
		if _, ok := r[k]; !ok {
			t.Errorf("no %q in %v", k, r)
		}
	}
	if r["routine"] != "long-sentence" || r["longest_sentence_length"] != 21.0 || r["pdf_pages"] != 1.0 || r["reading_formula"] != "Flesch-Kincaid" || r["reading_target"] != "7 or below" {
		t.Errorf("report = %v", r)
	}
	if errs, ok := r["errors"].([]any); !ok || len(errs) != 0 {
		t.Errorf("errors = %#v, want []", r["errors"])
	}
	w := r["warnings"].([]any)[0].(map[string]any)
	if w["where"] != `step "sweep"` || !strings.HasPrefix(w["message"].(string), "sentence of 21 words") {
		t.Errorf("warning = %v", w)
	}

	buf.Reset()
	if err := WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Errorf("no reports: %q, %v; want []", buf.String(), err)
	}
}

func TestWriteText(t *testing.T) {
	grade := 5.8
	reports := []Report{
		{Clinic: "riverside", Lang: "en", Routine: "tbml", Score: &grade, Formula: "Flesch-Kincaid", Scale: "grade", Target: "7 or below",
			LongestSentence: 14, SentenceUnit: "words", Pages: 2},
		{Clinic: "riverside", Lang: "zh-Hans", Routine: "tbml", Formula: "none", LongestSentence: 30, SentenceUnit: "characters", Pages: 1,
			Warnings: []Issue{{File: "tbml.yaml", Where: "tips", Message: "6 items"}},
			Errors:   []Issue{{Where: "card 1 (1080x1080 px)", Message: "tbml.yaml:5:5: does not fit"}}},
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, reports); err != nil {
		t.Fatal(err)
	}
	want := `riverside/en/tbml: reading grade 5.8 (target 7 or below), longest sentence 14 words, 2 pages, ok
riverside/zh-Hans/tbml: no reading score for this language, longest sentence 30 characters, 1 page, 1 error and 1 warning
  error: card 1 (1080x1080 px): tbml.yaml:5:5: does not fit
  warning: tbml.yaml: tips: 6 items
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if got, want := Summary(reports), "check: 2 handouts, 1 warning, 1 error"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}
