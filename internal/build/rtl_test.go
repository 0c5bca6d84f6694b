package build

import (
	"math"
	"slices"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
)

// TestRTLMirrorsPageKeepsAnatomy: a right-to-left handout mirrors its page
// (boxes, step numbers, text) but not its pictures: a diagram is moved to
// the other side of the page whole, so the person's left breast is still
// drawn as her left breast and an arrow toward the chest still points at
// the chest. The Arabic rps handout is laid out twice, right to left and
// left to right, and every path is compared.
func TestRTLMirrorsPageKeepsAnatomy(t *testing.T) {
	t.Parallel()
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(Options{Lang: "ar", Routine: "rps", Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	rtl, err := p.Handout(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !rtl.RTL {
		t.Fatal("the Arabic handout is not laid out right to left")
	}
	ltr := *rtl
	ltr.RTL = false
	a, err := ltr.Document()
	if err != nil {
		t.Fatal(err)
	}
	b, err := rtl.Document()
	if err != nil {
		t.Fatal(err)
	}
	ink := draw.Hex("#1F262B") // body lines of the diagrams
	pa, pb := paths(a.Pages[0]), paths(b.Pages[0])
	if len(pa) != len(pb) {
		t.Fatalf("%d paths left to right, %d right to left", len(pa), len(pb))
	}
	W := a.Pages[0].W
	var body, mirrored int
	shifts := map[int]bool{}
	for i := range pa {
		xa, xb := xs(pa[i].Path), xs(pb[i].Path)
		// body lines: ink, unfilled, in the picture column at the left
		// of the left-to-right page (boxes of the page tools are ink too,
		// but further right)
		isBody := pa[i].Style.Stroke != nil && *pa[i].Style.Stroke == ink && pa[i].Style.Fill == nil && slices.Max(xa) < 55
		if isBody {
			// moved whole: every point shifted by the same amount
			d := xb[0] - xa[0]
			for j := range xa {
				if math.Abs(xb[j]-xa[j]-d) > 1e-6 {
					t.Fatalf("path %d (a body line) is flipped or bent, not moved: x %.2f -> %.2f, but %.2f -> %.2f", i, xa[0], xb[0], xa[j], xb[j])
				}
			}
			if math.Abs(d) < 1 {
				t.Errorf("path %d (a body line) did not move to the other side of the page", i)
			}
			shifts[int(math.Round(d))] = true
			body++
			continue
		}
		flipped := true
		for j := range xa {
			flipped = flipped && math.Abs(xa[j]+xb[j]-W) < 1e-6
		}
		if flipped {
			mirrored++
		}
	}
	if body < 20 {
		t.Fatalf("only %d body lines found: the test does not see the diagrams", body)
	}
	if mirrored < 5 {
		t.Fatalf("only %d paths mirrored: the page itself was not mirrored", mirrored)
	}
	// both pictures (the side view and the front view) move by the same
	// amount: they sit in the same column
	if len(shifts) != 1 {
		t.Errorf("the diagrams moved by %v mm: want one shift for the picture column", shifts)
	}
}

// paths lists the page's path operations in order.
func paths(pg *draw.Page) []*draw.PathOp {
	var out []*draw.PathOp
	for _, op := range pg.Ops {
		if p, ok := op.(*draw.PathOp); ok {
			out = append(out, p)
		}
	}
	return out
}

// xs lists the x of every point of p.
func xs(p *draw.Path) []float64 {
	var out []float64
	for _, s := range p.Segs {
		n := 1
		switch s.Op {
		case 'C':
			n = 3
		case 'Z':
			n = 0
		}
		for k := 0; k < n; k++ {
			out = append(out, s.P[k].X)
		}
	}
	return out
}
