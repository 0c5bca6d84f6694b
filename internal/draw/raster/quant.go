package raster

import (
	"cmp"
	"encoding/binary"
	"image"
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
}

// run is a stretch of pixels of one colour within a row.
type run struct {
	id, n uint32
}

// palettize maps an opaque RGBA image onto at most 256 colours: it returns
// the palette (0xRRGGBB) and the rows as PNG scanlines, each a filter byte
// (0, none) and one index per pixel, in buf if it is large enough. ok is
// false when img is not opaque.
//
// One pass reads the pixels into runs of one colour (most of a card is
// long runs), each colour numbered as first seen; the palette is chosen
// from the colours' counts; a second pass writes the runs' indices.
func (q *palettizer) palettize(img *image.RGBA, buf []byte) (pal []uint32, rows []uint8, ok bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil, nil, false
	}
	q.ids.reset()
	q.counts, q.runs, q.colors = q.counts[:0], q.runs[:0], q.colors[:0]
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:][:4*w]
		last := binary.LittleEndian.Uint32(row) // RGBA, little-endian
		if last>>24 != 0xff {
			return nil, nil, false
		}
		n := uint32(0)
		last2 := uint64(last) | uint64(last)<<32
		x := 0
		for x < len(row) {
			// two pixels at a time while they match the run
			if x+8 <= len(row) && binary.LittleEndian.Uint64(row[x:]) == last2 {
				n += 2
				x += 8
				continue
			}
			v := binary.LittleEndian.Uint32(row[x:])
			x += 4
			if v == last {
				n++
				continue
			}
			if v>>24 != 0xff {
				return nil, nil, false
			}
			q.addRun(last, n)
			last, n = v, 1
			last2 = uint64(v) | uint64(v)<<32
		}
		q.addRun(last, n)
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
	rows = buf
	if cap(rows) < (1+w)*h {
		rows = make([]uint8, (1+w)*h)
	}
	rows = rows[:(1+w)*h]
	i := 0
	for y := 0; y < h; y++ {
		rows[y*(1+w)] = 0 // filter: none
		out := rows[y*(1+w)+1 : (y+1)*(1+w)]
		for x := 0; x < len(out); i++ {
			r := q.runs[i]
			k := q.index[r.id]
			for _, end := 0, x+int(r.n); x < end; x++ {
				out[x] = k
			}
		}
	}
	return pal, rows, true
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
	// depend on the order colours were seen in
	order := make([]uint32, len(q.colors))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		return cmp.Or(cmp.Compare(q.counts[b], q.counts[a]), cmp.Compare(q.colors[a], q.colors[b]))
	})
	pal := make([]uint32, 0, maxColors)
	for i, id := range order[:exactColors] {
		pal = append(pal, q.colors[id])
		q.index[id] = uint8(i)
	}
	rest := order[exactColors:]
	// dist[i]: squared distance from rest[i] to its nearest entry so far
	dist := make([]int, len(rest))
	for i, id := range rest {
		c := q.colors[id]
		dist[i] = 1 << 30
		for k, p := range pal {
			if d := dist2(c, p); d < dist[i] {
				dist[i], q.index[id] = d, uint8(k)
			}
		}
	}
	for len(pal) < maxColors {
		far := 0
		for i := range rest {
			if dist[i] > dist[far] {
				far = i
			}
		}
		if dist[far] == 0 {
			break
		}
		k := uint8(len(pal))
		p := q.colors[rest[far]]
		pal = append(pal, p)
		for i, id := range rest {
			if d := dist2(q.colors[id], p); d < dist[i] {
				dist[i], q.index[id] = d, k
			}
		}
	}
	return pal
}

// dist2 is the squared distance of two 0xRRGGBB colours, the channels
// weighted 2:4:3 for how the eye tells them apart.
func dist2(a, b uint32) int {
	dr := int(a>>16&0xff) - int(b>>16&0xff)
	dg := int(a>>8&0xff) - int(b>>8&0xff)
	db := int(a&0xff) - int(b&0xff)
	return 2*dr*dr + 4*dg*dg + 3*db*db
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
