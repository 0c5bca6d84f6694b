package raster

import (
	"image"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/careprint/careprint/internal/draw"
)

// subpixels is how many horizontal positions within a pixel a glyph is
// drawn at (truetype's default): its mask is kept for each.
const subpixels = 4

// face is a font at one size with the masks of the glyphs drawn so far:
// a job's cards draw the same few dozen glyphs over and over. Glyphs are
// rasterized with x/image/vector (exact area coverage, as freetype's, and
// faster on glyph-sized masks).
type face struct {
	font   *truetype.Font
	scale  fixed.Int26_6 // px per em
	glyphs map[glyphKey]*glyph
	buf    truetype.GlyphBuf
	vr     vector.Rasterizer
	alpha  image.Alpha
}

func newFace(f *truetype.Font, px float64) *face {
	return &face{font: f, scale: fixed.Int26_6(0.5 + px*64), glyphs: map[glyphKey]*glyph{}}
}

// glyphKey is a character at a dot position within its pixel (26.6).
type glyphKey struct {
	r      rune
	fx, fy uint8
}

// glyph is a character's coverage mask (one byte a pixel, w×h) drawn at a
// dot of whole pixels, its top left corner at (dx, dy) from the dot.
type glyph struct {
	index        truetype.Index
	dx, dy, w, h int
	mask         []byte
	advance      fixed.Int26_6
}

// quantize rounds a dot to the nearest of the positions glyphs are kept
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
	g := &glyph{index: f.font.Index(r)}
	f.glyphs[k] = g
	if err := f.buf.Load(f.font, f.scale, g.index, font.HintingNone); err != nil {
		return g // drawn as nothing, no advance, as truetype's face does
	}
	g.advance = f.buf.AdvanceWidth
	// the pixels the outline covers, from the dot's pixel
	fx, fy := dot.X&63, dot.Y&63
	b := f.buf.Bounds
	xmin, ymin := int(fx+b.Min.X)>>6, int(fy-b.Max.Y)>>6
	xmax, ymax := int(fx+b.Max.X+63)>>6, int(fy-b.Min.Y+63)>>6
	if xmin >= xmax || ymin >= ymax {
		return g
	}
	g.dx, g.dy, g.w, g.h = xmin, ymin, xmax-xmin, ymax-ymin
	f.vr.Reset(g.w, g.h)
	// outline points are 26.6 units, y up; the mask's y goes down
	ox, oy := float32(fx)/64-float32(xmin), float32(fy)/64-float32(ymin)
	at := func(p truetype.Point) (float32, float32) {
		return ox + float32(p.X)/64, oy - float32(p.Y)/64
	}
	e0 := 0
	for _, e1 := range f.buf.Ends {
		contour(&f.vr, f.buf.Points[e0:e1], at)
		e0 = e1
	}
	g.mask = make([]byte, g.w*g.h)
	f.alpha = image.Alpha{Pix: g.mask, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
	f.vr.Draw(&f.alpha, f.alpha.Rect, image.Opaque, image.Point{})
	return g
}

// contour adds one closed TrueType contour to vr: quadratic curves whose
// on-curve points may be left out between two off-curve ones (then they
// are midway), as truetype's face draws them.
func contour(vr *vector.Rasterizer, ps []truetype.Point, at func(truetype.Point) (float32, float32)) {
	if len(ps) == 0 {
		return
	}
	on := func(p truetype.Point) bool { return p.Flags&1 != 0 }
	sx, sy := at(ps[0])
	others := ps[1:]
	if !on(ps[0]) {
		lx, ly := at(ps[len(ps)-1])
		if on(ps[len(ps)-1]) {
			sx, sy = lx, ly
			others = ps[:len(ps)-1]
		} else {
			sx, sy = (sx+lx)/2, (sy+ly)/2
			others = ps
		}
	}
	vr.MoveTo(sx, sy)
	qx, qy, on0 := sx, sy, true
	for _, p := range others {
		x, y := at(p)
		switch {
		case on(p) && on0:
			vr.LineTo(x, y)
		case on(p):
			vr.QuadTo(qx, qy, x, y)
		case !on0:
			vr.QuadTo(qx, qy, (qx+x)/2, (qy+y)/2)
		}
		qx, qy, on0 = x, y, on(p)
	}
	if on0 {
		vr.LineTo(sx, sy)
	} else {
		vr.QuadTo(qx, qy, sx, sy)
	}
	vr.ClosePath()
}

// drawString draws s with f, its first dot at dot (26.6 px), in c, onto
// cv: as font.Drawer does (with the font's kerning), through f's masks.
func drawString(cv *canvas, f *face, dot fixed.Point26_6, c draw.Color, s string) {
	var prev *glyph
	col := [4]uint32{uint32(c.R), uint32(c.G), uint32(c.B), 255}
	for _, r := range s {
		q := quantize(dot)
		g := f.glyph(q, r)
		if prev != nil {
			if k := f.font.Kern(f.scale, prev.index, g.index); k != 0 {
				dot.X += k
				q = quantize(dot)
				g = f.glyph(q, r)
			}
		}
		if g.w > 0 {
			drawMask(cv, g, int(q.X>>6)+g.dx, int(q.Y>>6)+g.dy, &col)
		}
		dot.X += g.advance
		prev = g
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
