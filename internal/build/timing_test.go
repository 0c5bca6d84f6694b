package build

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/pdftest"
)

// unusualTiming overrides every duration and count of the built-in
// routines with numbers no routine uses by default, chosen to need other
// plural forms (ru 3 few, 21 one; ar 2 two, 11 many).
const unusualTiming = `clinics:
  - id: odd
    name: Odd Timing Clinic
    review: {date: 2026-01-02}
    languages: [en, es, fr, pt-BR, vi, tl, ru, zh-Hans, ko, ar]
    variants: {compress: both}
    timing:
      tbml:
        breathe: {repeat: {count: 3}}
        neck-circles: {repeat: {count: 21}}
        armpit-circles: {repeat: {count: 2}}
        sweep-armpit: {duration: {min: 3, max: 4}}
        sweep-chin: {duration: {min: 7}}
      engorgement:
        express-more: {duration: {min: 17, max: 19}}
      rps:
        press: {duration: {min: 3, max: 4}}
`

// defaultNumbers are the built-in routines' own durations and counts.
var defaultNumbers = []string{"10", "30", "45", "5", "1", "2"}

var digitsRE = regexp.MustCompile(`\d+`)

// TestClinicTimingReachesEveryLanguage builds a clinic that changes every
// duration and count, in every language, and reads back each step's
// words, each card and each PDF: the step's text says exactly the
// clinic's numbers (no default left), and its badge and text agree.
func TestClinicTimingReachesEveryLanguage(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(unusualTiming), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(cfg, careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(Options{Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Check(jobs); err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		j := j
		t.Run(j.Name(), func(t *testing.T) {
			t.Parallel()
			h, err := p.Handout(j)
			if err != nil {
				t.Fatal(err)
			}
			timing := j.Clinic.Timing[j.Routine.ID]
			for i, s := range h.Routine.Steps {
				words := s.Title + " " + s.Text + " " + s.Caption
				tm, changed := timing[s.ID]
				var want []string
				if changed && tm.Duration != nil {
					badge := strings.ReplaceAll(h.Labels.Duration(s.Duration), " ", "\u00A0")
					if !strings.Contains(s.Text, badge) {
						t.Errorf("step %s: text %q does not say the badge's %q", s.ID, s.Text, badge)
					}
					want = append(want, digitsRE.FindAllString(badge, -1)...)
				}
				if changed && tm.Repeat != nil {
					want = append(want, digitsRE.FindAllString(h.Labels.Repeat(s.Repeat), -1)...)
				}
				if s.Duration == nil && s.Repeat == nil {
					continue
				}
				for _, n := range digitsRE.FindAllString(words, -1) {
					if !slices.Contains(want, n) {
						t.Errorf("step %s: number %s is not the clinic's (%v): %q", s.ID, n, want, words)
					}
				}
				if h.Routine.Layout == "sheet" {
					continue
				}
				card, err := h.Card(i, 1080, 1080)
				if err != nil {
					t.Fatal(err)
				}
				if txt := pageText(card); changed && tm.Duration != nil {
					for _, n := range want {
						if !strings.Contains(txt, n) {
							t.Errorf("card %d: no %s in %q", i+1, n, txt)
						}
					}
				}
			}
			doc := readJob(t, p, j)
			text := norm.NFKC.String(doc.AllText())
			// numbers the page has for other reasons: references, the
			// footer's date and version, page numbers
			other := strings.Join(h.Routine.References, " ") + " 2026 1.0 1 2 3"
			for _, n := range defaultNumbers {
				if slices.Contains(digitsRE.FindAllString(text, -1), n) && !slices.Contains(digitsRE.FindAllString(other, -1), n) {
					t.Errorf("default number %s printed in the PDF", n)
				}
			}
		})
	}
}

// pageText joins the text of a recorded page.
func pageText(pg *draw.Page) string {
	var b strings.Builder
	for _, op := range pg.Ops {
		if t, ok := op.(*draw.TextOp); ok {
			for _, r := range t.Runs {
				b.WriteString(r.Text)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// readJob renders job j (a PDF) and reads it back.
func readJob(t *testing.T, p *Project, j Job) *pdftest.Doc {
	t.Helper()
	files, err := p.render(j)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftest.Read(files[j.Name()+".pdf"])
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
