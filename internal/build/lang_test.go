package build

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdftest"
)

// p loads the built-in project.
func p(t *testing.T) *Project {
	t.Helper()
	proj, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	return proj
}

// renderDoc renders the PDF of routine id in lang and reads it back; it
// also returns the routine as the handout prints it.
func renderDoc(t *testing.T, lang, id string) (*pdftest.Doc, *layout.Handout) {
	t.Helper()
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(Options{Lang: lang, Routine: id, Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	h, err := p.Handout(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	files, err := p.render(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftest.Read(files[jobs[0].Name()+".pdf"])
	if err != nil {
		t.Fatal(err)
	}
	return doc, h
}

// renderText is the handout's text as drawn (visual order), NFKC-normalised,
// whitespace folded.
func renderText(t *testing.T, lang, id string) string {
	doc, _ := renderDoc(t, lang, id)
	return strings.Join(strings.Fields(norm.NFKC.String(doc.AllText())), " ")
}

// TestArabicHandout: the Arabic handout draws its title shaped (joined
// presentation forms, which NFKC folds back to the letters) and in visual
// order, with the interface words in Arabic and the page mirrored.
func TestArabicHandout(t *testing.T) {
	text := renderText(t, "ar", "tbml")
	sh := i18n.NewShaper()
	cat, _ := p(t).Catalogs.Lookup("ar")
	for _, want := range []string{"التدليك العلاجي للثدي", cat.Get("when_to_call")} {
		visual := norm.NFKC.String(i18n.Visual(sh.Shape(want), true))
		if !strings.Contains(text, visual) {
			t.Errorf("no %q (drawn as %q) in:\n%s", want, visual, text)
		}
	}
	if strings.Contains(text, "Stop and call") {
		t.Error("English interface words in the Arabic handout")
	}
}

// TestChineseHandout: Chinese text is drawn with every character (no
// character lost at line breaks) and no line starts with closing
// punctuation.
func TestChineseHandout(t *testing.T) {
	doc, h := renderDoc(t, "zh-Hans", "tbml")
	lines := strings.Split(doc.AllText(), "\n")
	joined := strings.Join(lines, "")
	for _, s := range h.Routine.Steps {
		body := strings.Join(strings.Fields(s.Text), "")
		if !strings.Contains(strings.ReplaceAll(joined, " ", ""), strings.ReplaceAll(body, " ", "")) {
			t.Errorf("step %s: text not drawn whole:\n%s", s.ID, body)
		}
	}
	for _, l := range lines {
		if l != "" && strings.ContainsRune("，。、：；？！）", []rune(l)[0]) {
			t.Errorf("line starts with closing punctuation: %q", l)
		}
	}
}

// TestPDFMetadata: title, author (the clinic), subject and creator are set.
func TestPDFMetadata(t *testing.T) {
	doc, h := renderDoc(t, "en", "tbml")
	if doc.Title != "Therapeutic breast massage" || doc.Author != "Riverside Family Lactation Clinic" ||
		doc.Creator != "careprint "+Version || !strings.HasPrefix(doc.Subject, h.Routine.Summary[:20]) {
		t.Errorf("metadata: title %q, author %q, creator %q, subject %q", doc.Title, doc.Author, doc.Creator, doc.Subject)
	}
}
