package illustrate

import (
	"slices"
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

// TestLazyOccupancy: the grid marks a drawn path only when a label or icon
// asks about cells the path can reach. Asked about every cell, the lazily
// marked grid answers as one with every path marked.
func TestLazyOccupancy(t *testing.T) {
	t.Parallel()
	col := Colors{Ink: draw.Hex("#1F262B"), Brand: draw.Hex("#0F6E66"), Paper: draw.White()}
	for _, il := range []routine.Illustration{
		{View: "front", Marks: []routine.Mark{{Kind: "circles", At: "armpit", Count: 10}, {Kind: "sweep", From: "nipple", To: "chin", Count: 3}}},
		{View: "closeup", Marks: []routine.Mark{{Kind: "circles", At: "breast-top", Count: 12}, {Kind: "sit"}}},
		{View: "side", Marks: []routine.Mark{{Kind: "warm"}}},
	} {
		lazy, err := drawIllustration(draw.NewPage(100, 100), il, 0, 0, 100, 100, col)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range [][4]float64{{10, 20, 30, 40}, {50, 50, 52, 51}, {1, 1, 99, 99}} {
			lazy.free(pt{v[0], v[1]}, pt{v[2], v[3]}) // mark some, as labels do
		}
		// drawn after the labels were placed: some paths are left unmarked
		lazy.circle(lazy.thin(), pt{30, 70}, 8)
		lazy.dot(lazy.brand, pt{75, 25}, 3)
		if len(lazy.unocc) == 0 {
			t.Fatal("every path marked: nothing to test")
		}
		eager := *lazy
		grid := *lazy.occ
		eager.occ = &grid
		eager.unocc = slices.Clone(lazy.unocc)
		eager.flushOcc(0, 0, occN-1, occN-1)
		if len(eager.unocc) != 0 {
			t.Fatalf("%d paths left after a full flush", len(eager.unocc))
		}
		marked := 0
		for y := range occN - 1 {
			for x := range occN - 1 {
				a, b := pt{float64(x) + 0.5, float64(y) + 0.5}, pt{float64(x) + 0.6, float64(y) + 0.6}
				lf, ef := lazy.free(a, b), eager.free(a, b)
				if lf != ef {
					t.Fatalf("%s: cell %d,%d free %v lazily, %v with every path marked", il.View, x, y, lf, ef)
				}
				if !ef {
					marked++
				}
			}
		}
		if marked == 0 {
			t.Fatalf("%s: no cell marked", il.View)
		}
	}
}
