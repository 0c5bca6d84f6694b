package illustrate

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
)

// The side view shows one breast in profile: the person faces the reader's
// right, the chest wall is a line down the middle of the view and the
// breast stands out from it to the right, nipple foremost. It is the view
// for marks that press into the body (toward the chest wall) and for how
// deep a touch goes: a light stroke moves the skin, not what lies below.

// sideAt holds the landmarks of the side view.
func sideAt(name string) (pt, bool) {
	switch name {
	case "chin":
		return pt{52, 4}, true
	case "neck-base", "collarbone":
		return pt{40, 22}, true
	case "shoulder":
		return pt{24, 22}, true
	case "armpit", "inner-arm":
		return pt{30, 38}, true
	case "upper-chest", "breast-top":
		return pt{46, 38}, true
	case "sternum":
		return pt{37, 58}, true
	case "breast", "breast-outer", "breast-inner", "lump":
		return pt{56, 58}, true
	case "breast-base":
		return pt{52, 80}, true
	case "areola":
		return pt{sideNippleX - 3.4, sideNippleY}, true
	case "nipple":
		return pt{sideNippleX, sideNippleY}, true
	}
	return pt{}, false
}

// The nipple's tip and the chest wall's line in the side view, view units.
const (
	sideNippleX = 77.0
	sideNippleY = 58.0
	sideWallX   = 37.0
)

// sideSkin is the front of the body in profile, from the neck down past
// the breast: the line a light stroke follows.
func sideSkin() []seg {
	return []seg{
		{{41, 10}, {40, 16}, {39, 22}, {38.5, 28}},
		{{38.5, 28}, {38, 33}, {40, 36}, {44, 38}},
		// the breast's upper slope to the areola
		{{44, 38}, {56, 42}, {68, 46}, {73.5, 53}},
		// the nipple
		{{73.5, 53}, {75, 54.2}, {77, 55}, {77, 58}},
		{{77, 58}, {77, 61}, {75, 61.8}, {73.5, 63}},
		// the lower slope round into the fold under the breast
		{{73.5, 63}, {70, 75}, {56, 82}, {44, 81}},
		{{44, 81}, {40, 80.6}, {38.5, 82}, {39, 86}},
		{{39, 86}, {39.5, 92}, {40.5, 96}, {41, 100}},
	}
}

// drawSide draws the profile: the back of the neck and the back, the front
// of the body with the breast, the areola as a thicker stretch of skin, and
// the chest wall behind the breast as a thin dashed line with short ticks
// toward the ribs, so "toward your chest" has a place to point to.
func (c *canvas) drawSide() {
	line := c.bodyStyle()
	// jaw and chin
	c.curve(line, pt{30, 2}, pt{36, 6}, pt{46, 8}, pt{52, 4})
	c.poly(line, sideSkin()...)
	// the back of the neck, the shoulder and the back
	c.poly(line,
		seg{{22, 2}, {21, 8}, {20, 14}, {17, 20}},
		seg{{17, 20}, {14, 26}, {12, 40}, {12, 60}},
		seg{{12, 60}, {12, 75}, {13, 88}, {14, 100}},
	)
	// the arm hangs at the side, behind the breast
	c.curve(c.thin(), pt{20, 24}, pt{26, 30}, pt{28, 52}, pt{27, 74})
	c.curve(c.thin(), pt{30, 36}, pt{32, 48}, pt{33, 60}, pt{32, 74})
	// the chest wall behind the breast
	wall := draw.Stroked(c.ink, 0.5*c.k)
	wall.Dash = []float64{1.4 * c.k, 1.2 * c.k}
	c.curve(wall, pt{sideWallX + 1, 38}, pt{sideWallX - 0.5, 50}, pt{sideWallX - 0.5, 66}, pt{sideWallX + 1, 80})
	for y := 44.0; y <= 74; y += 6 {
		c.line(c.thin(), pt{sideWallX - 0.3, y}, pt{sideWallX - 3.3, y + 1.6})
	}
	// the areola: a thicker stretch of skin round the nipple
	c.poly(draw.Stroked(c.ink, 1.8*c.k), arcSegs(pt{sideNippleX - 30, sideNippleY}, 27.6, -0.2, 0.2)...)
}

// sidePress draws two fingertips on the areola, above and below the
// nipple, seen from the side, with arrows pointing straight back toward
// the chest wall: pressing in, not toward the nipple. A short bracket
// inside the breast shows how far the skin gives: a little.
func (c *canvas) sidePress() {
	var as []arrow
	for _, dy := range []float64{-1, 1} {
		y := sideNippleY + dy*13.5
		as = append(as, arrow{path: []seg{line(pt{98, y}, pt{76, y})}, w: lineW * 1.15, push: true})
	}
	for _, dy := range []float64{-1, 1} {
		y := sideNippleY + dy*7
		c.finger(xform{at: pt{73.6, y}, s: 1.3, rot: math.Pi / 2})
	}
	c.arrows(as...)
	// where the pressure goes: a dashed arrow from the areola through
	// the breast to the chest wall
	st := c.stroke(thinW)
	st.Dash = []float64{1.6 * c.k, 1.3 * c.k}
	c.line(st, pt{69, sideNippleY}, pt{sideWallX + 4.5, sideNippleY})
	c.head(pt{sideWallX + 2, sideNippleY}, pt{-1, 0}, 3, draw.Filled(c.brand))
}

// sideStroke draws a light stroke on the side view: a flat hand lying on
// the breast's upper slope, an arrow along the skin up toward the armpit,
// and under the skin a thin dashed line the same way: only the skin and
// what lies just under it move. Nothing points into the breast.
func (c *canvas) sideStroke(dash bool) {
	skin := sideSkin()[2] // the upper slope, from the chest to the areola
	n := func(t, d float64) pt {
		a, b := skin.at(math.Max(t-0.01, 0)), skin.at(math.Min(t+0.01, 1))
		u := b.sub(a).unit()
		return skin.at(t).add(pt{u.Y, -u.X}.mul(d)) // d > 0: outside the skin
	}
	path := func(ps []pt) []seg {
		var ss []seg
		for i := 0; i+1 < len(ps); i++ {
			ss = append(ss, line(ps[i], ps[i+1]))
		}
		return ss
	}
	// under the skin, the thin layer that moves
	var under []pt
	for t := 0.86; t >= 0.1; t -= 0.06 {
		under = append(under, n(t, -2.2))
	}
	st := c.stroke(thinW * 0.9)
	st.Dash = []float64{1.2 * c.k, 1.0 * c.k}
	c.poly(st, path(under)...)
	// the flat hand lying on the skin, seen edge on: a long thin shape,
	// its fingertips up the slope
	var top, bottom []pt
	for t := 0.94; t >= 0.52; t -= 0.04 {
		bottom = append(bottom, n(t, 0.7))
		top = append(top, n(t, 4.4))
	}
	tip := n(0.49, 2.5)
	outline := append(append(append([]pt{}, bottom...), tip), reversed(top)...)
	c.polygon(c.outlined(outlineW), outline...)
	c.line(c.stroke(0.55), n(0.88, 2.5), n(0.62, 2.5))
	// the stroke, above the hand, up toward the armpit
	var out []pt
	for t := 0.84; t >= 0.16; t -= 0.06 {
		out = append(out, n(t, 7.6))
	}
	c.arrows(arrow{path: path(out), w: lineW, dash: dash})
}

// reversed returns ps backwards.
func reversed(ps []pt) []pt {
	out := make([]pt, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// rotTo is the rotation that turns a glyph's up (0, -1) toward u.
func rotTo(u pt) float64 { return math.Atan2(u.X, -u.Y) }
