package illustrate

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
)

// fingertip draws one fingertip seen from the front: a paper disc of
// radius r with a brand outline.
func (c *canvas) fingertip(p pt, r float64) {
	c.circle(c.outlined(outlineW*c.ws), p, r)
}

// palm draws a flat hand, a mitten with the thumb out, fingers pointing up
// in its own coordinates (about 9 wide and 16 long, anchored at the middle
// of the palm) and the thumb on its own right.
func (c *canvas) palm(x xform) {
	outline := x.segs(
		seg{{-3.8, 7}, {-4, 4}, {-4.2, 1}, {-4.2, -2}},
		seg{{-4.2, -2}, {-4.2, -5}, {-4.2, -9.4}, {-0.2, -9.4}},
		seg{{-0.2, -9.4}, {3.8, -9.4}, {3.8, -5}, {3.8, -2.5}},
		seg{{3.8, -2.5}, {5.2, -4.6}, {7.4, -5}, {7.3, -3.2}},
		seg{{7.3, -3.2}, {7.2, -1.4}, {5, 1.8}, {3.8, 3.6}},
		seg{{3.8, 3.6}, {3.8, 5}, {3.6, 6}, {3.4, 7}},
	)
	c.shape(c.outlined(outlineW*c.ws), true, outline...)
	thin := c.stroke(0.55 * c.ws)
	for _, fx := range []float64{-2.1, -0.1, 1.9} {
		c.line(thin, x.p(pt{fx, -8.6}), x.p(pt{fx, -4.4}))
	}
}

// fist draws a soft fist in its own coordinates (about 9 wide and 9 tall,
// knuckles up, anchored at its middle): four knuckle bumps, finger folds
// and the thumb across the front.
func (c *canvas) fist(x xform) {
	var outline []seg
	outline = append(outline, x.seg(seg{{-4.5, 4.5}, {-4.8, 2}, {-4.8, -0.5}, {-4.5, -3}}))
	for i := 0; i < 4; i++ {
		x0 := -4.5 + 2.25*float64(i)
		outline = append(outline, x.seg(seg{{x0, -3}, {x0, -4.9}, {x0 + 2.25, -4.9}, {x0 + 2.25, -3}}))
	}
	outline = append(outline, x.seg(seg{{4.5, -3}, {4.9, -0.5}, {4.9, 2}, {4.5, 4.5}}))
	outline = append(outline, x.seg(seg{{4.5, 4.5}, {2, 5.4}, {-2, 5.4}, {-4.5, 4.5}}))
	c.shape(c.outlined(outlineW*c.ws), true, outline...)
	thin := c.stroke(0.55 * c.ws)
	for i := 1; i < 4; i++ {
		fx := -4.5 + 2.25*float64(i)
		c.line(thin, x.p(pt{fx, -3}), x.p(pt{fx, -1.2}))
	}
	c.poly(thin, x.seg(seg{{-4.4, 1.4}, {-1.5, -0.2}, {2, 0}, {3.6, 1.2}}))
}

// finger draws one finger in its own coordinates, tip at the origin and the
// finger reaching up (about 4 wide and 14 long), with its nail.
func (c *canvas) finger(x xform) {
	outline := x.segs(
		seg{{-2, -14}, {-2, -8}, {-2, -4}, {-2, -2}},
		seg{{-2, -2}, {-2, 0.7}, {2, 0.7}, {2, -2}},
		seg{{2, -2}, {2, -4}, {2, -8}, {2, -14}},
	)
	c.shape(c.outlined(outlineW*c.ws), false, outline...)
	thin := c.stroke(0.55 * c.ws)
	c.shape(thin, true, x.segs(
		seg{{-1.1, -4.2}, {-1.1, -2.4}, {-0.8, -1.6}, {0, -1.6}},
		seg{{0, -1.6}, {0.8, -1.6}, {1.1, -2.4}, {1.1, -4.2}},
		seg{{1.1, -4.2}, {0.4, -4.5}, {-0.4, -4.5}, {-1.1, -4.2}},
	)...)
	c.line(thin, x.p(pt{-1.2, -8.4}), x.p(pt{1.2, -8.4}))
}

// cHand draws the hand of hand expression in its own coordinates: the
// nipple at the origin, the thumb tip above it and the index fingertip
// below it (7 units away), the C between them opening toward +x, the
// other fingers curled under and the wrist at x -17. The wrist is left
// open, as if the arm went on.
func (c *canvas) cHand(x xform) {
	outline := x.segs(
		seg{{-17, -6.8}, {-14, -7.6}, {-11.5, -8.6}, {-9, -9.6}},
		seg{{-9, -9.6}, {-5.5, -11}, {-1, -10.2}, {1.2, -8.2}},
		seg{{1.2, -8.2}, {2.2, -7.3}, {1.6, -5.8}, {0.3, -5.9}},
		seg{{0.3, -5.9}, {-2.5, -6.1}, {-5.5, -5.4}, {-6.6, -3.2}},
		seg{{-6.6, -3.2}, {-7.6, -1.2}, {-7.6, 1.2}, {-6.6, 3.2}},
		seg{{-6.6, 3.2}, {-5.5, 5.4}, {-2.5, 6.1}, {0.3, 5.9}},
		seg{{0.3, 5.9}, {1.6, 5.8}, {2.2, 7.3}, {1.2, 8.2}},
		seg{{1.2, 8.2}, {-1, 10.4}, {-4.5, 11.4}, {-8, 11.4}},
		seg{{-8, 11.4}, {-11.5, 11.4}, {-14.5, 10.4}, {-17, 9}},
	)
	c.shape(draw.Filled(c.paper), true, outline...)
	c.shape(c.stroke(outlineW*c.ws), false, outline...)
	thin := c.stroke(0.55 * c.ws)
	// where the thumb and the index finger leave the hand
	c.poly(thin, x.seg(seg{{-9, -9.6}, {-9.6, -8.4}, {-10, -7.4}, {-10.2, -6.2}}))
	c.poly(thin, x.seg(seg{{-8, 11.4}, {-8.8, 10.2}, {-9.3, 9.2}, {-9.5, 8.2}}))
}

// drop draws one teardrop, point up, of radius r centred at p: milk is
// white (paper) inside, oil is solid.
func (c *canvas) drop(p pt, r float64, solid bool) {
	st := c.outlined(0.75 * c.ws)
	if solid {
		st = draw.Filled(c.brand)
	}
	c.shape(st, true,
		seg{p.add(pt{0, -2.3 * r}), p.add(pt{0.3 * r, -1.5 * r}), p.add(pt{r, -0.7 * r}), p.add(pt{r, 0})},
		seg{p.add(pt{r, 0}), p.add(pt{r, 0.56 * r}), p.add(pt{0.56 * r, r}), p.add(pt{0, r})},
		seg{p.add(pt{0, r}), p.add(pt{-0.56 * r, r}), p.add(pt{-r, 0.56 * r}), p.add(pt{-r, 0})},
		seg{p.add(pt{-r, 0}), p.add(pt{-r, -0.7 * r}), p.add(pt{-0.3 * r, -1.5 * r}), p.add(pt{0, -2.3 * r})},
	)
}

// babyMouth is where the baby's lips meet, in the head's own coordinates
// (head radius 1, face toward +x).
func babyMouth() pt { return pt{1.03, 0.33} }

// feed draws a baby's head latched at the nipple on side: a large head in
// profile, face toward the midline, lips on the nipple, with a closed eye,
// an ear, a curl of hair and a round cheek, and the wrapped body below;
// filled with paper so the body lines behind it do not show through.
func (c *canvas) feed(side string, in float64) {
	n := landmark(c.view, "nipple", side)
	R := 11.0
	if c.view == "closeup" {
		R = 25
	}
	rot := -in * 0.12 // chin tilted up, as in a good latch
	// place the head so its lips touch the nipple
	probe := xform{s: R, rot: rot, flip: in < 0}
	x := xform{at: n.sub(probe.p(babyMouth())), s: R, rot: rot, flip: in < 0}
	st := c.outlined(1.1 * c.ws)
	thin := c.stroke(0.75 * c.ws)
	// the wrapped body, behind the head, going down and away from the
	// breast; the closeup has no room for it
	if c.view == "front" {
		c.babyBody(x, st, thin)
	}
	// head: the face in profile, then the round skull
	head := x.segs(
		seg{{0.7, -0.71}, {0.86, -0.55}, {0.96, -0.36}, {0.99, -0.14}},
		seg{{0.99, -0.14}, {1.0, -0.02}, {1.1, 0.03}, {1.11, 0.12}},
		seg{{1.11, 0.12}, {1.12, 0.2}, {1.03, 0.22}, {1.03, 0.27}},
		seg{{1.03, 0.27}, {1.1, 0.3}, {1.1, 0.38}, {1.03, 0.41}},
		seg{{1.03, 0.41}, {1.04, 0.52}, {0.98, 0.62}, {0.86, 0.66}},
		seg{{0.86, 0.66}, {0.7, 0.72}, {0.52, 0.8}, {0.3, 0.93}},
	)
	head = append(head, x.segs(arcSegs(pt{0, 0}, 1, math.Atan2(0.93, 0.3)+0.02, 2*math.Pi-math.Pi/4)...)...)
	c.shape(st, true, head...)
	// closed eye: a downward arc with two short lashes
	c.poly(thin, x.seg(seg{{0.44, -0.1}, {0.5, 0.02}, {0.68, 0.02}, {0.74, -0.1}}))
	c.line(thin, x.p(pt{0.53, 0.03}), x.p(pt{0.5, 0.12}))
	c.line(thin, x.p(pt{0.65, 0.03}), x.p(pt{0.68, 0.12}))
	// ear: a C, its rim toward the back of the head
	c.poly(thin, x.segs(arcSegs(pt{-0.12, 0.1}, 0.19, math.Pi*0.35, math.Pi*1.65)...)...)
	c.poly(thin, x.segs(arcSegs(pt{-0.1, 0.1}, 0.07, math.Pi*0.5, math.Pi*1.5)...)...)
	// cheek
	tint := c.brand.Mix(c.paper, 0.8)
	c.circle(draw.Filled(tint), x.p(pt{0.62, 0.38}), 0.16*R)
	// a curl of hair on the crown
	c.poly(thin, x.segs(
		seg{{-0.05, -1.0}, {0.1, -1.25}, {0.4, -1.2}, {0.35, -1.02}},
		seg{{0.35, -1.02}, {0.3, -0.9}, {0.15, -0.93}, {0.17, -1.03}},
	)...)
}

// babyBody draws the baby's wrapped body in the head's coordinates (head
// radius 1): from under the chin down and back, with the blanket's edge.
func (c *canvas) babyBody(x xform, st, thin draw.Style) {
	c.shape(st, true, x.segs(
		seg{{0.2, 0.7}, {0.9, 1.1}, {0.9, 1.8}, {0.4, 2.4}},
		seg{{0.4, 2.4}, {-0.3, 3.2}, {-1.5, 3.1}, {-1.9, 2.3}},
		seg{{-1.9, 2.3}, {-2.2, 1.6}, {-1.6, 0.7}, {-0.7, 0.4}},
		seg{{-0.7, 0.4}, {-0.3, 0.3}, {0, 0.5}, {0.2, 0.7}},
	)...)
	c.poly(thin, x.seg(seg{{0.75, 1.45}, {0.1, 1.5}, {-0.9, 1.9}, {-1.6, 2.6}}))
}

// pump draws a breast-pump flange over the nipple on side, narrowing into a
// bottle below with milk in it.
func (c *canvas) pump(side string) {
	at := landmark(c.view, "nipple", side)
	s := 1.35
	if c.view == "closeup" {
		s = 1.9
	}
	st := c.outlined(outlineW * c.ws)
	tint := c.brand.Mix(c.paper, 0.75)
	x := xform{at: at, s: s}
	c.polygon(st, x.p(pt{-6, -5}), x.p(pt{6, -5}), x.p(pt{2, 2.5}), x.p(pt{2, 8}), x.p(pt{-2, 8}), x.p(pt{-2, 2.5}))
	// the bottle: cap, body, milk up to a line, a drop falling in
	c.shape(st, true, roundRect(x.p(pt{-3.2, 7.6}), x.p(pt{3.2, 9.4}), 0.4*s)...)
	c.shape(st, true, roundRect(x.p(pt{-4, 9.4}), x.p(pt{4, 21}), 1.6*s)...)
	c.shape(draw.Style{Fill: &tint, Stroke: &c.brand, Width: 0.5 * c.ws * c.k}, true, roundRect(x.p(pt{-3.3, 15.5}), x.p(pt{3.3, 20.3}), 1.1*s)...)
	c.drop(x.p(pt{0, 12.6}), 1.1*s, false)
}

// roundRect is the outline of the rectangle from a to b with corners of
// radius r, as cubics.
func roundRect(a, b pt, r float64) []seg {
	r = math.Min(r, math.Min(b.X-a.X, b.Y-a.Y)/2)
	return []seg{
		line(pt{a.X + r, a.Y}, pt{b.X - r, a.Y}),
		arcSegs(pt{b.X - r, a.Y + r}, r, -math.Pi/2, 0)[0],
		line(pt{b.X, a.Y + r}, pt{b.X, b.Y - r}),
		arcSegs(pt{b.X - r, b.Y - r}, r, 0, math.Pi/2)[0],
		line(pt{b.X - r, b.Y}, pt{a.X + r, b.Y}),
		arcSegs(pt{a.X + r, b.Y - r}, r, math.Pi/2, math.Pi)[0],
		line(pt{a.X, b.Y - r}, pt{a.X, a.Y + r}),
		arcSegs(pt{a.X + r, a.Y + r}, r, math.Pi, 3*math.Pi/2)[0],
	}
}

// compress draws a folded cloth w view units wide centred on p, with heat
// waves above it (warm) or a snowflake (cold), so the two differ without
// colour.
func (c *canvas) compress(p pt, warm bool, w float64) {
	tint := c.brand.Mix(c.paper, 0.85)
	h := w * 0.62
	c.shape(draw.Style{Fill: &tint, Stroke: &c.brand, Width: outlineW * c.ws * c.k}, true, roundRect(p.add(pt{-w / 2, -h / 2}), p.add(pt{w / 2, h / 2}), w*0.12)...)
	for i := 1; i < 3; i++ {
		yy := p.Y - h/2 + h*float64(i)/3
		c.line(c.stroke(0.45*c.ws), pt{p.X - w/2 + w*0.1, yy}, pt{p.X + w/2 - w*0.1, yy})
	}
	u := w / 12 // a twelfth of the cloth's width
	top := p.add(pt{0, -h/2 - 1.6*u})
	if warm {
		for i := -1; i <= 1; i++ {
			b := top.add(pt{float64(i) * 3.4 * u, 0})
			c.poly(c.stroke(0.95*c.ws), seg{b, b.add(pt{-1.8 * u, -1.8 * u}), b.add(pt{1.8 * u, -3.4 * u}), b.add(pt{0, -5.8 * u})})
		}
		return
	}
	ctr := top.add(pt{0, -3.4 * u})
	st := c.stroke(0.95 * c.ws)
	for i := 0; i < 6; i++ {
		a := float64(i)*math.Pi/3 - math.Pi/2
		tip := polar(ctr, 3.4*u, a)
		c.line(st, ctr, tip)
		fork := polar(ctr, 2.1*u, a)
		c.line(c.stroke(0.75*c.ws), polar(fork, 1.2*u, a-0.9), fork, polar(fork, 1.2*u, a+0.9))
	}
}

// belly draws two arrows from the navel outward over the belly: it swells
// with each breath.
func (c *canvas) belly() {
	var as []arrow
	for _, s := range []float64{-1, 1} {
		a := pt{50 + s*4.5, 89}
		b := pt{50 + s*22, 86.5}
		as = append(as, arrow{path: []seg{curveThrough(a, b, s*3)}, w: lineW * 1.15})
	}
	c.arrows(as...)
}

// icon draws a stand-alone pictogram of kind, about 16 view units across
// at size s 1, centred on p.
func (c *canvas) icon(kind string, p pt, s float64) {
	x := xform{at: p, s: s}
	q := func(a, b float64) pt { return x.p(pt{a, b}) }
	st := c.outlined(outlineW)
	ln := c.stroke(1.1)
	switch kind {
	case "warm", "cold":
		c.compress(q(0, 3.5), kind == "warm", 12*s)
	case "oil":
		// a bottle with a solid drop beside it (milk drops are open)
		c.shape(st, true, roundRect(q(-5.5, -2), q(1.5, 7.5), 1.6*s)...)
		c.shape(st, true, roundRect(q(-3.4, -5.5), q(-0.6, -2), 0.4*s)...)
		c.shape(draw.Filled(c.brand), true, roundRect(q(-3.8, -7.5), q(-0.2, -5.5), 0.5*s)...)
		c.line(c.stroke(0.5), q(-4.2, 1.5), q(0.2, 1.5))
		c.drop(q(5, 3), 2*s, true)
	case "breathe":
		// air flowing in: three waves with heads toward the figure
		var as []arrow
		for i := -1; i <= 1; i++ {
			y := float64(i) * 4.2
			x0 := 7 - math.Abs(float64(i))*1.5
			as = append(as, arrow{path: x.segs(
				seg{{x0, y}, {x0 - 2.5, y - 2.4}, {x0 - 4.5, y + 2.4}, {x0 - 7, y}},
				seg{{x0 - 7, y}, {x0 - 9.5, y - 2.4}, {x0 - 11.5, y + 1.2}, {x0 - 13.5, y}},
			), w: 1, head: 2.9 * math.Sqrt(s), push: true})
		}
		c.arrows(as...)
	case "timer":
		c.circle(st, q(0, 1), 6.5*s)
		c.line(ln, q(0, 1), q(0, -3.6))
		c.line(ln, q(0, 1), q(3.4, 1))
		c.dot(c.brand, q(0, 1), 0.9)
		c.line(c.stroke(1.4), q(-2, -7.4), q(2, -7.4))
		c.line(c.stroke(1.1), q(0, -7.4), q(0, -5.5))
	case "sit":
		// a reclining chair seen from the side
		c.line(c.stroke(1.4), q(-7.5, -7.5), q(-3.5, 2.5), q(6.5, 2.5))
		c.line(c.stroke(1.1), q(-5.5, -2.5), q(-1, -2.5), q(-1, 2.5))
		c.line(ln, q(-3, 2.5), q(-5, 8))
		c.line(ln, q(5.5, 2.5), q(7, 8))
	case "talk":
		c.shape(st, true,
			seg{q(-5, -7), q(-8.6, -7), q(-8.6, 3), q(-5, 3)},
			line(q(-5, 3), q(-4.2, 3)),
			line(q(-4.2, 3), q(-6.2, 7.5)),
			line(q(-6.2, 7.5), q(0.2, 3)),
			line(q(0.2, 3), q(5, 3)),
			seg{q(5, 3), q(8.6, 3), q(8.6, -7), q(5, -7)},
			line(q(5, -7), q(-5, -7)),
		)
		for i := -1; i <= 1; i++ {
			c.dot(c.brand, q(float64(i)*3.6, -2), 1)
		}
	}
}
