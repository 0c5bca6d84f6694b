package illustrate

import "math"

// pose draws the hand pose kind (see routine.HandPoses) with its working
// part at p: the middle of a flat palm, the tips of the fingers, the
// knuckles of a soft fist. dir is the way the stroke goes from p (the
// fingers of a flat palm point that way; fingertips trail behind it). in is
// the side's inward sign: on the person's left side every pose is the
// exact mirror of the right, so a hand is never the wrong hand. s is the
// pose's size, 1 for the front view.
func (c *canvas) pose(kind string, p, dir pt, in, s float64) {
	rot := rotTo(dir)
	flip := in < 0
	switch kind {
	case "flat-palm":
		c.palm(xform{at: p, s: 0.7 * s, rot: rot, flip: flip})
	case "soft-fist":
		c.fist(xform{at: p, s: 0.75 * s, rot: rot, flip: flip})
	case "fingertips":
		// three fingers side by side, tips at p, reaching back from the
		// way the stroke goes
		back := rotTo(dir.mul(-1))
		n := dir.perp()
		for _, k := range []float64{-1, 0, 1} {
			tip := p.add(n.mul(k * 3.3 * s)).sub(dir.mul(math.Abs(k) * 1.1 * s))
			c.finger(xform{at: tip, s: 0.62 * s, rot: back, flip: flip})
		}
	case "tapping":
		// one fingertip touching, with short arcs where it taps
		x := xform{at: p, s: s, flip: flip}
		for _, r := range []float64{2.8, 4.6} {
			c.poly(c.stroke(thinW*c.ws), x.segs(arcSegs(pt{}, r, math.Pi*0.85, math.Pi*1.15)...)...)
			c.poly(c.stroke(thinW*c.ws), x.segs(arcSegs(pt{}, r, -math.Pi*0.15, math.Pi*0.15)...)...)
		}
		c.finger(xform{at: p, s: 0.8 * s, rot: -in * 0.35, flip: flip})
	case "two-hands":
		// a fingertip of each hand either side of p, pressing toward
		// each other across it
		n := dir.perp()
		for _, k := range []float64{-1, 1} {
			tip := p.add(n.mul(k * 4 * s))
			c.finger(xform{at: tip, s: 0.62 * s, rot: rotTo(n.mul(k)), flip: flip})
		}
	case "c-hold":
		// thumb and finger in a C round p, the hand from the outer side
		c.cHand(xform{at: p, s: 0.8 * s, flip: flip})
	}
}

// restDir is the way a pose faces on a mark without a stroke: a flat palm
// or a fist with its fingers up, fingertips and a tapping finger reaching
// down onto the skin from above.
func restDir(hand string) pt {
	switch hand {
	case "fingertips", "tapping", "two-hands":
		return pt{0, 1}
	}
	return pt{0, -1}
}
