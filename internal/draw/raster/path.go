package raster

import (
	"encoding/binary"
	"math"

	ftraster "github.com/golang/freetype/raster"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/draw"
)

// flatness is how far, in px, a flattened curve may stray from the curve:
// well under what anti-aliasing shows.
const flatness = 0.02

// pt is a point in px.
type pt struct{ x, y float64 }

// pather fills and strokes paths with freetype's rasterizer (an exact
// area-coverage scanline rasterizer) and paints its spans with painter.
// Its buffers are kept from one path to the next.
type pather struct {
	r     *ftraster.Rasterizer
	w, h  int
	pts   []pt  // the flattened subpaths, one after another
	subs  []int // the end of each subpath in pts
	dpts  []pt  // the dashes' points
	dsubs []int
	path  ftraster.Path
	paint painter
}

// setCanvas makes p draw into c.
func (p *pather) setCanvas(c *canvas) {
	w, h := c.img.Rect.Dx(), c.img.Rect.Dy()
	if p.r == nil || p.w != w || p.h != h {
		p.r = ftraster.NewRasterizer(w, h)
		p.w, p.h = w, h
	}
	p.paint.cv = c
}

// draw fills and strokes the path o, its coordinates (mm) scaled by s.
func (p *pather) draw(o *draw.PathOp, s float64) {
	if o.Style.Fill == nil && o.Style.Stroke == nil {
		return
	}
	p.flatten(o.Path, s)
	if c := o.Style.Fill; c != nil {
		p.path = p.path[:0]
		start := 0
		for _, end := range p.subs {
			sub := p.pts[start:end]
			start = end
			if len(sub) < 2 {
				continue
			}
			p.path.Start(sub[0].fixed())
			for _, q := range sub[1:] {
				p.path.Add1(q.fixed())
			}
			p.path.Add1(sub[0].fixed()) // a fill is closed
		}
		p.rasterize(*c)
	}
	if c := o.Style.Stroke; c != nil {
		pts, subs := p.pts, p.subs
		if len(o.Style.Dash) > 0 {
			p.dashes(o.Style.Dash, s)
			pts, subs = p.dpts, p.dsubs
		}
		p.path = p.path[:0]
		start := 0
		for _, end := range subs {
			addPolyline(&p.path, pts[start:end])
			start = end
		}
		p.r.Clear()
		p.r.UseNonZeroWinding = true
		width := fixed.Int26_6(math.Round(math.Max(o.Style.Width*s, 1) * 64))
		p.r.AddStroke(p.path, width, ftraster.RoundCapper, ftraster.RoundJoiner)
		p.paint.setColor(*c)
		p.r.Rasterize(&p.paint)
	}
}

// rasterize fills p.path (non-zero winding) with c.
func (p *pather) rasterize(c draw.Color) {
	p.r.Clear()
	p.r.UseNonZeroWinding = true
	p.r.AddPath(p.path)
	p.paint.setColor(c)
	p.r.Rasterize(&p.paint)
}

// addPolyline adds the points of one subpath to path, leaving out points
// within 1/8 px (in x plus y) of the one kept before: the stroker draws stray
// joins and caps around such tiny segments.
func addPolyline(path *ftraster.Path, sub []pt) {
	if len(sub) < 2 {
		return
	}
	prev := sub[0].fixed()
	path.Start(prev)
	for _, q := range sub[1:] {
		f := q.fixed()
		if abs26(f.X-prev.X)+abs26(f.Y-prev.Y) > 8 {
			path.Add1(f)
			prev = f
		}
	}
}

func abs26(v fixed.Int26_6) fixed.Int26_6 {
	if v < 0 {
		return -v
	}
	return v
}

func (q pt) fixed() fixed.Point26_6 {
	return fixed.Point26_6{X: fixed.Int26_6(math.Round(q.x * 64)), Y: fixed.Int26_6(math.Round(q.y * 64))}
}

// flatten turns path (mm) into polylines (px, scaled by s) in p.pts and
// p.subs: curves become as few straight pieces as keep within flatness of
// them. A closed subpath ends back at its start; a segment after a close
// continues from there, as in PDF.
func (p *pather) flatten(path *draw.Path, s float64) {
	p.pts, p.subs = p.pts[:0], p.subs[:0]
	var start, cur pt
	open := false // a subpath is under way
	for _, sg := range path.Segs {
		switch sg.Op {
		case 'M':
			if open {
				p.subs = append(p.subs, len(p.pts))
			}
			cur = pt{sg.P[0].X * s, sg.P[0].Y * s}
			start = cur
			p.pts = append(p.pts, cur)
			open = true
		case 'L':
			q := pt{sg.P[0].X * s, sg.P[0].Y * s}
			if !open {
				start, open = q, true
			}
			p.pts = append(p.pts, q)
			cur = q
		case 'C':
			c1 := pt{sg.P[0].X * s, sg.P[0].Y * s}
			c2 := pt{sg.P[1].X * s, sg.P[1].Y * s}
			q := pt{sg.P[2].X * s, sg.P[2].Y * s}
			if !open {
				start, cur, open = c1, c1, true
				p.pts = append(p.pts, cur)
			}
			p.pts = appendCubic(p.pts, cur, c1, c2, q)
			cur = q
		case 'Z':
			if open {
				p.pts = append(p.pts, start)
				cur = start
			}
		}
	}
	if open {
		p.subs = append(p.subs, len(p.pts))
	}
}

// appendCubic appends the cubic Bézier curve from a (not appended) through
// controls b, c to d as straight pieces, uniform in t; their number comes
// from the curve's second differences (Wang's formula), enough to keep
// every piece within flatness of the curve.
func appendCubic(pts []pt, a, b, c, d pt) []pt {
	ddx := math.Max(math.Abs(a.x-2*b.x+c.x), math.Abs(b.x-2*c.x+d.x))
	ddy := math.Max(math.Abs(a.y-2*b.y+c.y), math.Abs(b.y-2*c.y+d.y))
	n := int(math.Ceil(math.Sqrt(0.75 * math.Hypot(ddx, ddy) / flatness)))
	n = min(max(n, 1), 1000)
	for i := 1; i < n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		w0, w1, w2, w3 := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		pts = append(pts, pt{w0*a.x + w1*b.x + w2*c.x + w3*d.x, w0*a.y + w1*b.y + w2*c.y + w3*d.y})
	}
	return append(pts, d)
}

// dashes cuts the polylines in p.pts into the dashes of pattern (mm, on
// and off lengths from the start of each subpath, scaled by s) into p.dpts
// and p.dsubs.
func (p *pather) dashes(pattern []float64, s float64) {
	p.dpts, p.dsubs = p.dpts[:0], p.dsubs[:0]
	if len(pattern)%2 == 1 {
		pattern = append(pattern[:len(pattern):len(pattern)], pattern...)
	}
	total := 0.0
	for _, d := range pattern {
		total += d
	}
	if total <= 0 {
		p.dpts, p.dsubs = append(p.dpts, p.pts...), append(p.dsubs, p.subs...)
		return
	}
	start := 0
	for _, end := range p.subs {
		sub := p.pts[start:end]
		start = end
		if len(sub) < 2 {
			continue
		}
		k, left := 0, pattern[0]*s // dash k, px left of it
		on := true
		p.dpts = append(p.dpts, sub[0])
		for i := 1; i < len(sub); i++ {
			a, b := sub[i-1], sub[i]
			seg := math.Hypot(b.x-a.x, b.y-a.y)
			done := 0.0 // px of this segment behind
			for seg-done > left {
				done += left
				t := done / seg
				q := pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
				p.dpts = append(p.dpts, q) // a dash's end, or the next one's start
				if on {
					p.dsubs = append(p.dsubs, len(p.dpts))
				}
				on = !on
				k = (k + 1) % len(pattern)
				left = pattern[k] * s
			}
			left -= seg - done
			if on {
				p.dpts = append(p.dpts, b)
			}
		}
		if on {
			p.dsubs = append(p.dsubs, len(p.dpts))
		} else {
			p.dpts = p.dpts[:lastEnd(p.dsubs)] // the gap's lone start point
		}
	}
}

// lastEnd is the end of the last subpath in subs, 0 if none.
func lastEnd(subs []int) int {
	if len(subs) == 0 {
		return 0
	}
	return subs[len(subs)-1]
}

// painter paints a rasterizer's spans in one opaque colour over an RGBA
// image: covered pixels are set, edge pixels blended.
type painter struct {
	cv   *canvas
	c    [4]uint32 // r, g, b, a (255)
	full uint32    // the colour's pixel, little-endian
}

func (p *painter) setColor(c draw.Color) {
	p.c = [4]uint32{uint32(c.R), uint32(c.G), uint32(c.B), 255}
	p.full = uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 255<<24
}

// Paint implements ftraster.Painter.
func (p *painter) Paint(ss []ftraster.Span, done bool) {
	img := p.cv.img
	b := img.Rect
	for _, s := range ss {
		if s.Y < b.Min.Y {
			continue
		}
		if s.Y >= b.Max.Y {
			return
		}
		x0, x1 := max(s.X0, b.Min.X), min(s.X1, b.Max.X)
		if x0 >= x1 || s.Alpha == 0 {
			continue
		}
		p.cv.mark(s.Y, x0, x1)
		i := (s.Y-b.Min.Y)*img.Stride + (x0-b.Min.X)*4
		row := img.Pix[i : i+(x1-x0)*4]
		if s.Alpha >= 0xffff {
			fillRow(row, p.full)
			continue
		}
		blendRow(row, &p.c, s.Alpha)
	}
}

// fillRow sets every pixel of row to v (RGBA, little-endian).
func fillRow(row []byte, v uint32) {
	if len(row) < 4 {
		return
	}
	binary.LittleEndian.PutUint32(row, v)
	for n := 4; n < len(row); n *= 2 {
		copy(row[n:], row[:n])
	}
}

// blendRow paints c at coverage a (of 0xffff) over every pixel of row.
func blendRow(row []byte, c *[4]uint32, a uint32) {
	for i := 0; i+4 <= len(row); i += 4 {
		blend(row[i:i+4:i+4], c, a)
	}
}

// blend paints c (8 bits a channel) at coverage a (of 0xffff) over the
// pixel px, in 16 bits a channel and truncated back to 8, as freetype's
// painter and image/draw's glyph drawing do.
func blend(px []byte, c *[4]uint32, a uint32) {
	const m = 0xffff
	ia := (m - a) * 0x101
	px[0] = uint8((uint32(px[0])*ia + c[0]*0x101*a) / m >> 8)
	px[1] = uint8((uint32(px[1])*ia + c[1]*0x101*a) / m >> 8)
	px[2] = uint8((uint32(px[2])*ia + c[2]*0x101*a) / m >> 8)
	px[3] = uint8((uint32(px[3])*ia + c[3]*0x101*a) / m >> 8)
}
