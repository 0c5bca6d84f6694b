package illustrate

import (
	"math"
	"strconv"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// labelReq is a short language-neutral label (digits, ×) waiting for a
// place: labels are placed after every line is drawn, where they cover
// none.
type labelReq struct {
	text  string
	at    pt      // what the label belongs to, view units
	dir   pt      // the side of at it would rather sit on
	gap   float64 // least distance from at to the label's edge, view units
	size  float64 // font size (em), view units
	turns int     // how many 15° steps it may turn from dir; 0 means 8
	fixed bool    // centred on at, wherever that is
	badge bool    // paper digits on a brand disc (order numbers)
}

// countLabel asks for "×n" beside at, if n > 0.
func (c *canvas) countLabel(at, dir pt, gap float64, n int) {
	if n <= 0 {
		return
	}
	c.labels = append(c.labels, labelReq{text: "×" + strconv.Itoa(n), at: at, dir: dir, gap: gap, size: 5.6 * math.Sqrt(c.s)})
}

// hourLabel asks for a clock hour beside the fingertip at p, on the line
// out from the clock's centre ctr.
func (c *canvas) hourLabel(ctr, p pt, gap float64, text string, size float64) {
	c.labels = append(c.labels, labelReq{text: text, at: p, dir: p.sub(ctr), gap: gap, size: size, turns: 1})
}

// orderBadge asks for the order number n on a disc beside at, toward dir.
func (c *canvas) orderBadge(at, dir pt, gap float64, n int) {
	c.labels = append(c.labels, labelReq{text: strconv.Itoa(n), at: at, dir: dir, gap: gap, size: 4 * math.Sqrt(c.s), badge: true})
}

// advance is the width of r in the bold label font, in ems (DejaVu Sans
// Bold).
func advance(r rune) float64 {
	switch {
	case r >= '0' && r <= '9':
		return 0.696
	case r == '×':
		return 0.838
	case r == ' ':
		return 0.348
	case r >= 'A' && r <= 'Z':
		return 0.77
	}
	return 0.68
}

// box is the label's width and cap height, in view units.
func (l labelReq) box() (w, h float64) {
	for _, r := range l.text {
		w += advance(r) * l.size
	}
	return w, 0.73 * l.size
}

// placeLabels draws the fixed labels, then puts every other label at the
// nearest free spot on its preferred side, turning round its anchor and
// moving out until the box covers no line.
func (c *canvas) placeLabels() {
	for _, l := range c.labels {
		if l.fixed {
			c.drawLabel(l, l.at)
		}
	}
	for _, l := range c.labels {
		if !l.fixed {
			c.drawLabel(l, c.spot(l))
		}
	}
}

// labelPad is the clear space round a label's letters, in view units.
const labelPad = 0.7

// spot finds the centre for l.
func (c *canvas) spot(l labelReq) pt {
	w, h := l.box()
	half := pt{w/2 + labelPad, h/2 + labelPad}
	base := math.Atan2(l.dir.Y, l.dir.X)
	centre := func(a, d float64) pt {
		ca, sa := math.Abs(math.Cos(a)), math.Abs(math.Sin(a))
		ext := math.Min(half.X/math.Max(ca, 1e-9), half.Y/math.Max(sa, 1e-9))
		return polar(l.at, l.gap+d+ext, a)
	}
	turns := l.turns
	if turns == 0 {
		turns = 8
	}
	for d := 0.0; d <= 16; d++ {
		for k := 0; k <= 2*turns; k++ {
			turn := float64((k+1)/2) * math.Pi / 12
			if k%2 == 1 {
				turn = -turn
			}
			q := centre(base+turn, d)
			if c.free(q.sub(half), q.add(half)) {
				return q
			}
		}
	}
	c.crowded = append(c.crowded, "label "+l.text)
	return centre(base, 0)
}

// drawLabel draws l centred on p on a paper ground (so it stays readable if
// nothing was free), and marks the place used.
func (c *canvas) drawLabel(l labelReq, p pt) {
	w, h := l.box()
	x, y := c.p(p)
	col := c.brand
	if l.badge {
		c.dot(c.brand, p, math.Max(w, h)/2+1.1*math.Sqrt(c.s))
		col = c.paper
	} else {
		c.pg.Path(draw.RoundRect(x-(w/2+0.6)*c.k, y-(h/2+0.8)*c.k, (w+1.2)*c.k, (h+1.6)*c.k, 0.8*c.k), draw.Filled(c.paper))
	}
	c.pg.Text(x-w/2*c.k, y+h/2*c.k, l.size*c.k/fonts.PtToMM, col, draw.Run{Font: fonts.Bold, Text: l.text})
	half := pt{w/2 + labelPad, h/2 + labelPad}
	for yy := math.Floor(p.Y - half.Y); yy <= p.Y+half.Y; yy++ {
		for xx := math.Floor(p.X - half.X); xx <= p.X+half.X; xx++ {
			c.set(int(xx), int(yy))
		}
	}
}

// slot is a place for a stand-alone pictogram: its centre and its size
// (1 is about 16 view units across).
type slot struct {
	p pt
	s float64
}

// iconSlots are the places for stand-alone pictograms in view, best
// first: the free corners round the figure. Above the closeup's chest
// line there is room only for smaller ones.
func iconSlots(view string) []slot {
	if view == "side" {
		return []slot{{pt{88, 12}, 1}, {pt{88, 90}, 1}, {pt{68, 12}, 1}, {pt{66, 92}, 0.9}}
	}
	if view == "closeup" {
		return []slot{{pt{88, 90.5}, 1}, {pt{12, 90.5}, 1}, {pt{91, 7}, 0.78}, {pt{9, 7}, 0.78}}
	}
	return []slot{{pt{88, 10}, 1}, {pt{12, 10}, 1}, {pt{71, 10}, 1}, {pt{29, 10}, 1}}
}

// placeIcons draws each stand-alone pictogram in the first slot that is
// still free.
func (c *canvas) placeIcons() {
	slots := iconSlots(c.view)
	used := make([]bool, len(slots))
	const r = 7.5 // half the size of an icon at size 1, view units
	for i, kind := range c.icons {
		pick := -1
		for j, s := range slots {
			h := pt{r * s.s, r * s.s}
			if !used[j] && c.free(s.p.sub(h), s.p.add(h)) {
				pick = j
				break
			}
		}
		if pick < 0 {
			c.crowded = append(c.crowded, "icon "+kind)
		}
		for j := range slots {
			if pick < 0 && !used[j] {
				pick = j
			}
		}
		if pick < 0 {
			pick = i % len(slots)
		}
		used[pick] = true
		c.icon(kind, slots[pick].p, slots[pick].s)
	}
}
