package raster

import (
	"cmp"
	"encoding/binary"
	"image"
	"maps"
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

// palettizer keeps its maps from one image for the next.
type palettizer struct {
	counts map[uint32]int   // colour -> pixels
	index  map[uint32]uint8 // colour -> palette entry
}

// palettize maps an opaque RGBA image onto at most 256 colours: it returns
// the palette (0xRRGGBB) and the rows as PNG scanlines, each a filter byte
// (0, none) and one index per pixel, in buf if it is large enough. ok is
// false when img is not opaque.
func (q *palettizer) palettize(img *image.RGBA, buf []byte) (pal []uint32, rows []uint8, ok bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if q.counts == nil {
		q.counts, q.index = map[uint32]int{}, map[uint32]uint8{}
	}
	clear(q.counts)
	clear(q.index)
	// count the colours; runs of one colour (most of a card) are counted
	// once
	counts := q.counts
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:][:4*w]
		run, last := 0, uint32(0) // last: a pixel as read, RGBA little-endian
		for x := 0; x < len(row); x += 4 {
			v := binary.LittleEndian.Uint32(row[x:])
			if v == last {
				run++
				continue
			}
			if v>>24 != 0xff {
				return nil, nil, false
			}
			if run > 0 {
				counts[rgb(last)] += run
			}
			last, run = v, 1
		}
		counts[rgb(last)] += run
	}
	colors := slices.SortedFunc(maps.Keys(counts), func(a, b uint32) int {
		// most frequent first; equal counts by colour, so the palette does
		// not depend on map order
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	index := q.index
	if len(colors) <= maxColors {
		pal = colors
		for i, c := range pal {
			index[c] = uint8(i)
		}
	} else {
		pal = choosePalette(colors, index)
	}
	rows = buf
	if cap(rows) < (1+w)*h {
		rows = make([]uint8, (1+w)*h)
	}
	rows = rows[:(1+w)*h]
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:][:4*w]
		rows[y*(1+w)] = 0 // filter: none
		out := rows[y*(1+w)+1 : (y+1)*(1+w)]
		last := binary.LittleEndian.Uint32(row)
		li := index[rgb(last)]
		for x := range out {
			if v := binary.LittleEndian.Uint32(row[4*x:]); v != last {
				last, li = v, index[rgb(v)]
			}
			out[x] = li
		}
	}
	return pal, rows, true
}

// rgb turns a pixel read as a little-endian uint32 (R, G, B, A bytes) into
// 0xRRGGBB.
func rgb(v uint32) uint32 {
	return v&0xff<<16 | v&0xff00 | v>>16&0xff
}

// choosePalette picks 256 of colors (sorted most frequent first) and maps
// every colour to its nearest entry in index.
func choosePalette(colors []uint32, index map[uint32]uint8) []uint32 {
	pal := slices.Clone(colors[:exactColors])
	rest := colors[exactColors:]
	// dist[i]: squared distance from rest[i] to its nearest entry so far
	dist := make([]int, len(rest))
	near := make([]uint8, len(rest))
	for i, c := range rest {
		dist[i] = 1 << 30
		for k, p := range pal {
			if d := dist2(c, p); d < dist[i] {
				dist[i], near[i] = d, uint8(k)
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
		p := rest[far]
		pal = append(pal, p)
		for i, c := range rest {
			if d := dist2(c, p); d < dist[i] {
				dist[i], near[i] = d, k
			}
		}
	}
	for i, c := range pal {
		index[c] = uint8(i)
	}
	for i, c := range rest {
		if _, ok := index[c]; !ok {
			index[c] = near[i]
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
