package check

import (
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/draw"
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
