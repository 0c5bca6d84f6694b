package build

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/pdftest"
)

// fold folds white space, for comparing text read back with text written.
func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestTaggedHandouts reads the structure tree of the English, Arabic and
// Chinese handouts back and holds what a screen reader needs: every
// picture has its description, every page's text sits in the tree or is
// an artifact, the headings and list items come in reading order, in
// logical order (Arabic read as words, not reversed presentation forms;
// Chinese whole), and the language is declared.
func TestTaggedHandouts(t *testing.T) {
	for _, lang := range []string{"en", "ar", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			doc, h := renderDoc(t, lang, "tbml")
			tg, err := doc.Structure()
			if err != nil {
				t.Fatal(err)
			}
			r := h.Routine
			if tg.Lang != lang || !tg.Marked || !tg.DisplayDocTitle {
				t.Errorf("catalog: Lang %q (want %q), Marked %v, DisplayDocTitle %v", tg.Lang, lang, tg.Marked, tg.DisplayDocTitle)
			}
			if !strings.Contains(tg.XMP, "<pdfuaid:part>1</pdfuaid:part>") || !strings.Contains(tg.XMP, ">"+r.Title+"<") {
				t.Errorf("XMP lacks the PDF/UA identifier or the title:\n%s", tg.XMP)
			}
			if len(tg.Untagged) > 0 {
				t.Errorf("content outside the structure and artifacts:\n%s", strings.Join(tg.Untagged, "\n"))
			}
			if tg.Root.Role != "Document" {
				t.Fatalf("root element %s, want Document", tg.Root.Role)
			}

			var figures, headings, items []string
			clinicLang := "-" // the Lang of the paragraph that holds the clinic's name
			tg.Root.Walk(func(n *pdftest.Node) {
				if n.Role == "P" && clinicLang == "-" && strings.Contains(n.Read(), h.Clinic.Name) {
					clinicLang = n.Lang
				}
				switch n.Role {
				case "Figure":
					figures = append(figures, n.Alt)
				case "H1", "H2":
					headings = append(headings, n.Role+" "+fold(n.Read()))
				case "LBody":
					items = append(items, fold(n.Read()))
				}
				if n.Role != "Figure" && n.Role != "Document" {
					for _, c := range n.Read() {
						if c >= 0xFB50 && c <= 0xFEFF {
							t.Errorf("%s reads as presentation forms: %q", n.Role, n.Read())
							break
						}
					}
				}
			})

			// the clinic writes its name in English (own_language: en): a
			// screen reader reads it as English on a page in another language
			wantLang := "en"
			if lang == "en" {
				wantLang = "" // the document's own language: no tag
			}
			if clinicLang != wantLang {
				t.Errorf("clinic name tagged /Lang %q, want %q", clinicLang, wantLang)
			}

			// every picture: the logo with the clinic's name, then each
			// step's diagram with its description
			want := []string{h.Clinic.Name}
			for _, s := range r.Steps {
				want = append(want, s.Illustration.Description)
			}
			if fmt.Sprint(figures) != fmt.Sprint(want) {
				t.Errorf("figures' Alt:\n%q\nwant\n%q", figures, want)
			}
			for _, a := range figures {
				if strings.TrimSpace(a) == "" {
					t.Error("a Figure without Alt")
				}
			}

			// headings in reading order: the title, each step (number and
			// title), tips, the warning signs, references
			wantH := []string{"H1 " + fold(r.Title)}
			for i, s := range r.Steps {
				wantH = append(wantH, fmt.Sprintf("H2 %d %s", i+1, fold(s.Title)))
			}
			// (tbml closes with its remember box and tick strip)
			wantH = append(wantH, "H2 "+fold(h.Labels.Tips), "H2 "+fold(h.Labels.WhenToCall),
				"H2 "+fold(h.Labels.Tools.Remember), "H2 "+fold(h.Labels.Tools.TicksTitle), "H2 "+fold(h.Labels.References))
			if strings.Join(headings, "\n") != strings.Join(wantH, "\n") {
				t.Errorf("headings:\n%s\nwant\n%s", strings.Join(headings, "\n"), strings.Join(wantH, "\n"))
			}

			// list items in reading order: tips, warning signs, remember,
			// references
			var wantI []string
			for _, l := range [][]string{r.Tips, r.RedFlags, r.Remember, r.References} {
				for _, s := range l {
					wantI = append(wantI, fold(s))
				}
			}
			if strings.Join(items, "\n") != strings.Join(wantI, "\n") {
				t.Errorf("list items:\n%s\nwant\n%s", strings.Join(items, "\n"), strings.Join(wantI, "\n"))
			}

			// each step's text is read whole, in logical order
			all := fold(tg.Root.Read())
			for _, s := range r.Steps {
				if !strings.Contains(all, fold(s.Text)) {
					t.Errorf("step %s: text not read whole: %q", s.ID, fold(s.Text))
				}
			}
			if lang == "zh-Hans" && strings.ContainsFunc(strings.ReplaceAll(all, " ", ""), func(c rune) bool { return c == unicode.ReplacementChar }) {
				t.Error("Chinese text with replacement characters")
			}
			// pagination is an artifact: the page numbers are not read
			pageOf := h.Labels.PageOf(1, doc.Pages)
			drawn := pageOf
			if h.RTL {
				drawn = i18n.Visual(i18n.NewShaper().Shape(pageOf), true)
			}
			if !strings.Contains(strings.Join(tg.Artifacts, " "), drawn) {
				t.Errorf("page number %q not an artifact: %q", drawn, tg.Artifacts)
			}
			if strings.Contains(all, pageOf) {
				t.Error("the page number is read as content")
			}
		})
	}
}

// TestEveryLayoutTagged lays out every routine in large print and on each
// paper, left to right and right to left, and finds nothing that would
// not be tagged (the default build covers regular print on the clinic's
// paper).
func TestEveryLayoutTagged(t *testing.T) {
	t.Parallel()
	p := p(t)
	for _, paper := range []string{"a4", "letter", "a5"} {
		for _, large := range []bool{false, true} {
			cl := p.Config.Clinics[0]
			cl.Paper, cl.LargePrint = paper, large
			for _, lang := range []string{"en", "ar"} {
				jobs, err := p.Plan(Options{Lang: lang, Format: "pdf"})
				if err != nil {
					t.Fatal(err)
				}
				for _, j := range jobs {
					j.Clinic = &cl
					h, err := p.Handout(j)
					if err != nil {
						t.Fatal(err)
					}
					doc, err := h.Document()
					if err != nil {
						t.Errorf("%s %s large %v: %v", j.Name(), paper, large, err)
						continue
					}
					if u := doc.Untagged(); len(u) > 0 {
						t.Errorf("%s %s large %v:\n%s", j.Name(), paper, large, strings.Join(u, "\n"))
					}
				}
			}
		}
	}
}
