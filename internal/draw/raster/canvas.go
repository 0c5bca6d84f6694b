package raster

import (
	"image"
)

// canvas is the pixels a Renderer draws into, with, for each row, the
// stretch drawn on since the background was laid: the rest of the row is
// the background, which the next page of the same background need not lay
// again and the PNG encoder need not read.
type canvas struct {
	img   *image.RGBA
	dirty []extent // by row, from img.Rect.Min.Y
	bg    uint32   // the background pixel, RGBA little-endian
	laid  bool     // bg is laid: outside dirty every pixel is bg
}

// extent is a row's stretch of pixels [x0, x1); empty when x0 >= x1.
type extent struct{ x0, x1 int32 }

// newCanvas returns a w×h canvas on pix (at least 4·w·h bytes).
func newCanvas(pix []byte, w, h int) *canvas {
	c := &canvas{
		img:   &image.RGBA{Pix: pix[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)},
		dirty: make([]extent, h),
	}
	c.resetDirty()
	return c
}

func (c *canvas) resetDirty() {
	w := int32(c.img.Rect.Dx())
	for i := range c.dirty {
		c.dirty[i] = extent{w, 0}
	}
}

// lay paints every pixel v (RGBA, little-endian): only what was drawn
// since, when v is laid already.
func (c *canvas) lay(v uint32) {
	img := c.img
	if c.laid && c.bg == v {
		for y, e := range c.dirty {
			if e.x0 < e.x1 {
				i := y * img.Stride
				fillRow(img.Pix[i+4*int(e.x0):i+4*int(e.x1)], v)
			}
		}
	} else {
		fillRow(img.Pix, v)
	}
	c.bg, c.laid = v, true
	c.resetDirty()
}

// clear makes every pixel transparent; no background is laid.
func (c *canvas) clear() {
	clear(c.img.Pix)
	c.laid = false
	c.resetDirty()
}

// mark notes pixels [x0, x1) of row y (in img's coordinates, within
// its bounds) drawn on.
func (c *canvas) mark(y, x0, x1 int) {
	e := &c.dirty[y-c.img.Rect.Min.Y]
	e.x0, e.x1 = min(e.x0, int32(x0-c.img.Rect.Min.X)), max(e.x1, int32(x1-c.img.Rect.Min.X))
}

// markRect notes the pixels of r drawn on.
func (c *canvas) markRect(r image.Rectangle) {
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.mark(y, r.Min.X, r.Max.X)
	}
}
