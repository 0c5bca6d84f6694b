package illustrate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/routine"
)

// TestHandPosesMirrorBySide: each hand pose drawn on the person's left
// breast is the exact mirror of the same pose on her right (a left hand is
// never drawn as a right hand), on a mark alone and at a stroke's start.
func TestHandPosesMirrorBySide(t *testing.T) {
	t.Parallel()
	col := testColors()
	for _, pose := range routine.HandPoses() {
		for _, kind := range []string{"hand", "circles", "sweep"} {
			on := func(side string) []*draw.PathOp {
				m := routine.Mark{Kind: kind, At: "breast", Side: side, Hand: pose}
				if kind == "sweep" {
					m = routine.Mark{Kind: kind, From: "nipple", To: "chin", Side: side, Hand: pose}
				}
				if err := m.Validate(); err != nil {
					t.Fatal(err)
				}
				pg := record(t, routine.Illustration{View: "front", Marks: []routine.Mark{m}}, 100, col)
				var out []*draw.PathOp
				for _, op := range pg.Ops {
					if p, ok := op.(*draw.PathOp); ok && p.Style.Stroke != nil && *p.Style.Stroke == col.Brand {
						out = append(out, p)
					}
				}
				return out
			}
			r, l := on("right"), on("left")
			if len(r) == 0 || len(r) != len(l) {
				t.Fatalf("%s %s: %d brand paths on the right, %d on the left", kind, pose, len(r), len(l))
			}
			// the same paths, mirrored (in any order: a broad stroke's
			// lanes swap places in the mirror)
			used := make([]bool, len(l))
			for i := range r {
				found := false
				for j := range l {
					if !used[j] && mirrorOf(r[i].Path, l[j].Path) {
						used[j], found = true, true
						break
					}
				}
				if !found {
					t.Fatalf("%s %s: path %d on the right has no mirror on the left", kind, pose, i)
				}
			}
		}
	}
}

// mirrorOf reports whether b is a mirrored left to right in a 100 mm box.
func mirrorOf(a, b *draw.Path) bool {
	if len(a.Segs) != len(b.Segs) {
		return false
	}
	for j := range a.Segs {
		if a.Segs[j].Op != b.Segs[j].Op {
			return false
		}
		n := map[byte]int{'M': 1, 'L': 1, 'C': 3}[a.Segs[j].Op]
		for k := 0; k < n; k++ {
			p, q := a.Segs[j].P[k], b.Segs[j].P[k]
			if math.Abs(p.X+q.X-100) > 1e-6 || math.Abs(p.Y-q.Y) > 1e-6 {
				return false
			}
		}
	}
	return true
}

// TestUnknownHandSuggests: a misspelt pose is refused with a suggestion.
func TestUnknownHandSuggests(t *testing.T) {
	t.Parallel()
	m := routine.Mark{Kind: "circles", At: "breast", Hand: "flat-plam"}
	err := m.Validate()
	if err == nil || !strings.Contains(err.Error(), `"flat-palm"`) {
		t.Fatalf("got %v, want a did-you-mean for flat-palm", err)
	}
}
