package raster

import (
	"encoding/binary"
	"image"
	"io"
	"math"
	"slices"
)

// maxColors is a PNG palette's size.
const maxColors = 256

// exactColors is how many of the palette's entries go to the most frequent
// colours; the rest go, one by one, to the colour farthest from every entry
// so far, so no colour is left far from the palette. A card is flat
// colours (paper, ink, brand, tint) and anti-aliased edges between them:
// the flat colours and the commonest edge shades are kept exactly, the
// rare edge shades take a near neighbour.
const exactColors = 160

// palettizer keeps its tables from one image for the next.
type palettizer struct {
	ids    colorTable
	counts []int    // by colour id: pixels
	runs   []run    // the image as runs of one colour, row by row
	index  []uint8  // by colour id: palette entry
	colors []uint32 // by colour id: 0xRRGGBB
	keys   []uint64 // choosePalette's sort keys
	w, h   int      // the image's size
	row    []byte   // writeRows' scanline
	rest   restColors
}

// run is a stretch of pixels of one colour within a row.
type run struct {
	id, n uint32
}

// palettize maps an opaque RGBA image onto at most 256 colours: it returns
// the palette (0xRRGGBB), and keeps the image as runs of palette entries
// for writeRows. ok is false when img is not opaque.
//
// One pass reads the pixels into runs of one colour (most of a card is
// long runs), each colour numbered as first seen; the palette is chosen
// from the colours' counts; writeRows writes the runs' indices. When
// cv is img's canvas with a background laid, only the pixels drawn on are
// read: the rest of each row is the background.
func (q *palettizer) palettize(img *image.RGBA, cv *canvas) (pal []uint32, ok bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil, false
	}
	if cv != nil && (cv.img != img || !cv.laid) {
		cv = nil
	}
	q.ids.reset()
	q.counts, q.runs, q.colors = q.counts[:0], q.runs[:0], q.colors[:0]
	if q.runs == nil {
		q.runs = make([]run, 0, 64*h) // a card is about 40 runs a row, a poster 70
	}
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:][:4*w]
		x0, x1 := 0, w // the pixels to read; the rest are cv's background
		if cv != nil {
			e := cv.dirty[y]
			x0, x1 = int(e.x0), int(e.x1)
			if x0 >= x1 {
				x0, x1 = w, w
			}
			if x0 > 0 {
				q.addRun(cv.bg, uint32(x0))
			}
		}
		if x0 < x1 && !q.scan(row[4*x0:4*x1]) {
			return nil, false
		}
		if x1 < w {
			q.addRun(cv.bg, uint32(w-x1))
		}
	}
	q.index = slices.Grow(q.index[:0], len(q.colors))[:len(q.colors)]
	if len(q.colors) <= maxColors {
		pal = q.colors
		for i := range q.index {
			q.index[i] = uint8(i)
		}
	} else {
		pal = q.choosePalette()
	}
	q.w, q.h = w, h
	return pal, true
}

// writeRows writes the rows of the image palettize read, as PNG scanlines
// (a filter byte, 0 for none, and one palette index a pixel), to w one at
// a time; it returns their Adler-32 checksum, counted run by run.
func (q *palettizer) writeRows(w io.Writer) (uint32, error) {
	q.row = slices.Grow(q.row[:0], 1+q.w)[:1+q.w]
	row := q.row
	row[0] = 0 // filter: none
	// n bytes k add n·k to Adler-32's a, and to its b n·a (a before) plus
	// k·n(n+1)/2
	const mod = 65521
	a, b := uint64(1), uint64(0)
	i := 0
	for range q.h {
		b += a // the filter byte
		for x := 1; x < len(row); i++ {
			r := q.runs[i]
			k := q.index[r.id]
			fillBytes(row[x:x+int(r.n)], k)
			x += int(r.n)
			n := uint64(r.n)
			b += n*a + uint64(k)*(n*(n+1)/2)
			a += n * uint64(k)
		}
		// reduced once a row: a row adds less than 2^8·w to a, and to b
		// less than w·a + 2^8·w²; far from overflowing for any width
		a, b = a%mod, b%mod
		if _, err := w.Write(row); err != nil {
			return 0, err
		}
	}
	return uint32(b<<16 | a), nil
}

// scan notes the runs of row (RGBA pixels); it reports false if a pixel
// is not opaque.
func (q *palettizer) scan(row []byte) bool {
	last := binary.LittleEndian.Uint32(row) // RGBA, little-endian
	if last>>24 != 0xff {
		return false
	}
	n := uint32(0)
	last2 := uint64(last) | uint64(last)<<32
	x := 0
	for x < len(row) {
		// eight pixels at a time while they continue the run, then two
		for x+32 <= len(row) {
			b := row[x : x+32 : x+32]
			if binary.LittleEndian.Uint64(b[0:]) != last2 || binary.LittleEndian.Uint64(b[8:]) != last2 ||
				binary.LittleEndian.Uint64(b[16:]) != last2 || binary.LittleEndian.Uint64(b[24:]) != last2 {
				break
			}
			n += 8
			x += 32
		}
		if x+8 <= len(row) && binary.LittleEndian.Uint64(row[x:]) == last2 {
			n += 2
			x += 8
			continue
		}
		if x >= len(row) {
			break
		}
		v := binary.LittleEndian.Uint32(row[x:])
		x += 4
		if v == last {
			n++
			continue
		}
		if v>>24 != 0xff {
			return false
		}
		q.addRun(last, n)
		last, n = v, 1
		last2 = uint64(v) | uint64(v)<<32
	}
	q.addRun(last, n)
	return true
}

// addRun notes n pixels of v (RGBA, little-endian).
func (q *palettizer) addRun(v, n uint32) {
	c := v&0xff<<16 | v&0xff00 | v>>16&0xff
	id, seen := q.ids.id(c, uint32(len(q.colors)))
	if !seen {
		q.colors = append(q.colors, c)
		q.counts = append(q.counts, 0)
	}
	q.counts[id] += int(n)
	q.runs = append(q.runs, run{id, n})
}

// choosePalette picks 256 of the colours and sets every colour's index to
// its nearest entry; it returns the palette.
func (q *palettizer) choosePalette() []uint32 {
	// most frequent first; equal counts by colour, so the palette does not
	// depend on the order colours were seen in: one key a colour, fewer
	// pixels above, the colour below (a count is at most 2^31 pixels)
	keys := slices.Grow(q.keys[:0], len(q.colors))
	for id, c := range q.colors {
		keys = append(keys, uint64(math.MaxUint32-uint32(q.counts[id]))<<32|uint64(c))
	}
	q.keys = keys
	slices.Sort(keys)
	pal := make([]uint32, 0, maxColors)
	for i, k := range keys[:exactColors] {
		c := uint32(k)
		pal = append(pal, c)
		id, _ := q.ids.id(c, 0)
		q.index[id] = uint8(i)
	}
	// the rest: channels apart (weighted below), their ids, and the
	// squared distance to the nearest entry so far with its index
	rest := keys[exactColors:]
	n := len(rest)
	r := &q.rest
	r.resize(n)
	for i, k := range rest {
		c := uint32(k)
		r.r[i], r.g[i], r.b[i] = int32(c>>16&0xff), int32(c>>8&0xff), int32(c&0xff)
		r.ids[i], _ = q.ids.id(c, 0)
	}
	far, fd := r.nearest(pal)
	for len(pal) < maxColors && fd > 0 {
		p := uint32(r.r[far])<<16 | uint32(r.g[far])<<8 | uint32(r.b[far])
		far, fd = r.nearer(p, uint8(len(pal)))
		pal = append(pal, p)
	}
	for i, id := range r.ids {
		q.index[id] = r.idx[i]
	}
	return pal
}

// restColors are the colours not among the most frequent, channel by
// channel, with the nearest palette entry so far.
type restColors struct {
	r, g, b []int32
	ids     []uint32
	dist    []int32 // squared distance to the nearest entry (see nearer)
	idx     []uint8 // that entry
}

func (r *restColors) resize(n int) {
	grow := func(s []int32) []int32 { return slices.Grow(s[:0], n)[:n] }
	r.r, r.g, r.b, r.dist = grow(r.r), grow(r.g), grow(r.b), grow(r.dist)
	r.ids = slices.Grow(r.ids[:0], n)[:n]
	r.idx = slices.Grow(r.idx[:0], n)[:n]
}

// nearest sets every colour's nearest entry of pal (the first of equals)
// and returns the colour farthest from its nearest (the first of equals)
// and that distance. Distances are squared, the channels weighted 2:4:3
// for how the eye tells them apart. The entries are searched in order of
// green, outwards from the colour's, while green alone is not already
// farther than the nearest found.
func (r *restColors) nearest(pal []uint32) (far int, fd int32) {
	type entry struct {
		r, g, b int32
		k       uint8
	}
	ents := make([]entry, len(pal))
	for k, p := range pal {
		ents[k] = entry{int32(p >> 16 & 0xff), int32(p >> 8 & 0xff), int32(p & 0xff), uint8(k)}
	}
	slices.SortFunc(ents, func(a, b entry) int { return int(a.g-b.g)*256 + int(a.k) - int(b.k) })
	fd = -1
	for i := range r.r {
		cr, cg, cb := r.r[i], r.g[i], r.b[i]
		best, bk := int32(math.MaxInt32), uint8(0)
		try := func(e *entry) bool {
			dg := e.g - cg
			if 4*dg*dg > best {
				return false
			}
			dr, db := e.r-cr, e.b-cb
			if d := 2*dr*dr + 4*dg*dg + 3*db*db; d < best || d == best && e.k < bk {
				best, bk = d, e.k
			}
			return true
		}
		at, _ := slices.BinarySearchFunc(ents, cg, func(e entry, g int32) int { return int(e.g - g) })
		for j := at; j < len(ents) && try(&ents[j]); j++ {
		}
		for j := at - 1; j >= 0 && try(&ents[j]); j-- {
		}
		r.dist[i], r.idx[i] = best, bk
		if best > fd {
			far, fd = i, best
		}
	}
	return far, fd
}

// nearer makes entry k, colour p (0xRRGGBB), the nearest of every colour
// it is nearer to than their nearest so far (see nearest), and returns the
// colour then farthest from its nearest and that distance.
func (r *restColors) nearer(p uint32, k uint8) (far int, fd int32) {
	pr, pg, pb := int32(p>>16&0xff), int32(p>>8&0xff), int32(p&0xff)
	rr, gg, bb, dist, idx := r.r, r.g[:len(r.r)], r.b[:len(r.r)], r.dist[:len(r.r)], r.idx[:len(r.r)]
	fd = -1
	for i := range rr {
		dr, dg, db := rr[i]-pr, gg[i]-pg, bb[i]-pb
		if d := 2*dr*dr + 4*dg*dg + 3*db*db; d < dist[i] {
			dist[i], idx[i] = d, k
		}
		if dist[i] > fd {
			far, fd = i, dist[i]
		}
	}
	return far, fd
}

// colorTable numbers colours: an open-addressing hash table from 0xRRGGBB
// to a dense id, cheaper than a map for the many lookups of a card.
type colorTable struct {
	keys []uint32 // colour+1; 0 is empty
	vals []uint32
	n    int
}

func (t *colorTable) reset() {
	if t.keys == nil {
		t.keys, t.vals = make([]uint32, 4096), make([]uint32, 4096)
	}
	clear(t.keys)
	t.n = 0
}

// id returns c's id and true, or, for a colour not seen before, gives it
// next and returns next and false.
func (t *colorTable) id(c, next uint32) (uint32, bool) {
	mask := uint32(len(t.keys) - 1)
	for i := (c * 0x9E3779B1) >> 7 & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case c + 1:
			return t.vals[i], true
		case 0:
			t.keys[i], t.vals[i] = c+1, next
			t.n++
			if 4*t.n > 3*len(t.keys) {
				t.grow()
			}
			return next, false
		}
	}
}

// grow doubles the table.
func (t *colorTable) grow() {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]uint32, 2*len(keys)), make([]uint32, 2*len(vals))
	mask := uint32(len(t.keys) - 1)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := ((k - 1) * 0x9E3779B1) >> 7 & mask
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.vals[i] = k, vals[j]
	}
}

// fillBytes sets every byte of b to k.
func fillBytes(b []byte, k byte) {
	if len(b) < 32 {
		for i := range b {
			b[i] = k
		}
		return
	}
	b[0] = k
	for n := 1; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}
