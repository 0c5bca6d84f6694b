package illustrate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/routine"
)

// Colors are the illustration's colours: body lines (ink), marks (brand)
// and the background (paper). The brand colour only tints: every mark also
// differs by its shape, and a brand too pale to print in gray is darkened
// toward ink for the marks (see markColor).
type Colors struct {
	Ink, Brand, Paper draw.Color
}

// Sizes of marks, in view units of the front view (a 35 mm handout picture
// has 0.35 mm per unit). The closeup draws marks closeScale times larger and
// their lines closeWidth times wider.
const (
	closeScale = 2.2
	closeWidth = 1.35

	lineW    = 1.3  // a movement's line
	thinW    = 1.0  // a light glide, a small arrow
	headL    = 3.8  // arrowhead length for a lineW line
	laneHead = 3.3  // arrowhead length on each lane of a broad sweep
	haloW    = 0.75 // paper gap either side of a mark where it crosses a body line
	outlineW = 0.9  // outline of hands, fingertips and objects
)

// Draw renders il into the box at (x, y) of w×h mm on pg, keeping the view
// square and centred.
func Draw(pg *draw.Page, il routine.Illustration, x, y, w, h float64, col Colors) error {
	_, err := drawIllustration(pg, il, x, y, w, h, col)
	return err
}

// drawIllustration is Draw, returning the canvas for tests to inspect.
func drawIllustration(pg *draw.Page, il routine.Illustration, x, y, w, h float64, col Colors) (*canvas, error) {
	side := math.Min(w, h)
	c := &canvas{pg: pg, ox: x + (w-side)/2, oy: y + (h-side)/2, k: side / 100,
		ink: col.Ink, brand: markColor(col.Brand, col.Paper, col.Ink), paper: col.Paper}
	switch il.View {
	case "", "front":
		c.view, c.s, c.ws = "front", 1, 1
		c.drawFront()
	case "closeup":
		c.view, c.s, c.ws = "closeup", closeScale, closeWidth
		c.drawCloseup()
	case "side":
		c.view, c.s, c.ws = "side", 1.3, 1.15
		c.drawSide()
	default:
		return nil, fmt.Errorf("illustrate: unknown view %q", il.View)
	}
	for _, m := range il.Marks {
		if err := c.mark(m); err != nil {
			return nil, err
		}
	}
	c.placeIcons()
	c.placeLabels()
	return c, nil
}

// sides lists the sides a mark is drawn on.
func sides(m routine.Mark) []string {
	switch m.Side {
	case "left":
		return []string{"left"}
	case "right":
		return []string{"right"}
	}
	return []string{"right", "left"}
}

// inward is +1 when the midline is to the reader's right of side's breast
// (the person's right side, and the closeup), -1 otherwise.
func inward(side string) float64 {
	if side == "left" {
		return -1
	}
	return 1
}

// mark draws m: a stand-alone pictogram waits for a free corner; any other
// mark is drawn on each side it names (once on the closeup).
func (c *canvas) mark(m routine.Mark) error {
	if c.view == "closeup" || c.view == "side" {
		// one breast only: draw the mark once
		m.Side = "right"
	}
	switch m.Kind {
	case "oil", "timer", "sit", "talk":
		c.icons = append(c.icons, m.Kind)
		return nil
	case "warm", "cold":
		if m.At == "" {
			c.icons = append(c.icons, m.Kind)
			return nil
		}
	case "breathe":
		if c.view == "front" {
			c.belly()
		}
		c.icons = append(c.icons, m.Kind)
		return nil
	}
	for _, side := range sides(m) {
		if err := c.markOn(m, side); err != nil {
			return err
		}
		if m.Order > 0 {
			// "do this first": a numbered badge where the mark starts
			at := m.At
			if at == "" {
				at = m.From
			}
			if at != "" {
				p := landmark(c.view, at, side)
				c.orderBadge(p, pt{0, -1}, 5*c.s, m.Order)
			}
		}
	}
	return nil
}

// markOn draws m on one side.
func (c *canvas) markOn(m routine.Mark, side string) error {
	at := landmark(c.view, m.At, side)
	in := inward(side)
	if c.view == "side" {
		switch m.Kind {
		case "press":
			c.sidePress()
			return nil
		case "sweep", "glide":
			c.sideStroke(m.Kind == "glide")
			return nil
		}
	}
	switch m.Kind {
	case "sweep", "glide":
		c.sweep(m, side)
	case "circles":
		c.circles(at, in, m.Count, m.Hand)
	case "fingertip-circles":
		c.fingertipCircles(m.At, at, in, m.Count)
	case "butterfly":
		c.butterfly(side, in)
	case "press":
		c.press(at)
	case "roll":
		c.roll(side, in, false)
	case "roll-side":
		c.roll(side, in, true)
	case "knead":
		c.knead(side, in)
	case "tap":
		c.tap(at, in)
	case "nipple-roll":
		c.nippleRoll(at)
	case "opposing":
		return c.opposing(at, m)
	case "hand":
		hand := m.Hand
		if hand == "" {
			hand = "flat-palm"
		}
		c.pose(hand, at, restDir(hand), in, c.s)
	case "zone":
		c.zone(at, m.Label)
	case "warm", "cold":
		c.compress(at, m.Kind == "warm", 12*c.s)
	case "express":
		if m.At == "" {
			at = landmark(c.view, "nipple", side)
		}
		c.express(at, in)
	case "feed":
		c.feed(side, in)
	case "pump":
		c.pump(side)
	default:
		return fmt.Errorf("%s: illustrate: no drawing for mark %q", m.Pos, m.Kind)
	}
	return nil
}

// arrow is one directed movement: a start dot where it begins, the line,
// and an arrowhead where it ends.
type arrow struct {
	path []seg
	w    float64 // line width, view units
	head float64 // arrowhead length, view units; 0 sizes it from w
	dash bool    // a light touch: a dashed line
	push bool    // a push: no start dot
	both bool    // back and forth: a head at each end, no start dot
}

// arrows draws as in two passes: first a paper halo under all of them, so
// where a mark crosses a body line it cuts a clean gap in it, then the
// marks themselves.
func (c *canvas) arrows(as ...arrow) {
	type part struct {
		body           []seg
		tip, u         pt // end head
		tip0, u0       pt // start head (both)
		head, w, dotR  float64
		dash, dot, two bool
	}
	parts := make([]part, len(as))
	for i, a := range as {
		head := a.head
		if head == 0 {
			head = headL * a.w / lineW
		}
		body, u := trimEnd(a.path, head*0.7)
		p := part{body: body, tip: a.path[len(a.path)-1][3], u: u, head: head, w: a.w,
			dotR: 1.25 * a.w, dash: a.dash, dot: !a.push && !a.both, two: a.both}
		if a.both {
			rb, u0 := trimEnd(reverse(body), head*0.7)
			p.body, p.tip0, p.u0 = reverse(rb), a.path[0][0], u0
		}
		parts[i] = p
	}
	h := haloW * c.ws
	for _, p := range parts {
		c.shape(draw.Stroked(c.paper, (p.w+2*h)*c.k), false, p.body...)
		if p.dot {
			c.dot(c.paper, p.body[0][0], p.dotR+h)
		}
		c.head(p.tip, p.u, p.head, draw.Style{Fill: &c.paper, Stroke: &c.paper, Width: 2 * h * c.k})
		if p.two {
			c.head(p.tip0, p.u0, p.head, draw.Style{Fill: &c.paper, Stroke: &c.paper, Width: 2 * h * c.k})
		}
	}
	for _, p := range parts {
		st := c.stroke(p.w)
		if p.dash {
			st.Dash = []float64{2.4 * c.ws * c.k, 1.6 * c.ws * c.k}
		}
		c.shape(st, false, p.body...)
		if p.dot {
			c.dot(c.brand, p.body[0][0], p.dotR)
		}
		c.head(p.tip, p.u, p.head, draw.Filled(c.brand))
		if p.two {
			c.head(p.tip0, p.u0, p.head, draw.Filled(c.brand))
		}
	}
}

// head draws a notched arrowhead of length size with its tip at tip,
// pointing along the unit vector u.
func (c *canvas) head(tip, u pt, size float64, st draw.Style) {
	n := u.perp()
	base := tip.sub(u.mul(size))
	c.polygon(st, tip, base.add(n.mul(size*0.5)), tip.sub(u.mul(size*0.78)), base.sub(n.mul(size*0.5)))
}

// through is a cubic from a to b that passes through m halfway.
func through(a, m, b pt) seg {
	ctrl := m.sub(a.add(b).mul(1.0 / 8)).mul(4.0 / 3)
	return seg{a, lerp(a, ctrl, 2.0/3), lerp(b, ctrl, 2.0/3), b}
}

// strokeStart is where a stroke from the landmark name (at p) toward q
// begins: off the nipple, inside the breast rather than on its edge, and on
// the person's own side of a midline landmark.
func (c *canvas) strokeStart(name string, p, q pt, in float64) pt {
	switch name {
	case "nipple", "areola":
		return p.add(q.sub(p).unit().mul(c.areolaR() + 2.4*c.s))
	case "breast-base":
		return p.add(pt{-in * 3, -6}.mul(c.s))
	}
	if c.view == "front" && p.X == 50 {
		return pt{50 - in*4.5, p.Y}
	}
	return p
}

// strokeEnd is where a stroke from a toward the landmark name (at p) ends:
// on the person's own side of a midline landmark, and just short of the
// armpit on the side the stroke comes from (in its hollow from the arm),
// not on an outline.
func (c *canvas) strokeEnd(name string, p, a pt, in float64) pt {
	if c.view == "closeup" {
		switch name {
		case "armpit":
			return pt{16, 23}
		case "chin", "neck-base", "collarbone", "shoulder", "upper-chest":
			return pt{p.X, math.Max(p.Y, 7)}
		}
		return p
	}
	switch name {
	case "chin":
		return pt{50 - in*5, 14}
	case "armpit":
		return p.add(a.sub(p).unit().mul(4.5))
	}
	if p.X == 50 {
		return pt{50 - in*4.5, p.Y}
	}
	return p
}

// sweepLanes are the lanes of a stroke from m.From to m.To on side: three
// for a flat hand (a broad stroke), one for fingertips or a light glide.
// Lanes never cross; the outer lanes of a broad stroke stop short of the
// middle one so the heads never touch. mid is the middle of the stroke and
// out the side of it where a count goes.
func (c *canvas) sweepLanes(m routine.Mark, side string) (lanes [][]seg, mid, out pt) {
	in := inward(side)
	broad := m.Kind == "sweep" && m.Hand != "fingertips"
	if c.view == "front" && broad && m.To == "armpit" && (m.From == "breast-base" || m.From == "breast") {
		return c.aroundToArmpit(side, in)
	}
	a0, b0 := landmark(c.view, m.From, side), landmark(c.view, m.To, side)
	b := c.strokeEnd(m.To, b0, a0, in)
	a := c.strokeStart(m.From, a0, b, in)
	d := b.sub(a)
	n := d.perp().unit() // bow outward, away from the midline
	if n.X*in > 0 || (math.Abs(n.X) < 1e-9 && n.Y > 0) {
		n = n.mul(-1)
	}
	bow := n.mul(d.len() * 0.12)
	centre := seg{a, lerp(a, b, 1.0/3).add(bow), lerp(a, b, 2.0/3).add(bow), b}
	if !broad {
		return [][]seg{{centre}}, centre.at(0.5), n
	}
	spreadA, spreadB := 4.4*c.s, 2.7*c.s
	nA := centre[1].sub(centre[0]).perp().unit()
	nB := centre[3].sub(centre[2]).perp().unit()
	tB := centre[3].sub(centre[2]).unit()
	for _, o := range []float64{-1, 0, 1} {
		back := pt{}
		if o != 0 {
			back = tB.mul(math.Min(3.6*c.s, 0.12*d.len()))
		}
		lanes = append(lanes, []seg{{
			centre[0].add(nA.mul(o * spreadA)),
			centre[1].add(nA.mul(o * (spreadA + (spreadB-spreadA)/3))),
			centre[2].add(nB.mul(o * (spreadA + 2*(spreadB-spreadA)/3))).sub(back.mul(0.5)),
			centre[3].add(nB.mul(o * spreadB)).sub(back),
		}})
	}
	return lanes, centre.at(0.5), n
}

// aroundToArmpit is a flat hand's sweep from under the breast to the
// armpit on the front view: three lanes start spread along the underside,
// run round the outer side of the breast one inside the other, and go up
// and out to the armpit.
func (c *canvas) aroundToArmpit(side string, in float64) (lanes [][]seg, mid, out pt) {
	n := landmark("front", "nipple", side)
	rel := func(x, y float64) pt { return n.add(pt{in * x, y}) }
	// angles round the nipple on the reader's left breast, clockwise
	// from the reader's right; mirrored for the other breast
	ang := func(a float64) float64 {
		if in < 0 {
			return math.Pi - a
		}
		return a
	}
	// the heads point up and out (-0.6, -0.8), side by side 3.6 apart
	for _, l := range []struct{ r, a0, tipX, tipY float64 }{
		{5.6, 60, -7.3, -26.7},
		{8.3, 85, -10.2, -25.5},
		{11, 110, -13.1, -22.3},
	} {
		arc := arcSegs(n, l.r, ang(l.a0*math.Pi/180), ang(math.Pi))
		from := arc[len(arc)-1][3]
		tip := rel(l.tipX, l.tipY)
		tail := seg{from, from.add(pt{0, -6}), tip.add(pt{in * 3.6, 4.8}), tip}
		lanes = append(lanes, append(arc, tail))
	}
	return lanes, rel(-8.3, 0), pt{-in, 0}
}

// sweep draws a stroke from m.From to m.To: see sweepLanes.
func (c *canvas) sweep(m routine.Mark, side string) {
	lanes, mid, out := c.sweepLanes(m, side)
	w, head := lineW*c.ws, 0.0
	switch {
	case m.Kind == "glide":
		w = thinW * c.ws
	case len(lanes) > 1:
		head = laneHead * c.ws
	}
	if m.Hand != "" {
		// the hand where the stroke starts, reaching into it
		l := lanes[len(lanes)/2]
		start := l[0][0]
		dir := l[0].at(0.25).sub(start).unit()
		back := 6.2 * c.s
		if m.Hand != "flat-palm" && m.Hand != "soft-fist" {
			back = 1.6 * c.s
		}
		c.pose(m.Hand, start.sub(dir.mul(back)), dir, inward(side), c.s)
	}
	as := make([]arrow, len(lanes))
	for i, l := range lanes {
		as[i] = arrow{path: l, w: w, head: head, dash: m.Kind == "glide"}
	}
	c.arrows(as...)
	c.countLabel(mid, out, 6.4*c.s, m.Count)
}

// circleArrow is a circle of radius r round ctr, open at the end so its
// head shows: clockwise on the page when turn is 1, anticlockwise at -1.
func circleArrow(ctr pt, r, turn, w float64) arrow {
	a0 := -math.Pi / 2
	return arrow{path: arcSegs(ctr, r, a0, a0+turn*1.72*math.Pi), w: w}
}

// circles draws one circling arrow at ctr, clockwise on the reader's left
// and anticlockwise on the right, with its count beside it; with a hand
// pose, the hand sits inside a wider circle.
func (c *canvas) circles(ctr pt, in float64, count int, hand string) {
	r := 4.6 * c.s
	if hand != "" {
		r = 8.2 * c.s
		// fingers reach down from above: their tips a little low, so
		// the circle's start dot stays clear
		d, at := restDir(hand), ctr
		if d.Y > 0 {
			at = ctr.add(d.mul(2.6 * c.s))
		}
		c.pose(hand, at, d, in, c.s)
	}
	c.arrows(circleArrow(ctr, r, in, lineW*c.ws))
	c.countLabel(ctr, pt{-in, -0.6}, r+3*c.s, count)
}

// fingertipCircles draws fingertips inside circling arrows: on the areola
// of the closeup, four small ones round the nipple; elsewhere a finger
// whose tip circles.
func (c *canvas) fingertipCircles(name string, at pt, in float64, count int) {
	if c.view == "closeup" && (name == "areola" || name == "nipple") {
		var as []arrow
		for i := 0; i < 4; i++ {
			p := polar(at, closeNippleR+5.4, float64(i)*math.Pi/2-math.Pi/4)
			as = append(as, circleArrow(p, 4.1, in, thinW*c.ws))
		}
		c.arrows(as...)
		for i := 0; i < 4; i++ {
			c.fingertip(polar(at, closeNippleR+5.4, float64(i)*math.Pi/2-math.Pi/4), 1.5)
		}
		c.countLabel(at, pt{-in, -1}, closeAreolaR+5, count)
		return
	}
	if name == "breast" {
		// over the whole breast: round it, clear of the nipple
		if c.view == "closeup" {
			for _, a := range []float64{-2.3, -0.8, 0.8, 2.3} {
				c.fingerCircle(polar(pt{50, 55}, 25, a), in, 1.2, 0)
			}
			c.countLabel(pt{50, 55}, pt{-in, -1}, 36, count)
			return
		}
		at = at.add(pt{-in * 5, -5})
	}
	c.fingerCircle(at, in, c.s, count)
}

// fingerCircle draws a finger whose tip circles at, s times the front
// view's size, with its count.
func (c *canvas) fingerCircle(at pt, in, s float64, count int) {
	r := 5 * s
	c.arrows(circleArrow(at, r, in, lineW*c.ws))
	c.finger(xform{at: at, s: 0.85 * s, rot: -in * 0.35})
	c.countLabel(at, pt{-in, 0.4}, r+2*s, count)
}

// breastBox is the breast on side in this view: centre, half width and
// half height, in view units.
func (c *canvas) breastBox(side string) (ctr pt, rx, ry float64) {
	if c.view == "closeup" {
		return pt{50, 55}, 40, 33
	}
	return landmark("front", "breast", side).add(pt{0, 1.5}), 13, 14.5
}

// butterfly draws four strokes that start together by the chest wall on
// the inner side and fan out over the breast, above and below the nipple,
// to the outer side.
func (c *canvas) butterfly(side string, in float64) {
	n := landmark(c.view, "nipple", side)
	_, rx, ry := c.breastBox(side)
	x0, x1 := n.X+in*math.Min(rx*0.85, 30), n.X-in*math.Min(rx*0.8, 28)
	gap := c.areolaR() + 2.6*c.s
	var as []arrow
	for _, k := range []float64{-2, -1, 1, 2} {
		sgn := math.Copysign(1, k)
		off := sgn * (gap + (math.Abs(k)-1)*4.6*c.s)
		a := pt{x0, n.Y + off*0.35}
		mid := pt{n.X, n.Y + off}
		b := pt{x1, n.Y + sgn*math.Min(math.Abs(off)*1.2, ry*0.82)}
		as = append(as, arrow{path: []seg{through(a, mid, b)}, w: thinW * c.ws * 1.15})
	}
	c.arrows(as...)
}

// press draws four fingertips round the nipple, each pushed in by a short
// arrow from outside.
func (c *canvas) press(at pt) {
	rr, pad := 5.2, 1.8
	if c.view == "closeup" {
		rr, pad = closeNippleR+5, 3.4
	}
	var as []arrow
	for i := 0; i < 4; i++ {
		a := float64(i)*math.Pi/2 + math.Pi/4
		as = append(as, arrow{path: []seg{line(polar(at, rr+pad+7*c.s, a), polar(at, rr+pad+0.6*c.s, a))}, w: thinW * c.ws * 1.1, push: true})
	}
	c.arrows(as...)
	for i := 0; i < 4; i++ {
		c.fingertip(polar(at, rr, float64(i)*math.Pi/2+math.Pi/4), pad)
	}
}

// roll draws a flat hand on top of the breast and one underneath, with an
// arrow down its outer side (top to bottom); sideways, a hand either side
// and an arrow over the top from the outer side to the inner.
func (c *canvas) roll(side string, in float64, sideways bool) {
	ctr, rx, ry := c.breastBox(side)
	hs := 0.85 * c.s
	if sideways {
		c.arrows(arrow{path: []seg{through(ctr.add(pt{-in * rx * 0.55, -ry * 0.45}), ctr.add(pt{0, -ry * 0.78}), ctr.add(pt{in * rx * 0.55, -ry * 0.45}))}, w: lineW * c.ws})
		c.palm(xform{at: ctr.add(pt{-in * (rx + 1*c.s), 3 * c.s}), s: hs, flip: in < 0})
		c.palm(xform{at: ctr.add(pt{in * (rx - 1*c.s), 3 * c.s}), s: hs, flip: in > 0})
		return
	}
	c.arrows(arrow{path: []seg{through(ctr.add(pt{-in * rx * 0.3, -ry * 0.62}), ctr.add(pt{-in * rx * 0.78, 0}), ctr.add(pt{-in * rx * 0.3, ry * 0.66}))}, w: lineW * c.ws})
	c.palm(xform{at: ctr.add(pt{in * 1 * c.s, -ry - 1*c.s}), s: hs, rot: in * math.Pi / 2, flip: in < 0})
	c.palm(xform{at: ctr.add(pt{in * 1 * c.s, ry + 1*c.s}), s: hs, rot: in * math.Pi / 2, flip: in > 0})
}

// knead draws two soft fists either side of the breast with a two-way arrow
// over the top between them.
func (c *canvas) knead(side string, in float64) {
	ctr, rx, ry := c.breastBox(side)
	y := ctr.Y - ry*0.62
	c.arrows(arrow{path: []seg{through(pt{ctr.X - rx*0.5, y}, pt{ctr.X, y - 2.5*c.s}, pt{ctr.X + rx*0.5, y})}, w: lineW * c.ws, both: true})
	fs := 0.85 * c.s
	c.fist(xform{at: ctr.add(pt{-in * rx * 0.8, 1 * c.s}), s: fs, flip: in < 0})
	c.fist(xform{at: ctr.add(pt{in * rx * 0.8, 1 * c.s}), s: fs, flip: in > 0})
}

// tap draws a finger whose tip touches at, tilted out from the midline,
// with short impact arcs either side of the tip.
func (c *canvas) tap(at pt, in float64) {
	w := thinW * c.ws
	for _, r := range []float64{3.4, 5.6} {
		rr := r * c.s
		c.poly(c.stroke(w), arcSegs(at, rr, math.Pi*0.85, math.Pi*1.15)...)
		c.poly(c.stroke(w), arcSegs(at, rr, -math.Pi*0.15, math.Pi*0.15)...)
	}
	c.finger(xform{at: at, s: math.Min(c.s, 1.6), rot: -in * 0.35})
}

// nippleRoll draws two fingertips either side of the nipple and two curved
// arrows round it, turning the same way: the fingertips roll it.
func (c *canvas) nippleRoll(at pt) {
	off, pad, rr := 3.4, 1.9, 7.0
	if c.view == "closeup" {
		off, pad, rr = closeNippleR+2.2, 3.4, closeNippleR+10
	}
	c.arrows(
		arrow{path: arcSegs(at, rr, math.Pi*1.12, math.Pi*1.88), w: lineW * c.ws},
		arrow{path: arcSegs(at, rr, math.Pi*0.12, math.Pi*0.88), w: lineW * c.ws},
	)
	c.fingertip(at.add(pt{-off, 0}), pad)
	c.fingertip(at.add(pt{off, 0}), pad)
}

// opposing draws a clock face round the areola with two fingertips at the
// named positions (e.g. "12-6") pressing toward each other; when there are
// several pairs, a number by each pair's first fingertip gives the order.
func (c *canvas) opposing(at pt, m routine.Mark) error {
	pairs := strings.Split(m.Clock, ",")
	if m.Clock == "" {
		pairs = []string{"12-6"}
	}
	hours := make([][2]int, len(pairs))
	for i, pair := range pairs {
		hs := strings.Split(strings.TrimSpace(pair), "-")
		if len(hs) != 2 {
			return fmt.Errorf("%s: clock %q: write positions as 12-6 (several: 12-6,3-9)", m.Pos, m.Clock)
		}
		for j, h := range hs {
			n, err := strconv.Atoi(strings.TrimSpace(h))
			if err != nil || n < 1 || n > 12 {
				return fmt.Errorf("%s: clock %q: hours are 1 to 12", m.Pos, m.Clock)
			}
			hours[i][j] = n
		}
	}
	r, pad := 7.0, 1.9
	if c.view == "closeup" {
		r, pad = closeAreolaR*1.45, 3.6
		// the clock's ticks, except where a labelled hour goes
		used := map[int]bool{}
		for _, hs := range hours {
			used[hs[0]%12], used[hs[1]%12] = true, true
		}
		for i := 0; i < 12; i++ {
			if used[i] {
				continue
			}
			a := float64(i)*math.Pi/6 - math.Pi/2
			c.line(draw.Stroked(c.ink, 0.5*c.k), polar(at, r*1.25, a), polar(at, r*1.4, a))
		}
	}
	angle := func(h int) float64 { return float64(h)*math.Pi/6 - math.Pi/2 }
	for i, hs := range hours {
		var ps [2]pt
		var as []arrow
		for j, h := range hs {
			ps[j] = polar(at, r, angle(h))
			u := at.sub(ps[j]).unit()
			from := ps[j].add(u.mul(pad + 0.4*c.s))
			as = append(as, arrow{path: []seg{line(from, from.add(u.mul(3.2*c.s)))}, w: thinW * c.ws, head: 2.8 * c.ws, push: true})
			c.hourLabel(at, ps[j], pad+1+0.2*c.s, strconv.Itoa(h), 5.2*math.Pow(c.s, 0.25))
		}
		dash := c.stroke(0.6 * c.ws)
		dash.Dash = []float64{1.2 * c.k * c.ws, 1.2 * c.k * c.ws}
		c.line(dash, ps[0], ps[1])
		c.arrows(as...)
		c.fingertip(ps[0], pad)
		c.fingertip(ps[1], pad)
		if len(hours) > 1 {
			a := angle(hs[0])
			c.orderBadge(ps[0], pt{-math.Sin(a), math.Cos(a)}, pad+0.6*c.s, i+1)
		}
	}
	return nil
}

// zone highlights an area: a dashed ring with a light tint round a small
// firm knot, and its label below.
func (c *canvas) zone(at pt, label string) {
	r := 6.5
	if c.view == "closeup" {
		r = 12
	}
	tint := c.brand.Mix(c.paper, 0.8)
	c.circle(draw.Style{Fill: &tint, Stroke: &c.brand, Width: 1.0 * c.ws * c.k, Dash: []float64{1.8 * c.k * c.ws, 1.1 * c.k * c.ws}}, at, r)
	c.dot(c.ink, at, 1.2*c.ws)
	if label != "" {
		c.labels = append(c.labels, labelReq{text: label, at: at, dir: pt{0, 1}, gap: r + 3, size: 5.2 * math.Sqrt(c.s)})
	}
}

// areolaR is the areola's radius in this view, in view units.
func (c *canvas) areolaR() float64 {
	if c.view == "closeup" {
		return closeAreolaR
	}
	return frontAreolaR
}

// express draws hand expression: a hand from the outer side makes a C
// round the areola, thumb above and finger below, their tips pressing in
// toward the nipple, and drops of milk come from the nipple on the open
// side.
func (c *canvas) express(n pt, in float64) {
	s := 1.15
	if c.view == "closeup" {
		s = 2.45
	}
	x := xform{at: n, s: s, flip: in < 0}
	c.cHand(x)
	var as []arrow
	for _, y := range []float64{-1, 1} {
		as = append(as, arrow{path: []seg{line(x.p(pt{0.9, y * 5.4}), x.p(pt{0.9, y * 3.2}))}, w: thinW * c.ws, head: 2.4 * c.ws, push: true})
	}
	c.arrows(as...)
	c.drops(n, in)
}

// drops draws three milk drops spraying from the nipple p toward the open
// side of the hand.
func (c *canvas) drops(p pt, in float64) {
	ar := c.areolaR()
	for i, off := range []pt{{ar + 2.6*c.s, -1.2 * c.s}, {ar + 5.4*c.s, 1.8 * c.s}, {ar + 3*c.s, 5.2 * c.s}} {
		c.drop(p.add(pt{in * off.X, off.Y}), (1.25+0.15*float64(i%2))*c.s, false)
	}
}
