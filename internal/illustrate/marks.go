package illustrate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/routine"
)

// Colors are the illustration's colours: body lines (ink), marks (brand,
// which only tints: every mark also differs by shape) and the background.
type Colors struct {
	Ink, Brand, Paper draw.Color
}

// Draw renders il into the box at (x, y) of w×h mm on pg, keeping the view
// square and centred.
func Draw(pg *draw.Page, il routine.Illustration, x, y, w, h float64, col Colors) error {
	side := math.Min(w, h)
	c := &canvas{pg: pg, ox: x + (w-side)/2, oy: y + (h-side)/2, k: side / 100,
		ink: col.Ink, brand: col.Brand, paper: col.Paper}
	switch il.View {
	case "", "front":
		c.drawFront()
	case "closeup":
		c.drawCloseup()
	default:
		return fmt.Errorf("illustrate: unknown view %q", il.View)
	}
	c.slot = 0
	for _, m := range il.Marks {
		if err := c.mark(il.View, m); err != nil {
			return err
		}
	}
	return nil
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

func (c *canvas) mark(view string, m routine.Mark) error {
	if view == "closeup" {
		// one breast only: draw the mark once
		m.Side = "right"
	}
	for _, side := range sides(m) {
		at := landmark(view, m.At, side)
		out := 1.0 // direction away from the midline, in x
		if side == "left" {
			out = -1
		}
		switch m.Kind {
		case "sweep", "glide":
			c.sweep(view, m, side)
		case "circles":
			c.circles(at, 4.2, out, m.Count)
		case "fingertip-circles":
			for i := 0; i < 3; i++ {
				c.circles(polar(at, 4, float64(i)*2*math.Pi/3-math.Pi/2), 2.2, out, 0)
			}
			c.fingertips(at, 1)
			c.countLabel(at.add(pt{-out * 8, -7}), m.Count)
		case "butterfly":
			c.butterfly(view, at, out)
		case "press":
			c.press(view, at)
		case "roll":
			c.roll(view, at, false)
		case "roll-side":
			c.roll(view, at, true)
		case "knead":
			c.knead(view, at)
		case "tap":
			c.tap(at)
		case "nipple-roll":
			c.nippleRoll(view, at)
		case "opposing":
			if err := c.opposing(view, at, m); err != nil {
				return err
			}
		case "hand":
			c.hand(at, m.Hand)
		case "zone":
			c.zone(view, at, m.Label)
		case "warm", "cold":
			if m.At != "" {
				c.compress(at, m.Kind == "warm", 11)
			} else {
				c.icon(m.Kind)
				return nil
			}
		case "express":
			c.express(view, at, side)
		case "feed":
			c.feed(view, side)
			return nil
		case "pump":
			c.pump(view, side)
			return nil
		default:
			c.icon(m.Kind)
			return nil
		}
		if view == "closeup" {
			break
		}
	}
	return nil
}

func (c *canvas) markStyle() draw.Style { return draw.Stroked(c.brand, 1.3*c.k) }

// arrow draws a cubic from a to b through controls p1, p2, with a start dot
// and an arrowhead at b.
func (c *canvas) arrow(a, p1, p2, b pt, width float64) {
	s := draw.Stroked(c.brand, width*c.k)
	head := 3.2 * width / 1.3
	dir := b.sub(p2)
	if dir.len() < 1e-6 {
		dir = b.sub(a)
	}
	u := dir.unit()
	// stop the line short of the tip so the head stays sharp
	end := b.sub(u.mul(head * 0.6))
	c.poly(s, seg{a, p1, p2, end})
	c.dot(c.brand, a, width*1.1)
	c.arrowHead(b, u, head)
}

func (c *canvas) arrowHead(tip, u pt, size float64) {
	n := u.perp()
	base := tip.sub(u.mul(size))
	l, r := base.add(n.mul(size*0.55)), base.sub(n.mul(size*0.55))
	p := &draw.Path{}
	p.MoveTo(c.p(tip))
	p.LineTo(c.p(l))
	p.LineTo(c.p(r))
	p.Close()
	c.pg.Path(p, draw.Filled(c.brand))
}

// sweep draws broad strokes from m.From to m.To: three parallel arrows for a
// flat palm, one otherwise; dashed for a light glide over the skin.
func (c *canvas) sweep(view string, m routine.Mark, side string) {
	a, b := landmark(view, m.From, side), landmark(view, m.To, side)
	d := b.sub(a)
	n := d.perp().unit()
	// bow the stroke away from the midline
	if (n.X < 0) != (a.X < 50 || side == "right" && a.X == 50) {
		n = n.mul(-1)
	}
	bow := n.mul(d.len() * 0.18)
	lanes := []float64{0}
	if m.Hand == "palm" || m.Hand == "" && m.Kind == "sweep" {
		lanes = []float64{-4.5, 0, 4.5}
	}
	width := 1.3
	if m.Kind == "glide" {
		width = 0.9
	}
	for _, off := range lanes {
		o := n.mul(off)
		aa, bb := a.add(o), b.add(o)
		p1 := lerp(aa, bb, 0.33).add(bow)
		p2 := lerp(aa, bb, 0.66).add(bow)
		c.arrow(aa, p1, p2, bb, width)
	}
	mid := lerp(a, b, 0.5).add(bow).add(n.mul(9))
	c.countLabel(mid, m.Count)
}

// circles draws a circle of radius r at ctr that ends in an arrowhead,
// turning clockwise on the reader's left and anticlockwise on the right.
func (c *canvas) circles(ctr pt, r, out float64, count int) {
	dir := -out // mirror the turn on the other side
	a0 := -math.Pi / 2
	a1 := a0 + dir*1.7*math.Pi
	p := &draw.Path{}
	steps := 24
	for i := 0; i <= steps; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(steps)
		x, y := c.p(polar(ctr, r, a))
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	c.pg.Path(p, c.markStyle())
	c.dot(c.brand, polar(ctr, r, a0), 1.3)
	tip := polar(ctr, r, a1)
	tangent := pt{-math.Sin(a1), math.Cos(a1)}.mul(dir)
	c.arrowHead(tip.add(tangent.mul(1.2)), tangent, 3)
	c.countLabel(ctr.add(pt{-out * (r + 6.5), -r - 1}), count)
}

// countLabel writes "×N" at p (centre of the label), if n > 0.
func (c *canvas) countLabel(p pt, n int) {
	if n <= 0 {
		return
	}
	c.label(p, "×"+strconv.Itoa(n), 5.2)
}

// label writes short language-neutral text (digits, ×) centred at p with
// a paper-coloured halo so it stays readable over lines.
func (c *canvas) label(p pt, s string, size float64) {
	pt := size * c.k / fonts.PtToMM // size units → points
	w := float64(len([]rune(s))) * 0.62 * size * c.k
	x, y := c.p(p)
	c.pg.Path(draw.RoundRect(x-w/2-0.8*c.k, y-size*c.k*0.62, w+1.6*c.k, size*c.k*1.25, size*c.k*0.3), draw.Filled(c.paper))
	c.pg.Text(x-w/2, y+size*c.k*0.36, pt, c.brand, draw.Run{Font: fonts.Bold, Text: s})
}

// fingertips draws n fingertip dots at p.
func (c *canvas) fingertips(p pt, n int) {
	for i := 0; i < n; i++ {
		q := p.add(pt{float64(i-(n-1)/2) * 3, 0})
		c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}, q, 1.6)
	}
}

func (c *canvas) areolaR(view string) float64 {
	if view == "closeup" {
		return closeAreolaR
	}
	return frontAreolaR
}

// press draws fingertips around the point with arrows pushing inward.
func (c *canvas) press(view string, at pt) {
	r := c.areolaR(view) * 1.9
	for i := 0; i < 4; i++ {
		a := float64(i)*math.Pi/2 + math.Pi/4
		from := polar(at, r*1.9, a)
		to := polar(at, r*1.15, a)
		c.arrow(from, lerp(from, to, 0.33), lerp(from, to, 0.66), to, 1.1)
		c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}, polar(at, r, a), r*0.28)
	}
}

// butterfly draws strokes fanning out from the chest wall over the breast
// toward the side.
func (c *canvas) butterfly(view string, at pt, out float64) {
	base := at.add(pt{out * 9, 0})
	for i := -1; i <= 1; i++ {
		a := base.add(pt{0, float64(i) * 7})
		b := a.add(pt{-out * 17, float64(i) * 5})
		c.arrow(a, lerp(a, b, 0.33).add(pt{0, -3}), lerp(a, b, 0.66).add(pt{0, -3}), b, 1.1)
	}
}

// roll draws a hand above and below the breast (or either side of it) and
// a curved arrow showing the roll.
func (c *canvas) roll(view string, at pt, sideways bool) {
	r := 16.0
	if view == "closeup" {
		r = 38
	}
	if sideways {
		l, rt := at.add(pt{-r, 0}), at.add(pt{r, 0})
		c.palm(l.add(pt{-2, 0}), r/16)
		c.palm(rt.add(pt{2, 0}), r/16)
		c.arrow(l.add(pt{4, -r * 0.7}), at.add(pt{-r * 0.4, -r * 1.05}), at.add(pt{r * 0.4, -r * 1.05}), rt.add(pt{-4, -r * 0.7}), 1.3)
		return
	}
	top, bot := at.add(pt{0, -r * 0.85}), at.add(pt{0, r * 0.95})
	c.palm(top, r/16)
	c.palm(bot, r/16)
	c.arrow(top.add(pt{r * 0.8, 2}), at.add(pt{r * 1.25, -r * 0.4}), at.add(pt{r * 1.25, r * 0.4}), bot.add(pt{r * 0.8, -2}), 1.3)
}

// knead draws two soft fists either side of the breast with a two-way arrow.
func (c *canvas) knead(view string, at pt) {
	r := 13.0
	if view == "closeup" {
		r = 34
	}
	c.fist(at.add(pt{-r, 0}), r/13)
	c.fist(at.add(pt{r, 0}), r/13)
	y := at.Y - r*0.75
	a, b := pt{at.X - r*0.6, y}, pt{at.X + r*0.6, y}
	c.arrow(a, lerp(a, b, 0.33), lerp(a, b, 0.66), b, 1.1)
	c.arrowHead(a.sub(pt{1.5, 0}), pt{-1, 0}, 3)
}

// tap draws a fingertip with short impact lines.
func (c *canvas) tap(at pt) {
	c.fingertips(at, 1)
	for i := 0; i < 5; i++ {
		a := -math.Pi/2 + float64(i-2)*0.55
		c.line(draw.Stroked(c.brand, 1*c.k), polar(at, 3.2, a), polar(at, 6, a))
	}
}

// nippleRoll draws two fingertips on the nipple and a two-way turning arrow.
func (c *canvas) nippleRoll(view string, at pt) {
	r := c.areolaR(view)
	c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}, at.add(pt{-r * 0.45, 0}), r*0.3)
	c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}, at.add(pt{r * 0.45, 0}), r*0.3)
	for _, s := range []float64{-1, 1} {
		a0, a1 := -math.Pi/2-s*0.3, -math.Pi/2-s*1.2
		p := &draw.Path{}
		rr := r * 1.25
		p.Arc(c.ox+at.X*c.k, c.oy+at.Y*c.k, rr*c.k, rr*c.k, a0, a1)
		c.pg.Path(p, c.markStyle())
		tangent := pt{-math.Sin(a1), math.Cos(a1)}.mul(-s)
		c.arrowHead(polar(at, rr, a1).add(tangent.mul(1)), tangent, 2.6)
	}
}

// opposing draws a clock face round the areola with two fingertips at the
// named positions (e.g. "12-6") pressing toward each other.
func (c *canvas) opposing(view string, at pt, m routine.Mark) error {
	r := c.areolaR(view) * 1.45
	pairs := strings.Split(m.Clock, ",")
	if m.Clock == "" {
		pairs = []string{"12-6"}
	}
	for i := 0; i < 12; i++ {
		a := float64(i)*math.Pi/6 - math.Pi/2
		c.line(draw.Stroked(c.ink, 0.5*c.k), polar(at, r*1.25, a), polar(at, r*1.4, a))
	}
	for _, pair := range pairs {
		hs := strings.Split(strings.TrimSpace(pair), "-")
		if len(hs) != 2 {
			return fmt.Errorf("%s: clock %q: write positions as 12-6 (several: 12-6,3-9)", m.Pos, m.Clock)
		}
		var ps [2]pt
		for j, h := range hs {
			n, err := strconv.Atoi(h)
			if err != nil || n < 1 || n > 12 {
				return fmt.Errorf("%s: clock %q: hours are 1 to 12", m.Pos, m.Clock)
			}
			a := float64(n)*math.Pi/6 - math.Pi/2
			ps[j] = polar(at, r, a)
			c.label(polar(at, r*1.75, a), h, 4.5)
		}
		c.line(draw.Style{Stroke: &c.brand, Width: 0.6 * c.k, Dash: []float64{1.2 * c.k, 1.2 * c.k}}, ps[0], ps[1])
		for _, p := range ps {
			u := at.sub(p).unit()
			c.arrowHead(p.add(u.mul(r*0.45)), u, 2.6)
			c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 1 * c.k}, p, 2.2)
		}
	}
	return nil
}

// hand draws a hand placed at p: a flat palm, fingertips or a soft fist.
func (c *canvas) hand(p pt, kind string) {
	switch kind {
	case "fingertips":
		c.fingertips(p, 3)
	case "fist":
		c.fist(p, 1)
	default:
		c.palm(p, 1)
	}
}

// palm draws an open hand outline centred at p, scaled by s.
func (c *canvas) palm(p pt, s float64) {
	st := draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}
	x, y := c.p(p.add(pt{-5 * s, -3 * s}))
	c.pg.Path(draw.RoundRect(x, y, 10*s*c.k, 9*s*c.k, 3*s*c.k), st)
	for i, l := range []float64{6, 7.5, 7, 5.5} {
		fx, fy := c.p(p.add(pt{(-4.6 + float64(i)*2.4) * s, (-3 - l) * s}))
		c.pg.Path(draw.RoundRect(fx, fy, 2.2*s*c.k, (l+2)*s*c.k, 1.1*s*c.k), st)
	}
}

// fist draws a soft fist centred at p, scaled by s: knuckles and a thumb.
func (c *canvas) fist(p pt, s float64) {
	st := draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.9 * c.k}
	x, y := c.p(p.add(pt{-5 * s, -5 * s}))
	c.pg.Path(draw.RoundRect(x, y, 10*s*c.k, 10*s*c.k, 3.5*s*c.k), st)
	for i := 1; i < 4; i++ {
		xx := -5 + 2.5*float64(i)
		c.line(draw.Stroked(c.brand, 0.7*c.k), p.add(pt{xx * s, -5 * s}), p.add(pt{xx * s, -2 * s}))
	}
	c.curve(draw.Stroked(c.brand, 0.7*c.k), p.add(pt{-4 * s, 1 * s}), p.add(pt{-1 * s, 0}), p.add(pt{2 * s, 1 * s}), p.add(pt{4 * s, 3 * s}))
}

// zone highlights an area: a dashed ring with a light tint.
func (c *canvas) zone(view string, at pt, label string) {
	r := 6.5
	if view == "closeup" {
		r = 10
	}
	tint := c.brand.Mix(c.paper, 0.8)
	c.circle(draw.Style{Fill: &tint, Stroke: &c.brand, Width: 0.7 * c.k, Dash: []float64{1.5 * c.k, 1 * c.k}}, at, r)
	// a tender lump: a small firm knot
	c.dot(c.ink, at, 1.2)
	if label != "" {
		c.label(at.add(pt{0, r + 4}), label, 4.5)
	}
}

// compress draws a folded cloth over p with heat waves (warm) or a
// snowflake (cold), so the two differ without colour.
func (c *canvas) compress(p pt, warm bool, w float64) {
	x, y := c.p(p.add(pt{-w / 2, -w * 0.35}))
	tint := c.brand.Mix(c.paper, 0.85)
	c.pg.Path(draw.RoundRect(x, y, w*c.k, w*0.7*c.k, 1.5*c.k), draw.Style{Fill: &tint, Stroke: &c.brand, Width: 0.8 * c.k})
	for i := 1; i < 3; i++ {
		yy := p.Y - w*0.35 + w*0.7*float64(i)/3
		c.line(draw.Stroked(c.brand, 0.4*c.k), pt{p.X - w/2 + 1, yy}, pt{p.X + w/2 - 1, yy})
	}
	top := p.add(pt{0, -w*0.35 - 2})
	if warm {
		for i := -1; i <= 1; i++ {
			b := top.add(pt{float64(i) * 3.2, 0})
			c.curve(draw.Stroked(c.brand, 0.9*c.k), b, b.add(pt{-1.6, -2}), b.add(pt{1.6, -3.5}), b.add(pt{0, -6}))
		}
		return
	}
	ctr := top.add(pt{0, -3.5})
	for i := 0; i < 3; i++ {
		a := float64(i) * math.Pi / 3
		c.line(draw.Stroked(c.brand, 0.9*c.k), polar(ctr, 3.2, a), polar(ctr, 3.2, a+math.Pi))
	}
}

// express draws a C-shaped thumb and finger either side of the areola
// pressing in, and drops of milk from the nipple.
func (c *canvas) express(view string, at pt, side string) {
	r := c.areolaR(view) * 2.2
	for _, a := range []float64{-math.Pi / 2, math.Pi / 2} {
		p := polar(at, r, a)
		c.circle(draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 1 * c.k}, p, r*0.3)
		u := at.sub(p).unit()
		c.arrowHead(p.add(u.mul(r*0.6)), u, 2.4)
	}
	c.drops(at, view)
}

// drops draws three milk drops falling from p.
func (c *canvas) drops(p pt, view string) {
	s := 1.0
	if view == "closeup" {
		s = 2
	}
	for i, off := range []pt{{-2.2, 5}, {2.2, 6.5}, {0, 9.5}} {
		c.drop(p.add(off.mul(s)), (1.0+0.2*float64(i%2))*s)
	}
}

// drop draws one teardrop (point up) centred at p.
func (c *canvas) drop(p pt, r float64) {
	path := &draw.Path{}
	x, y := c.p(p)
	k := c.k
	path.MoveTo(x, y-2.2*r*k)
	path.CubeTo(x+0.3*r*k, y-1.4*r*k, x+r*k, y-0.6*r*k, x+r*k, y)
	path.Arc(x, y, r*k, r*k, 0, math.Pi)
	path.CubeTo(x-r*k, y-0.6*r*k, x-0.3*r*k, y-1.4*r*k, x, y-2.2*r*k)
	c.pg.Path(path.Close(), draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 0.7 * k})
}

// feed draws a baby's head at the breast (nose to the nipple).
func (c *canvas) feed(view string, side string) {
	at := landmark(view, "nipple", side)
	r := 9.0
	dir := -1.0 // toward the reader's left for the person's right breast
	if side == "left" {
		dir = 1
	}
	if view == "closeup" {
		r, dir = 20, 1
	}
	head := at.add(pt{dir * r * 0.95, r * 0.55})
	st := draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 1.1 * c.k}
	c.circle(st, head, r)
	// closed eye, ear and mouth toward the nipple
	c.curve(draw.Stroked(c.brand, 0.8*c.k), head.add(pt{-dir * r * 0.55, -r * 0.2}), head.add(pt{-dir * r * 0.45, -r * 0.05}), head.add(pt{-dir * r * 0.25, -r * 0.05}), head.add(pt{-dir * r * 0.15, -r * 0.2}))
	c.circle(draw.Stroked(c.brand, 0.8*c.k), head.add(pt{dir * r * 0.2, 0}), r*0.22)
	c.drops(at.add(pt{-dir * 3, -12}), view)
}

// pump draws a breast-pump flange over the nipple with a tube to a bottle.
func (c *canvas) pump(view string, side string) {
	at := landmark(view, "nipple", side)
	s := 1.0
	if view == "closeup" {
		s = 2.6
	}
	st := draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 1 * c.k}
	p := &draw.Path{}
	pts := []pt{{-5, -5}, {5, -5}, {2, 3}, {2, 9}, {-2, 9}, {-2, 3}}
	for i, q := range pts {
		x, y := c.p(at.add(q.mul(s)))
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	c.pg.Path(p.Close(), st)
	bx, by := c.p(at.add(pt{-3.5, 9}.mul(s)))
	c.pg.Path(draw.RoundRect(bx, by, 7*s*c.k, 10*s*c.k, 1.5*s*c.k), st)
	c.drop(at.add(pt{0, 15}.mul(s)), 1*s)
}

// icon draws a stand-alone pictogram in the next free corner of the view.
func (c *canvas) icon(kind string) {
	corners := []pt{{89, 10}, {11, 10}, {89, 90}, {11, 90}}
	p := corners[c.slot%len(corners)]
	c.slot++
	st := draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: 1 * c.k}
	thin := draw.Stroked(c.brand, 0.9*c.k)
	switch kind {
	case "warm", "cold":
		c.compress(p.add(pt{0, 3}), kind == "warm", 12)
	case "oil":
		c.drop(p.add(pt{0, 2}), 3.2)
		c.drop(p.add(pt{-6, 6}), 1.4)
	case "breathe":
		// air flowing in and out, and a belly rising
		for i := 0; i < 2; i++ {
			y := p.Y - 3 + float64(i)*5
			c.curve(thin, pt{p.X - 7, y}, pt{p.X - 3, y - 3}, pt{p.X + 1, y + 3}, pt{p.X + 5, y})
		}
		c.arrowHead(pt{p.X + 8, p.Y + 2}, pt{1, 0}, 2.6)
		c.belly()
	case "timer":
		c.circle(st, p, 6)
		c.line(thin, p, p.add(pt{0, -4}))
		c.line(thin, p, p.add(pt{3, 0}))
		c.line(draw.Stroked(c.brand, 1.2*c.k), p.add(pt{-1.5, -7.5}), p.add(pt{1.5, -7.5}))
	case "sit":
		// a reclined chair
		c.line(draw.Stroked(c.brand, 1.2*c.k), p.add(pt{-7, -7}), p.add(pt{-3, 3}), p.add(pt{7, 3}))
		c.line(draw.Stroked(c.brand, 1.2*c.k), p.add(pt{-3, 3}), p.add(pt{-4, 8}))
		c.line(draw.Stroked(c.brand, 1.2*c.k), p.add(pt{6, 3}), p.add(pt{7, 8}))
	case "talk":
		x, y := c.p(p.add(pt{-8, -6}))
		c.pg.Path(draw.RoundRect(x, y, 16*c.k, 10*c.k, 3*c.k), st)
		c.line(thin, p.add(pt{-4, 4}), p.add(pt{-6, 8}), p.add(pt{0, 4}))
		for i := -1; i <= 1; i++ {
			c.dot(c.brand, p.add(pt{float64(i) * 4, -1}), 0.9)
		}
	default: // express, feed or pump without a body view: a drop
		c.drop(p, 3)
	}
}

// belly draws arrows at the belly showing it rise with each breath.
func (c *canvas) belly() {
	for _, s := range []float64{-1, 1} {
		a := pt{50 + s*6, 88}
		b := pt{50 + s*14, 88}
		c.arrow(a, lerp(a, b, 0.33).add(pt{0, -2}), lerp(a, b, 0.66).add(pt{0, -2}), b, 1.1)
	}
}
