// Package illustrate turns a step's illustration description (a view of the
// body model and marks on named landmarks) into draw operations. The same
// record goes to the PDF (vector) and the PNG (pixels).
//
// Coordinates: every view is drawn in a 100×100 unit square, y down, then
// scaled into the box it is given. The figure faces the reader, so the
// person's right side is on the reader's left.
package illustrate

import (
	"math"
)

// pt is a point in the 100×100 view square.
type pt struct{ X, Y float64 }

func (p pt) add(q pt) pt          { return pt{p.X + q.X, p.Y + q.Y} }
func (p pt) sub(q pt) pt          { return pt{p.X - q.X, p.Y - q.Y} }
func (p pt) mul(k float64) pt     { return pt{p.X * k, p.Y * k} }
func (p pt) len() float64         { return math.Hypot(p.X, p.Y) }
func (p pt) unit() pt             { l := p.len(); return pt{p.X / l, p.Y / l} }
func (p pt) perp() pt             { return pt{-p.Y, p.X} }
func (p pt) mirror() pt           { return pt{100 - p.X, p.Y} }
func lerp(a, b pt, t float64) pt  { return a.add(b.sub(a).mul(t)) }
func polar(c pt, r, a float64) pt { return pt{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)} }

// frontRight holds the landmarks of the front view on the person's right
// (reader's left); the left side mirrors them. Midline landmarks have X 50.
func frontRight(name string) (pt, bool) {
	switch name {
	case "chin":
		return pt{50, 6}, true
	case "neck-base":
		return pt{40.5, 21}, true
	case "collarbone":
		return pt{34, 28}, true
	case "shoulder":
		return pt{17, 29}, true
	case "armpit":
		return pt{21.5, 43}, true
	case "inner-arm":
		return pt{15, 52}, true
	case "sternum":
		return pt{50, 46}, true
	case "upper-chest":
		return pt{34, 38}, true
	case "breast":
		return pt{35, 64}, true
	case "breast-top":
		return pt{35, 51}, true
	case "breast-base":
		return pt{35, 80}, true
	case "breast-outer":
		return pt{23.5, 63}, true
	case "breast-inner":
		return pt{45.5, 66}, true
	case "areola":
		return pt{35, 67}, true
	case "nipple":
		return pt{35, 67}, true
	case "lump":
		return pt{28.5, 58}, true
	}
	return pt{}, false
}

// closeupAt holds the landmarks of the closeup view: one breast (the
// person's right, so its outer side is on the reader's left), large, with
// the areola in the middle.
func closeupAt(name string) (pt, bool) {
	switch name {
	case "breast":
		return pt{50, 52}, true
	case "breast-top":
		return pt{50, 28}, true
	case "breast-base":
		return pt{50, 86}, true
	case "breast-outer":
		return pt{16, 52}, true
	case "breast-inner":
		return pt{84, 52}, true
	case "areola":
		return pt{50, 54}, true
	case "nipple":
		return pt{50, 54}, true
	case "lump":
		return pt{30, 34}, true
	case "armpit":
		return pt{8, 14}, true
	case "upper-chest":
		return pt{50, 8}, true
	case "sternum":
		return pt{92, 40}, true
	case "chin":
		return pt{50, 2}, true
	case "neck-base":
		return pt{50, 4}, true
	case "collarbone":
		return pt{40, 6}, true
	case "shoulder":
		return pt{6, 6}, true
	case "inner-arm":
		return pt{4, 30}, true
	}
	return pt{}, false
}

// Radii of the areola and nipple, in view units.
const (
	closeAreolaR = 14.0
	closeNippleR = 4.5
	frontAreolaR = 3.4
)

// landmark returns the position of name on side ("left" or "right") in view.
func landmark(view, name, side string) pt {
	switch view {
	case "closeup":
		p, _ := closeupAt(name)
		return p
	case "side":
		p, _ := sideAt(name)
		return p
	}
	p, _ := frontRight(name)
	if side == "left" && p.X != 50 {
		return p.mirror()
	}
	return p
}

// drawFront draws the upper front torso: jaw, neck, shoulders, collarbones,
// arms, both breasts with areolae and nipples, and the navel.
func (c *canvas) drawFront() {
	line := c.bodyStyle()
	for _, side := range []string{"right", "left"} {
		m := func(p pt) pt {
			if side == "left" {
				return p.mirror()
			}
			return p
		}
		// jaw line, one half
		c.curve(line, m(pt{38, 2}), m(pt{40, 7}), m(pt{45, 9.5}), m(pt{50, 9.5}))
		// neck into shoulder and down the outer arm
		c.poly(line,
			seg{m(pt{41.5, 8}), m(pt{42, 14}), m(pt{41.5, 18}), m(pt{38, 21})},
			seg{m(pt{38, 21}), m(pt{32, 23}), m(pt{20, 23}), m(pt{14, 30})},
			seg{m(pt{14, 30}), m(pt{10, 45}), m(pt{9.5, 75}), m(pt{10, 99})},
		)
		// inner arm and side of the torso
		c.curve(line, m(pt{16.5, 46}), m(pt{16, 65}), m(pt{16, 85}), m(pt{16.5, 99}))
		c.curve(line, m(pt{20.5, 45}), m(pt{22, 65}), m(pt{23, 85}), m(pt{23.5, 99}))
		// collarbone
		c.curve(c.thin(), m(pt{44, 27.5}), m(pt{38, 30}), m(pt{31, 27.5}), m(pt{25, 29.5}))
		// breast: from the outer fold (below the armpit, leaving room for
		// strokes into it) round the bottom to the middle
		c.poly(line,
			seg{m(pt{22.6, 53.5}), m(pt{20.4, 63}), m(pt{24, 80}), m(pt{35, 80.5})},
			seg{m(pt{35, 80.5}), m(pt{44, 81}), m(pt{49, 74}), m(pt{50, 70})},
		)
		a := m(landmark("front", "areola", "right"))
		c.circle(line, a, frontAreolaR)
		c.dot(c.ink, a, 0.9)
	}
	// navel
	c.curve(c.thin(), pt{48.5, 93}, pt{49, 95}, pt{51, 95}, pt{51.5, 93})
}

// drawCloseup draws one breast filling the view, with a large areola and
// nipple, and a hint of the chest wall and armpit.
func (c *canvas) drawCloseup() {
	line := c.bodyStyle()
	// chest wall above
	c.curve(c.thin(), pt{4, 20}, pt{20, 12}, pt{80, 12}, pt{96, 20})
	// breast outline, a soft teardrop
	c.poly(line,
		seg{pt{14, 22}, pt{6, 45}, pt{14, 82}, pt{50, 88}},
		seg{pt{50, 88}, pt{86, 82}, pt{94, 45}, pt{86, 22}},
	)
	a := landmark("closeup", "areola", "")
	c.circle(line, a, closeAreolaR)
	c.circle(line, a, closeNippleR)
	// Montgomery glands: a few small dots
	for i := 0; i < 6; i++ {
		c.dot(c.ink, polar(a, closeAreolaR-3, float64(i)*math.Pi/3+0.4), 0.5)
	}
}
