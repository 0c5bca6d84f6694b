// Package draw is careprint's drawing model. Pages record operations in
// millimetres (origin top left, y down): paths, text lines already laid out,
// and images. Backends (draw/pdf, draw/raster) replay the same record, so the
// PDF and the PNG show the same thing.
//
// # Structure (tagged PDF)
//
// Layout also says what each thing is, so the PDF is tagged and a screen
// reader can read it: wrap what an element draws in Page.Begin and
// Page.End (see tag.go).
//
//	pg.Begin(draw.Tag{Role: draw.RoleH2})          // a heading
//	... pg.TextLine(...) ...
//	pg.End()
//	pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: "Hands circle the breast"})
//	... paths, an image ...                        // a picture: Alt required
//	pg.End()
//	pg.Begin(draw.Tag{Role: draw.RoleArtifact})    // page numbers, running heads
//	...
//	pg.End()
//
// The rules: every text line and image sits inside an element (or an
// artifact); paths are decoration unless they are inside a Figure; a
// string in another language than the document's gets Tag.Lang (on its
// element, or on a RoleSpan around it); elements nest (RoleL > RoleLI >
// RoleLbl + RoleLBody; RoleTable > RoleTR > RoleTH/RoleTD); Begin and End
// pair on each page, and the elements' order is the reading order, so
// record a page's parts in the order they are read. A shaped,
// reordered line (Arabic) carries its logical text in TextOp.Actual.
// Document.Untagged lists what breaks these rules (check reports it); the
// pdf backend refuses unpaired tags; the raster backend ignores tags.
package draw

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Color is an opaque RGB colour.
type Color struct{ R, G, B uint8 }

// Hex parses #RRGGBB; it returns black for anything else.
func Hex(s string) Color {
	var c Color
	if len(s) == 7 && s[0] == '#' {
		fmt.Sscanf(s[1:], "%02x%02x%02x", &c.R, &c.G, &c.B)
	}
	return c
}

// Mix returns c blended toward o by t (0 = c, 1 = o).
func (c Color) Mix(o Color, t float64) Color {
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return Color{m(c.R, o.R), m(c.G, o.G), m(c.B, o.B)}
}

// Luminance is c's WCAG 2 relative luminance: 0 for black, 1 for white.
func (c Color) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of c and o, from 1 to 21.
func (c Color) Contrast(o Color) float64 {
	la, lb := c.Luminance(), o.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Black is the colour black.
func Black() Color { return Color{0, 0, 0} }

// White is the colour white.
func White() Color { return Color{255, 255, 255} }

// Point is a position in mm.
type Point struct{ X, Y float64 }

// Seg is one path segment: MoveTo and LineTo use P[0]; CubeTo uses P[0..2].
type Seg struct {
	Op byte // 'M', 'L', 'C', 'Z'
	P  [3]Point
}

// Path is an outline in mm.
type Path struct{ Segs []Seg }

// MoveTo starts a new subpath at (x, y).
func (p *Path) MoveTo(x, y float64) *Path {
	p.Segs = append(p.Segs, Seg{Op: 'M', P: [3]Point{{x, y}}})
	return p
}

// LineTo draws a straight line to (x, y).
func (p *Path) LineTo(x, y float64) *Path {
	p.Segs = append(p.Segs, Seg{Op: 'L', P: [3]Point{{x, y}}})
	return p
}

// CubeTo draws a cubic Bézier curve to (x, y) with control points c1 and c2.
func (p *Path) CubeTo(c1x, c1y, c2x, c2y, x, y float64) *Path {
	p.Segs = append(p.Segs, Seg{Op: 'C', P: [3]Point{{c1x, c1y}, {c2x, c2y}, {x, y}}})
	return p
}

// QuadTo draws a quadratic Bézier curve (stored as a cubic) to (x, y).
func (p *Path) QuadTo(cx, cy, x, y float64) *Path {
	cur := p.Current()
	return p.CubeTo(cur.X+2.0/3*(cx-cur.X), cur.Y+2.0/3*(cy-cur.Y), x+2.0/3*(cx-x), y+2.0/3*(cy-y), x, y)
}

// Close closes the current subpath.
func (p *Path) Close() *Path {
	p.Segs = append(p.Segs, Seg{Op: 'Z'})
	return p
}

// Current is the end point of the last segment.
func (p *Path) Current() Point {
	for i := len(p.Segs) - 1; i >= 0; i-- {
		s := p.Segs[i]
		switch s.Op {
		case 'M', 'L':
			return s.P[0]
		case 'C':
			return s.P[2]
		}
	}
	return Point{}
}

// Arc adds an elliptical arc around (cx, cy) with radii rx, ry from angle a0
// to a1 (radians, clockwise on the page since y points down), as cubics.
// It starts with a LineTo unless the path is empty (then a MoveTo).
func (p *Path) Arc(cx, cy, rx, ry, a0, a1 float64) *Path {
	n := int(math.Ceil(math.Abs(a1-a0) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	da := (a1 - a0) / float64(n)
	k := 4.0 / 3 * math.Tan(da/4)
	c0, s0 := math.Cos(a0), math.Sin(a0)
	x0, y0 := cx+rx*c0, cy+ry*s0
	if len(p.Segs) == 0 {
		p.MoveTo(x0, y0)
	} else {
		p.LineTo(x0, y0)
	}
	p.Segs = slices.Grow(p.Segs, n)
	a := a0
	for i := 0; i < n; i++ {
		b := a + da
		c1, s1 := math.Cos(b), math.Sin(b)
		p.CubeTo(cx+rx*(c0-k*s0), cy+ry*(s0+k*c0), cx+rx*(c1+k*s1), cy+ry*(s1-k*c1), cx+rx*c1, cy+ry*s1)
		a, c0, s0 = b, c1, s1
	}
	return p
}

// Circle returns a closed circle path.
func Circle(cx, cy, r float64) *Path {
	p := &Path{Segs: make([]Seg, 0, 6)}
	p.Arc(cx, cy, r, r, 0, 2*math.Pi)
	return p.Close()
}

// RoundRect returns a closed rectangle with corner radius r.
func RoundRect(x, y, w, h, r float64) *Path {
	r = math.Min(r, math.Min(w, h)/2)
	p := &Path{Segs: make([]Seg, 0, 14)}
	p.MoveTo(x+r, y)
	p.LineTo(x+w-r, y)
	p.Arc(x+w-r, y+r, r, r, -math.Pi/2, 0)
	p.LineTo(x+w, y+h-r)
	p.Arc(x+w-r, y+h-r, r, r, 0, math.Pi/2)
	p.LineTo(x+r, y+h)
	p.Arc(x+r, y+h-r, r, r, math.Pi/2, math.Pi)
	p.LineTo(x, y+r)
	p.Arc(x+r, y+r, r, r, math.Pi, 3*math.Pi/2)
	return p.Close()
}

// Style says how a path is painted. A nil Fill or Stroke paints nothing.
type Style struct {
	Fill   *Color
	Stroke *Color
	Width  float64   // stroke width in mm
	Dash   []float64 // dash pattern in mm; nil is solid
}

// Stroked is a style that strokes with c at width w mm.
func Stroked(c Color, w float64) Style { return Style{Stroke: &c, Width: w} }

// Filled is a style that fills with c.
func Filled(c Color) Style { return Style{Fill: &c} }

// Op is one drawing operation: *PathOp, *TextOp, *ImageOp, or *TagOp
// (structure, see tag.go).
type Op interface{ dump(*strings.Builder) }

// PathOp paints a path.
type PathOp struct {
	Path  *Path
	Style Style
}

// TextOp draws one laid-out line of text with its baseline at (X, Y).
// Runs may use several fonts (per-character fallback).
type TextOp struct {
	X, Y  float64 // mm, left end of the baseline
	Runs  []Run
	Size  float64 // pt
	Color Color
	Width float64 // mm, when known: lets Mirror keep the line's right end
	// Actual is the line's text in logical order when the glyphs drawn
	// differ from it (shaped and reordered right-to-left text): what a
	// screen reader or a copy reads instead of the glyphs.
	Actual string
}

// Run is text in one font.
type Run struct {
	Font string // a font name from the font set, e.g. "sans", "sans-bold"
	Text string
	// Dx shifts where the run is drawn, in em, without changing the
	// advance: an Arabic mark is centred over the letter before it.
	Dx float64
}

// ImageOp draws an encoded PNG or JPEG image into a box.
type ImageOp struct {
	X, Y, W, H float64 // mm
	Name       string  // stable name, e.g. a content hash
	Data       []byte
	Format     string // "png" or "jpg"
}

// Page is one recorded page of W×H mm.
type Page struct {
	W, H float64
	Ops  []Op
	keep []span // boxes Mirror moves without flipping (diagrams)
}

// span is the ops [start, end) drawn in the box from x to x+w mm.
type span struct {
	start, end int
	x, w       float64
}

// NewPage returns an empty page of w×h mm.
func NewPage(w, h float64) *Page { return &Page{W: w, H: h} }

// Path records a painted path.
func (pg *Page) Path(p *Path, s Style) { pg.Ops = append(pg.Ops, &PathOp{Path: p, Style: s}) }

// Text records a text line.
func (pg *Page) Text(x, y, size float64, c Color, runs ...Run) {
	pg.Ops = append(pg.Ops, &TextOp{X: x, Y: y, Size: size, Color: c, Runs: runs})
}

// TextLine records a text line whose width (mm) is known.
func (pg *Page) TextLine(x, y, size, width float64, c Color, runs ...Run) {
	pg.Ops = append(pg.Ops, &TextOp{X: x, Y: y, Size: size, Color: c, Runs: runs, Width: width})
}

// Add records op as it is.
func (pg *Page) Add(op Op) { pg.Ops = append(pg.Ops, op) }

// Keep marks the ops recorded since index start as a picture in the box
// from x to x+w mm: Mirror moves it to the mirrored box but does not flip
// it, so a diagram's left and right stay the body's.
func (pg *Page) Keep(start int, x, w float64) {
	pg.keep = append(pg.keep, span{start, len(pg.Ops), x, w})
}

// Mirror flips the page left to right for right-to-left languages: boxes,
// lines and text positions mirror; text itself and kept pictures do not.
func (pg *Page) Mirror() {
	moved := make([]float64, len(pg.Ops)) // dx for kept ops
	kept := make([]bool, len(pg.Ops))
	for _, k := range pg.keep {
		for i := k.start; i < k.end && i < len(pg.Ops); i++ {
			kept[i] = true
			moved[i] = (pg.W - k.x - k.w) - k.x
		}
	}
	for i, op := range pg.Ops {
		switch o := op.(type) {
		case *PathOp:
			p := &Path{Segs: append([]Seg(nil), o.Path.Segs...)}
			for j := range p.Segs {
				for k := range p.Segs[j].P {
					if kept[i] {
						p.Segs[j].P[k].X += moved[i]
					} else {
						p.Segs[j].P[k].X = pg.W - p.Segs[j].P[k].X
					}
				}
			}
			o.Path = p
		case *TextOp:
			if kept[i] {
				o.X += moved[i]
			} else {
				o.X = pg.W - o.X - o.Width
			}
		case *ImageOp:
			if kept[i] {
				o.X += moved[i]
			} else {
				o.X = pg.W - o.X - o.W
			}
		case *TagOp:
			// a figure's box moves as its picture does (kept or not,
			// the box lands on the mirrored place)
			if o.Tag.Box != (Rect{}) {
				o.Tag.Box.X = pg.W - o.Tag.Box.X - o.Tag.Box.W
			}
		}
	}
	pg.keep = nil
}

// Image records an image.
func (pg *Page) Image(op *ImageOp) { pg.Ops = append(pg.Ops, op) }

// Document is a sequence of pages with metadata.
type Document struct {
	Title, Author, Subject, Creator, Keywords, Lang string
	Pages                                           []*Page
}

// Dump writes a stable text form of the page, for golden tests.
func (pg *Page) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "page %.2f %.2f\n", pg.W, pg.H)
	for _, op := range pg.Ops {
		op.dump(&b)
	}
	return b.String()
}

func (o *PathOp) dump(b *strings.Builder) {
	b.WriteString("path")
	if o.Style.Fill != nil {
		fmt.Fprintf(b, " fill=%02x%02x%02x", o.Style.Fill.R, o.Style.Fill.G, o.Style.Fill.B)
	}
	if o.Style.Stroke != nil {
		fmt.Fprintf(b, " stroke=%02x%02x%02x w=%.2f", o.Style.Stroke.R, o.Style.Stroke.G, o.Style.Stroke.B, o.Style.Width)
	}
	if o.Style.Dash != nil {
		fmt.Fprintf(b, " dash=%v", o.Style.Dash)
	}
	for _, s := range o.Path.Segs {
		switch s.Op {
		case 'M', 'L':
			fmt.Fprintf(b, " %c%.2f,%.2f", s.Op, s.P[0].X, s.P[0].Y)
		case 'C':
			fmt.Fprintf(b, " C%.2f,%.2f,%.2f,%.2f,%.2f,%.2f", s.P[0].X, s.P[0].Y, s.P[1].X, s.P[1].Y, s.P[2].X, s.P[2].Y)
		case 'Z':
			b.WriteString(" Z")
		}
	}
	b.WriteByte('\n')
}

func (o *TextOp) dump(b *strings.Builder) {
	fmt.Fprintf(b, "text %.2f,%.2f %.1fpt %02x%02x%02x", o.X, o.Y, o.Size, o.Color.R, o.Color.G, o.Color.B)
	for _, r := range o.Runs {
		fmt.Fprintf(b, " [%s]%q", r.Font, r.Text)
	}
	if o.Actual != "" {
		fmt.Fprintf(b, " actual=%q", o.Actual)
	}
	b.WriteByte('\n')
}

func (o *ImageOp) dump(b *strings.Builder) {
	fmt.Fprintf(b, "image %.2f,%.2f %.2fx%.2f %s %s %d bytes\n", o.X, o.Y, o.W, o.H, o.Name, o.Format, len(o.Data))
}
