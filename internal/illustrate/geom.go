package illustrate

import "math"

// seg is one cubic Bézier in view units: start, two controls, end.
type seg [4]pt

// at is the point at parameter t (0 to 1).
func (s seg) at(t float64) pt {
	u := 1 - t
	return s[0].mul(u * u * u).add(s[1].mul(3 * u * u * t)).add(s[2].mul(3 * u * t * t)).add(s[3].mul(t * t * t))
}

// split cuts s at t into the part before and the part after.
func (s seg) split(t float64) (seg, seg) {
	p01, p12, p23 := lerp(s[0], s[1], t), lerp(s[1], s[2], t), lerp(s[2], s[3], t)
	p012, p123 := lerp(p01, p12, t), lerp(p12, p23, t)
	m := lerp(p012, p123, t)
	return seg{s[0], p01, p012, m}, seg{m, p123, p23, s[3]}
}

// length is the arc length of s in view units, to about 0.1%.
func (s seg) length() float64 {
	l, prev := 0.0, s[0]
	for i := 1; i <= 32; i++ {
		q := s.at(float64(i) / 32)
		l += q.sub(prev).len()
		prev = q
	}
	return l
}

// line is a straight segment from a to b as a cubic.
func line(a, b pt) seg { return seg{a, lerp(a, b, 1.0/3), lerp(a, b, 2.0/3), b} }

// curveThrough is a cubic from a to b bowed sideways by bow (view units,
// along the left-hand normal of a→b; negative bows the other way).
func curveThrough(a, b pt, bow float64) seg {
	n := b.sub(a).perp().unit().mul(bow * 4 / 3)
	return seg{a, lerp(a, b, 1.0/3).add(n), lerp(a, b, 2.0/3).add(n), b}
}

// trimEnd shortens the path so it stops d view units (straight-line
// distance) before its end. It returns the shortened path and the unit
// direction from the new end to the old end, for an arrowhead.
func trimEnd(path []seg, d float64) ([]seg, pt) {
	last := path[len(path)-1]
	tip := last[3]
	lo, hi := 0.0, 1.0
	if last[0].sub(tip).len() <= d {
		// the last piece is shorter than the cut: point along it
		return path, tip.sub(last[0]).unit()
	}
	for i := 0; i < 40; i++ {
		mid := (lo + hi) / 2
		if last.at(mid).sub(tip).len() > d {
			lo = mid
		} else {
			hi = mid
		}
	}
	head, _ := last.split(lo)
	out := append(append([]seg(nil), path[:len(path)-1]...), head)
	return out, tip.sub(head[3]).unit()
}

// reverse returns the path run backwards.
func reverse(path []seg) []seg {
	out := make([]seg, len(path))
	for i, s := range path {
		out[len(path)-1-i] = seg{s[3], s[2], s[1], s[0]}
	}
	return out
}

// arcSegs is a circular arc around ctr of radius r from angle a0 to a1
// (radians, clockwise on the page since y points down), as cubics.
func arcSegs(ctr pt, r, a0, a1 float64) []seg {
	n := int(math.Ceil(math.Abs(a1-a0) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	da := (a1 - a0) / float64(n)
	k := 4.0 / 3 * math.Tan(da/4)
	out := make([]seg, 0, n)
	for i := 0; i < n; i++ {
		a, b := a0+float64(i)*da, a0+float64(i+1)*da
		p0, p3 := polar(ctr, r, a), polar(ctr, r, b)
		t0 := pt{-math.Sin(a), math.Cos(a)}.mul(r * k)
		t1 := pt{-math.Sin(b), math.Cos(b)}.mul(r * k)
		out = append(out, seg{p0, p0.add(t0), p3.sub(t1), p3})
	}
	return out
}

// xform maps a glyph's own coordinates (x right, y down, origin at the
// glyph's anchor) into the view: scaled by s, rotated by rot radians
// (clockwise on the page), mirrored left to right first when flip is set,
// then moved to at.
type xform struct {
	at   pt
	s    float64
	rot  float64
	flip bool
}

func (x xform) p(q pt) pt {
	if x.flip {
		q.X = -q.X
	}
	sin, cos := math.Sincos(x.rot)
	return pt{x.at.X + x.s*(q.X*cos-q.Y*sin), x.at.Y + x.s*(q.X*sin+q.Y*cos)}
}

func (x xform) seg(s seg) seg { return seg{x.p(s[0]), x.p(s[1]), x.p(s[2]), x.p(s[3])} }

func (x xform) segs(ss ...seg) []seg {
	out := make([]seg, len(ss))
	for i, s := range ss {
		out[i] = x.seg(s)
	}
	return out
}
