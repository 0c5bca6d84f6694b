package check

import (
	"bytes"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/pdf"
	"github.com/careprint/careprint/internal/pdftest"
)

func TestCheckTagged(t *testing.T) {
	pg := draw.NewPage(210, 297)
	pg.Begin(draw.Tag{Role: draw.RoleFigure})
	pg.Path(draw.Circle(10, 10, 5), draw.Filled(draw.Black()))
	pg.End()
	pg.Text(10, 20, 11, draw.Black(), draw.Run{Font: "sans", Text: "loose"})
	pg.Begin(draw.Tag{Role: draw.RoleP})
	var got []string
	for _, i := range checkTagged(&draw.Document{Pages: []*draw.Page{pg}}) {
		got = append(got, i.String())
	}
	want := []string{
		"handout: page 1: a picture without a description (Figure without Alt): give the illustration a description (what the picture shows, in words)",
		`handout: would not be tagged for screen readers: page 1: text "loose" outside the structure`,
		"handout: would not be tagged for screen readers: page 1: 1 element(s) not closed (P first)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ok := draw.NewPage(210, 297)
	ok.Begin(draw.Tag{Role: draw.RoleFigure, Alt: "a circle"})
	ok.Path(draw.Circle(10, 10, 5), draw.Filled(draw.Black()))
	ok.End()
	if got := checkTagged(&draw.Document{Pages: []*draw.Page{ok}}); len(got) != 0 {
		t.Errorf("a tagged page: %v", got)
	}
}

// TestFallbackStringsTagged: a string that falls back to English in a
// Spanish handout is tagged with its own language, so a screen reader
// switches voice; the PDF says so on its structure element.
func TestFallbackStringsTagged(t *testing.T) {
	p := loadFixtures(t)
	cl := &p.Config.Clinics[0]
	h, err := p.Handout(build.Job{Clinic: cl, Lang: "es", Routine: p.Routine("plain"), Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := h.Document()
	if err != nil {
		t.Fatal(err)
	}
	doc.Lang = "es"
	fs := p.Fonts
	var buf bytes.Buffer
	if err := pdf.Render(&buf, doc, fs, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := pdftest.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := d.Structure()
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	tg.Root.Walk(func(n *pdftest.Node) {
		if n.Role == "H1" || n.Role == "H2" && strings.HasPrefix(n.Read(), "1 ") {
			langs[n.Role] = n.Lang
		}
	})
	if tg.Lang != "es" || langs["H1"] != "en" || langs["H2"] != "en" {
		t.Errorf("document %q, title %q, first step %q; want es, en, en", tg.Lang, langs["H1"], langs["H2"])
	}
}
