package illustrate

import (
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/routine"
)

// TestLabelsAndIconsFindRoom checks that in every built-in step, and in
// the crowded cases below, each count label and icon found a place where
// it covers no line.
func TestLabelsAndIconsFindRoom(t *testing.T) {
	type named struct {
		name string
		il   routine.Illustration
	}
	ils := []named{
		{"circles at the neck", routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "circles", At: "neck-base", Count: 10}}}},
		{"circles in the armpit", routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "circles", At: "armpit", Count: 10}}}},
		{"circles on the closeup", routine.Illustration{View: "closeup", Marks: []routine.Mark{{Kind: "circles", At: "breast-top", Count: 12}}}},
		{"fingertip circles", routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "fingertip-circles", At: "breast-outer", Count: 5}}}},
		{"sweep with a count", routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "sweep", From: "nipple", To: "chin", Count: 3}}}},
		{"four icons", routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "sit"}, {Kind: "warm"}, {Kind: "oil"}, {Kind: "timer"}}}},
		{"four icons on the closeup", routine.Illustration{View: "closeup", Marks: []routine.Mark{{Kind: "sit"}, {Kind: "cold"}, {Kind: "talk"}, {Kind: "breathe"}}}},
	}
	rs, err := routine.LoadDir(careprint.Files, "templates/routines")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for _, s := range r.Steps {
			ils = append(ils, named{r.ID + "/" + s.ID, s.Illustration})
		}
	}
	col := Colors{Ink: draw.Hex("#1F262B"), Brand: draw.Hex("#0F6E66"), Paper: draw.White()}
	for _, n := range ils {
		c, err := drawIllustration(draw.NewPage(100, 100), n.il, 0, 0, 100, 100, col)
		if err != nil {
			t.Fatalf("%s: %v", n.name, err)
		}
		if len(c.crowded) > 0 {
			t.Errorf("%s: no free place for %q", n.name, c.crowded)
		}
	}
}
