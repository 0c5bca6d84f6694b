// Package raster replays a draw.Page into anti-aliased pixels and encodes
// PNG. Resolution belongs here: the page is scaled to the pixel size asked
// for. Paths go through freetype's stroker and rasterizer, glyphs through
// x/image/vector (both exact area coverage); the pixels are painted here,
// one opaque colour at a time.
package raster

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// Renderer draws pages into pixels and encodes them as PNG, keeping its
// canvas, rasterizer, font faces (with their glyph masks) and encoding
// buffers from one page to the next: a batch of cards allocates them
// once. It is not safe for concurrent use; give each worker its own.
type Renderer struct {
	fs   *fonts.Set
	pix  []byte  // the pixels of every canvas size: the largest so far
	cv   *canvas // the canvas of the last size drawn
	path pather
	// faces of the last size drawn: a job's cards share them; another
	// size (the poster) starts afresh, so a worker holds one size's faces
	// (and their glyph masks) and not every size's
	faces map[faceKey]*face
	enc   encoder
}

// NewRenderer returns a Renderer drawing text with the fonts of fs.
func NewRenderer(fs *fonts.Set) *Renderer {
	return &Renderer{fs: fs}
}

// Render draws pg into a w×h pixel image. A one-off: a batch uses a
// Renderer.
func Render(pg *draw.Page, w, h int, fs *fonts.Set) (image.Image, error) {
	img, err := NewRenderer(fs).Render(pg, w, h)
	if err != nil {
		return nil, err
	}
	return img, nil
}

// Render draws pg into a w×h pixel image. The image is the Renderer's
// canvas: it holds until the next call of Render.
func (r *Renderer) Render(pg *draw.Page, w, h int) (*image.RGBA, error) {
	if r.cv == nil || r.cv.img.Rect.Dx() != w || r.cv.img.Rect.Dy() != h {
		if len(r.pix) < 4*w*h {
			r.pix = make([]byte, 4*w*h)
		}
		r.cv = newCanvas(r.pix, w, h)
		r.faces = map[faceKey]*face{}
	}
	r.path.setCanvas(r.cv)
	rp := &replayer{r: r, s: float64(w) / pg.W}
	ops := pg.Ops
	c, ok := draw.Color{}, false
	if len(ops) > 0 {
		c, ok = pageFill(ops[0], pg)
	}
	if ok {
		// a background over the whole page: set the pixels directly
		// instead of rasterizing a page-sized path
		r.cv.lay(uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 255<<24)
		ops = ops[1:]
	} else {
		r.cv.clear() // a canvas used before: transparent again
	}
	for _, op := range ops {
		if err := rp.op(op); err != nil {
			return nil, err
		}
	}
	return r.cv.img, nil
}

// pageFill reports whether op fills a rectangle covering the whole page
// with an opaque colour, and which.
func pageFill(op draw.Op, pg *draw.Page) (draw.Color, bool) {
	p, ok := op.(*draw.PathOp)
	if !ok || p.Style.Fill == nil || p.Style.Stroke != nil {
		return draw.Color{}, false
	}
	// a rectangle: only moves and lines, every point on a page corner (or
	// beyond), all four corners reached
	corners := map[[2]bool]bool{}
	for _, sg := range p.Path.Segs {
		switch sg.Op {
		case 'M', 'L':
			q := sg.P[0]
			left, top := q.X <= 0, q.Y <= 0
			right, bottom := q.X >= pg.W, q.Y >= pg.H
			if !(left || right) || !(top || bottom) {
				return draw.Color{}, false
			}
			corners[[2]bool{left, top}] = true
		case 'C':
			return draw.Color{}, false
		}
	}
	return *p.Style.Fill, len(corners) == 4
}

type faceKey struct {
	font string
	px   float64
}

type replayer struct {
	r *Renderer
	s float64 // px per mm
}

func (rp *replayer) op(op draw.Op) error {
	r, s := rp.r, rp.s
	switch o := op.(type) {
	case *draw.PathOp:
		r.path.draw(o, s)
	case *draw.TextOp:
		x := o.X
		px := o.Size * fonts.PtToMM * s
		y := fixed.Int26_6(math.Round(o.Y * s * 64))
		for _, run := range o.Runs {
			f, err := rp.face(run.Font, px)
			if err != nil {
				return err
			}
			dot := fixed.Point26_6{X: fixed.Int26_6(math.Round((x*s + run.Dx*px) * 64)), Y: y}
			drawString(r.cv, f, dot, o.Color, run.Text)
			if _, bold := fonts.Base(run.Font); bold {
				// a synthetic bold: draw again a hair to the right
				dot.X = fixed.Int26_6(math.Round((x*s + run.Dx*px + px*0.035) * 64))
				drawString(r.cv, f, dot, o.Color, run.Text)
			}
			x += r.fs.Width(o.Size, run)
		}
	case *draw.TagOp:
		// structure for the PDF's reader: nothing to draw
	case *draw.ImageOp:
		src, _, err := image.Decode(bytes.NewReader(o.Data))
		if err != nil {
			return fmt.Errorf("raster: image %s: %w", o.Name, err)
		}
		rect := image.Rect(int(math.Round(o.X*s)), int(math.Round(o.Y*s)), int(math.Round((o.X+o.W)*s)), int(math.Round((o.Y+o.H)*s)))
		xdraw.CatmullRom.Scale(r.cv.img, rect, src, src.Bounds(), xdraw.Over, nil)
		r.cv.markRect(rect)
	default:
		return fmt.Errorf("raster: unknown operation %T", op)
	}
	return nil
}

func (rp *replayer) face(name string, px float64) (*face, error) {
	k := faceKey{name, px}
	if f, ok := rp.r.faces[k]; ok {
		return f, nil
	}
	fnt := rp.r.fs.Font(name)
	if fnt == nil {
		return nil, fmt.Errorf("raster: no font %q", name)
	}
	f := newFace(fnt.Parsed, px)
	rp.r.faces[k] = f
	return f, nil
}
