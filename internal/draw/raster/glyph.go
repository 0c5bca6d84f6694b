package raster

import (
	"image"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/draw"
)

// subpixels is how many horizontal positions within a pixel a glyph is
// drawn at (truetype's default): its mask is cached for each.
const subpixels = 4

// face is a font at one size with the masks of the glyphs drawn so far:
// a job's cards draw the same few dozen glyphs over and over.
type face struct {
	f      font.Face
	glyphs map[glyphKey]*glyph
}

// glyphKey is a character at a dot position within its pixel (26.6).
type glyphKey struct {
	r      rune
	fx, fy uint8
}

// glyph is a character's coverage mask (one byte a pixel, w×h) drawn at a
// dot of whole pixels, its top left corner at (dx, dy) from the dot.
type glyph struct {
	dx, dy, w, h int
	mask         []byte
	advance      fixed.Int26_6
}

// quantize rounds a dot to the nearest of the positions glyphs are cached
// at: a quarter pixel across, whole pixels down (as truetype does).
func quantize(dot fixed.Point26_6) fixed.Point26_6 {
	const q = 64 / subpixels
	return fixed.Point26_6{X: (dot.X + q/2) &^ (q - 1), Y: (dot.Y + 32) &^ 63}
}

// glyph returns r's mask at dot (quantized), rasterizing it on first use.
func (f *face) glyph(dot fixed.Point26_6, r rune) *glyph {
	k := glyphKey{r, uint8(dot.X & 63), uint8(dot.Y & 63)}
	if g, ok := f.glyphs[k]; ok {
		return g
	}
	g := &glyph{}
	dr, mask, mp, adv, ok := f.f.Glyph(dot, r)
	if ok {
		g.advance = adv
		g.dx, g.dy = dr.Min.X-int(dot.X>>6), dr.Min.Y-int(dot.Y>>6)
		g.w, g.h = dr.Dx(), dr.Dy()
		g.mask = make([]byte, g.w*g.h)
		am, isAlpha := mask.(*image.Alpha)
		for y := range g.h {
			row := g.mask[y*g.w : (y+1)*g.w]
			if isAlpha {
				i := am.PixOffset(mp.X, mp.Y+y)
				copy(row, am.Pix[i:i+g.w])
				continue
			}
			for x := range row {
				_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
				row[x] = uint8(a >> 8)
			}
		}
	}
	f.glyphs[k] = g
	return g
}

// drawString draws s with f, its first dot at dot (26.6 px), in c, onto
// cv: as font.Drawer does (with kerning), through f's cached masks.
func drawString(cv *canvas, f *face, dot fixed.Point26_6, c draw.Color, s string) {
	prev := rune(-1)
	col := [4]uint32{uint32(c.R), uint32(c.G), uint32(c.B), 255}
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.f.Kern(prev, r)
		}
		q := quantize(dot)
		g := f.glyph(q, r)
		if g.w > 0 {
			drawMask(cv, g, int(q.X>>6)+g.dx, int(q.Y>>6)+g.dy, &col)
		}
		dot.X += g.advance
		prev = r
	}
}

// drawMask paints col through g's mask with its top left corner at (x, y).
func drawMask(cv *canvas, g *glyph, x, y int, col *[4]uint32) {
	img := cv.img
	r := image.Rect(x, y, x+g.w, y+g.h).Intersect(img.Rect)
	if r.Empty() {
		return
	}
	cv.markRect(r)
	const m = 0xff
	for py := r.Min.Y; py < r.Max.Y; py++ {
		mrow := g.mask[(py-y)*g.w+(r.Min.X-x):][:r.Dx()]
		i := img.PixOffset(r.Min.X, py)
		row := img.Pix[i : i+4*r.Dx()]
		for j, a8 := range mrow {
			if a8 == 0 {
				continue
			}
			px := row[4*j : 4*j+4 : 4*j+4]
			if a8 == m {
				px[0], px[1], px[2], px[3] = uint8(col[0]), uint8(col[1]), uint8(col[2]), m
				continue
			}
			blend(px, col, uint32(a8)*0x101)
		}
	}
}
