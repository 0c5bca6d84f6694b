package illustrate_test

import (
	"image/color"
	"math"
	"sort"
	"testing"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/illustrate"
	"github.com/careprint/careprint/internal/routine"
)

// TestEveryKindHasACase keeps the gallery and the goldens complete: each
// mark kind routine knows has at least one case here, and draws.
func TestEveryKindHasACase(t *testing.T) {
	have := map[string]bool{}
	for _, c := range markCases() {
		for _, m := range c.Il.Marks {
			have[m.Kind] = true
		}
	}
	for kind := range routine.MarkKinds() {
		if !have[kind] {
			t.Errorf("mark kind %q has no case in markCases: add one (front and closeup where it makes sense)", kind)
		}
	}
}

// TestMarksStayInTheirBox checks that no illustration draws outside the
// box it is given: a handout puts text right beside it.
func TestMarksStayInTheirBox(t *testing.T) {
	const x0, y0, side, slack = 20.0, 30.0, 50.0, 0.6 // mm
	for _, c := range allCases(t) {
		pg := draw.NewPage(100, 100)
		if err := illustrate.Draw(pg, c.Il, x0, y0, side, side, testColors()); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		for i, op := range pg.Ops {
			var pts []draw.Point
			switch o := op.(type) {
			case *draw.PathOp:
				for _, s := range o.Path.Segs {
					switch s.Op {
					case 'M', 'L':
						pts = append(pts, s.P[0])
					case 'C':
						pts = append(pts, s.P[2])
					}
				}
			case *draw.TextOp:
				pts = append(pts, draw.Point{X: o.X, Y: o.Y})
			}
			for _, p := range pts {
				if p.X < x0-slack || p.X > x0+side+slack || p.Y < y0-slack || p.Y > y0+side+slack {
					t.Errorf("%s: operation %d reaches (%.1f, %.1f) mm, outside the box (%.0f, %.0f)-(%.0f, %.0f)", c.Name, i, p.X, p.Y, x0, y0, x0+side, y0+side)
					break
				}
			}
		}
	}
}

// TestMovementsShowDirection checks, on the drawing record, that every
// movement says where it goes without colour: an arrowhead (a solid
// four-point shape), and a start dot (a solid disc) where a stroke begins
// somewhere.
func TestMovementsShowDirection(t *testing.T) {
	tests := []struct {
		kind  string
		start bool // the movement starts at a place: a start dot
	}{
		{"sweep", true}, {"glide", true}, {"circles", true}, {"fingertip-circles", true},
		{"butterfly", true}, {"roll", true}, {"roll-side", true}, {"nipple-roll", true},
		{"breathe", true}, {"knead", false}, {"press", false}, {"opposing", false}, {"express", false},
	}
	col := testColors()
	for _, tt := range tests {
		for _, c := range markCases() {
			if c.Il.Marks[0].Kind != tt.kind {
				continue
			}
			pg := record(t, c.Il, 100, col)
			heads, dots := 0, 0
			for _, op := range pg.Ops {
				o, ok := op.(*draw.PathOp)
				if !ok || o.Style.Fill == nil || o.Style.Stroke != nil || *o.Style.Fill == col.Paper {
					continue
				}
				curved := false
				for _, s := range o.Path.Segs {
					curved = curved || s.Op == 'C'
				}
				switch {
				case !curved && len(o.Path.Segs) == 5: // M L L L Z
					heads++
				case curved:
					dots++
				}
			}
			if heads == 0 {
				t.Errorf("%s: no arrowhead: a movement must show where it goes", c.Name)
			}
			if tt.start && dots == 0 {
				t.Errorf("%s: no start dot: a stroke must show where it begins", c.Name)
			}
		}
	}
}

// TestMarksLegibleInGray prints every mark case in gray, with brand colours
// from dark to pale, and checks on the decoded pixels that the marks still
// stand out from the paper: clinics print in black and white, and a pale
// brand colour must not fade away.
func TestMarksLegibleInGray(t *testing.T) {
	brands := []string{"#0F6E66", "#B4462C", "#F2C300", "#9ED9CC", "#F4B6C2", "#FFFFFF"}
	fs := builtinFonts(t)
	const px = 200
	for _, hex := range brands {
		col := illustrate.Colors{Ink: draw.Hex("#1F262B"), Brand: draw.Hex(hex), Paper: draw.White()}
		paper := grayOf(col.Paper)
		for _, c := range markCases() {
			with := render(t, fs, c.Il, px, col)
			without := render(t, fs, routine.Illustration{View: c.Il.View}, px, col)
			// the mark's pixels: where the picture changed, except where
			// a paper-filled shape (a hand, a head) merely hides a line
			var diffs []int
			for y := 0; y < px; y++ {
				for x := 0; x < px; x++ {
					g := int(color.GrayModel.Convert(with.At(x, y)).(color.Gray).Y)
					g0 := int(color.GrayModel.Convert(without.At(x, y)).(color.Gray).Y)
					if g != g0 && !(abs(g-paper) < 4 && g0 < paper) {
						diffs = append(diffs, abs(g-paper))
					}
				}
			}
			if len(diffs) < 40 {
				t.Errorf("brand %s, %s: the marks cover only %d pixels of %d×%d", hex, c.Name, len(diffs), px, px)
				continue
			}
			sort.Sort(sort.Reverse(sort.IntSlice(diffs)))
			// the lines and solid shapes of the marks (their darkest sixth
			// of pixels; the rest is anti-aliasing and light tints) must be
			// at least this far from the paper in gray
			if q := diffs[len(diffs)/6]; q < 90 {
				t.Errorf("brand %s, %s: in gray the marks are too close to the paper: their darkest sixth is only %d levels from it (want >= 90)", hex, c.Name, q)
			}
		}
	}
}

// grayOf is the gray level (0 to 255) a printer makes of c.
func grayOf(c draw.Color) int {
	return int(color.GrayModel.Convert(color.RGBA{c.R, c.G, c.B, 255}).(color.Gray).Y)
}

func abs(x int) int {
	return int(math.Abs(float64(x)))
}
