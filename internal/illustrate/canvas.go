package illustrate

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
)

// occN is the side of the occupancy grid: one cell per view unit.
const occN = 100

// canvas draws in view units onto a page box, and remembers which parts of
// the view are already drawn on, so labels and icons go where they do not
// cover a line.
type canvas struct {
	pg    *draw.Page
	ox    float64 // mm, left of the view square
	oy    float64 // mm, top of the view square
	k     float64 // mm per view unit
	ink   draw.Color
	brand draw.Color
	paper draw.Color

	view string
	s    float64 // size of marks in this view, relative to the front view
	ws   float64 // width of mark lines in this view, relative to the front view

	// occ is the cells drawn on, once marked: made when a label or icon
	// first asks for a place (most pictures have none)
	occ    *[occN * occN]bool
	unocc  []painted  // paths drawn but not yet marked in occ
	occPts []pt       // scratch for markOcc
	occXs  []float64  // scratch for markOcc
	icons  []string   // stand-alone pictograms, placed last
	labels []labelReq // count and clock labels, placed very last
	// crowded names the labels and icons that found no free place and
	// were drawn over something
	crowded []string
}

func (c *canvas) p(q pt) (float64, float64) { return c.ox + q.X*c.k, c.oy + q.Y*c.k }

func (c *canvas) bodyStyle() draw.Style { return draw.Stroked(c.ink, 0.9*c.k) }
func (c *canvas) thin() draw.Style      { return draw.Stroked(c.ink, 0.6*c.k) }

// stroke is the brand colour at w view units.
func (c *canvas) stroke(w float64) draw.Style { return draw.Stroked(c.brand, w*c.k) }

// outlined is a paper-filled shape with a brand outline w view units wide:
// it hides the body lines behind it.
func (c *canvas) outlined(w float64) draw.Style {
	return draw.Style{Fill: &c.paper, Stroke: &c.brand, Width: w * c.k}
}

func (c *canvas) curve(s draw.Style, a, b, d, e pt) {
	c.poly(s, seg{a, b, d, e})
}

func (c *canvas) poly(s draw.Style, segs ...seg) { c.shape(s, false, segs...) }

// shape records a path of cubics, closed if asked, and marks the cells it
// covers as used.
func (c *canvas) shape(s draw.Style, closed bool, segs ...seg) {
	if len(segs) == 0 {
		return
	}
	p := &draw.Path{Segs: make([]draw.Seg, 0, len(segs)+2)}
	p.MoveTo(c.p(segs[0][0]))
	for i, sg := range segs {
		if i > 0 && sg[0] != segs[i-1][3] {
			p.LineTo(c.p(sg[0]))
		}
		x1, y1 := c.p(sg[1])
		x2, y2 := c.p(sg[2])
		x3, y3 := c.p(sg[3])
		p.CubeTo(x1, y1, x2, y2, x3, y3)
	}
	if closed {
		p.Close()
	}
	c.pg.Path(p, s)
	c.occupy(s, segs)
}

func (c *canvas) line(s draw.Style, pts ...pt) {
	p := &draw.Path{Segs: make([]draw.Seg, 0, len(pts))}
	p.MoveTo(c.p(pts[0]))
	segs := make([]seg, 0, len(pts)-1)
	for i, q := range pts[1:] {
		p.LineTo(c.p(q))
		segs = append(segs, line(pts[i], q))
	}
	c.pg.Path(p, s)
	c.occupy(s, segs)
}

// polygon records a closed polygon through pts.
func (c *canvas) polygon(s draw.Style, pts ...pt) {
	p := &draw.Path{Segs: make([]draw.Seg, 0, len(pts)+1)}
	p.MoveTo(c.p(pts[0]))
	segs := make([]seg, 0, len(pts))
	for i, q := range pts[1:] {
		p.LineTo(c.p(q))
		segs = append(segs, line(pts[i], q))
	}
	segs = append(segs, line(pts[len(pts)-1], pts[0]))
	c.pg.Path(p.Close(), s)
	c.occupy(s, segs)
}

func (c *canvas) circle(s draw.Style, ctr pt, r float64) {
	c.shape(s, true, arcSegs(ctr, r, 0, 2*math.Pi)...)
}

func (c *canvas) dot(col draw.Color, ctr pt, r float64) {
	c.circle(draw.Filled(col), ctr, r)
}

// painted is a filled path, or one segment of a stroked one, waiting to be
// marked in the occupancy grid, with the cells it can mark at most (its
// control points' box, widened by the marking radius and a cell for
// rounding).
type painted struct {
	segs           []seg
	r              float64 // marking radius round the outline, view units
	fill           bool
	x0, y0, x1, y1 int16
}

// occupy notes a painted path; cells are marked only when a label or icon
// asks whether they are free, and then only for the paths that can reach
// them (most pictures have no label).
func (c *canvas) occupy(s draw.Style, segs []seg) {
	r := c.occRadius(s)
	if s.Fill != nil {
		c.unocc = append(c.unocc, notePainted(segs, r, true))
		return
	}
	// a stroke marks round each segment on its own: a label asks only
	// about the segments near it
	for i := range segs {
		c.unocc = append(c.unocc, notePainted(segs[i:i+1], r, false))
	}
}

func notePainted(segs []seg, r float64, fill bool) painted {
	lo, hi := segs[0][0], segs[0][0]
	for _, sg := range segs {
		for _, q := range sg {
			lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
			hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
		}
	}
	cell := func(v float64) int16 { return int16(max(-2, min(occN+1, math.Floor(v)))) }
	return painted{segs: segs, r: r, fill: fill,
		x0: cell(lo.X-r) - 1, y0: cell(lo.Y-r) - 1, x1: cell(hi.X+r) + 1, y1: cell(hi.Y+r) + 1}
}

// flushOcc marks the noted paths that can reach the cells x0..x1, y0..y1
// in the grid. The grid is the union of what every path marks, whatever
// the order they are marked in.
func (c *canvas) flushOcc(x0, y0, x1, y1 int) {
	c.grid()
	keep := c.unocc[:0]
	for _, p := range c.unocc {
		if int(p.x1) < x0 || int(p.x0) > x1 || int(p.y1) < y0 || int(p.y0) > y1 {
			keep = append(keep, p)
			continue
		}
		c.markOcc(p)
	}
	clear(c.unocc[len(keep):])
	c.unocc = keep
}

// occRadius is how far round its outline a path marks cells, in view units.
func (c *canvas) occRadius(s draw.Style) float64 {
	r := 0.5
	if s.Stroke != nil {
		r = math.Max(r, s.Width/c.k/2+0.3)
	}
	return r
}

// markOcc marks the cells a painted path covers: along its stroke, and
// inside it when it is filled.
func (c *canvas) markOcc(p painted) {
	pts := c.occPts[:0]
	for _, sg := range p.segs {
		n := int(math.Ceil(sg.length()/0.5)) + 1
		for i := 0; i <= n; i++ {
			pts = append(pts, sg.at(float64(i)/float64(n)))
		}
	}
	c.occPts = pts
	for _, q := range pts {
		c.occupyDisc(q, p.r)
	}
	if !p.fill {
		return
	}
	// scanline fill of the sampled outline, over the rows it spans
	minY, maxY := pts[0].Y, pts[0].Y
	for _, q := range pts {
		minY, maxY = math.Min(minY, q.Y), math.Max(maxY, q.Y)
	}
	xs := c.occXs
	for y := max(0, int(math.Floor(minY-0.5))); y < occN && float64(y)+0.5 < maxY; y++ {
		yc := float64(y) + 0.5
		xs = xs[:0]
		for i := range pts {
			a, b := pts[i], pts[(i+1)%len(pts)]
			if (a.Y <= yc) != (b.Y <= yc) {
				xs = append(xs, a.X+(yc-a.Y)/(b.Y-a.Y)*(b.X-a.X))
			}
		}
		sortFloats(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			for x := int(math.Floor(xs[i])); x <= int(math.Floor(xs[i+1])); x++ {
				c.setCell(x, y)
			}
		}
	}
	c.occXs = xs
}

func (c *canvas) occupyDisc(q pt, r float64) {
	x0, x1 := max(0, int(math.Floor(q.X-r))), min(occN-1, int(math.Floor(q.X+r)))
	y0, y1 := max(0, int(math.Floor(q.Y-r))), min(occN-1, int(math.Floor(q.Y+r)))
	for y := y0; y <= y1; y++ {
		dy := clamp(q.Y, float64(y), float64(y+1)) - q.Y
		row := c.occ[y*occN : (y+1)*occN]
		for x := x0; x <= x1; x++ {
			if row[x] {
				continue // marked already
			}
			// from q to the nearest point of the cell
			if within(clamp(q.X, float64(x), float64(x+1))-q.X, dy, r) {
				row[x] = true
			}
		}
	}
}

// clamp is v held between lo and hi.
func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// within reports math.Hypot(dx, dy) <= r, calling Hypot only where the
// plain sum of squares is too close to r² to decide: the squares are
// off by a few ulps at most, the margin is a billionth.
func within(dx, dy, r float64) bool {
	d2, r2 := dx*dx+dy*dy, r*r
	switch {
	case d2 < r2*(1-1e-9):
		return true
	case d2 > r2*(1+1e-9):
		return false
	}
	return math.Hypot(dx, dy) <= r
}

// set marks a cell as used (by a placed label or icon).
func (c *canvas) set(x, y int) { c.setCell(x, y) }

func (c *canvas) setCell(x, y int) {
	if x >= 0 && x < occN && y >= 0 && y < occN {
		c.grid()[y*occN+x] = true
	}
}

// grid is the occupancy grid, made on first use.
func (c *canvas) grid() *[occN * occN]bool {
	if c.occ == nil {
		c.occ = new([occN * occN]bool)
	}
	return c.occ
}

// free reports whether the rectangle from a to b (view units) lies inside
// the view and covers no drawn cell.
func (c *canvas) free(a, b pt) bool {
	if a.X < 0.5 || a.Y < 0.5 || b.X > occN-0.5 || b.Y > occN-0.5 {
		return false
	}
	x0, y0, x1, y1 := int(math.Floor(a.X)), int(math.Floor(a.Y)), int(math.Floor(b.X)), int(math.Floor(b.Y))
	if c.taken(x0, y0, x1, y1) {
		return false
	}
	c.flushOcc(x0, y0, x1, y1)
	return !c.taken(x0, y0, x1, y1)
}

// taken reports whether a cell of x0..x1, y0..y1 is marked.
func (c *canvas) taken(x0, y0, x1, y1 int) bool {
	g := c.grid()
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if g[y*occN+x] {
				return true
			}
		}
	}
	return false
}

// sortFloats sorts a short slice in place.
func sortFloats(xs []float64) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
