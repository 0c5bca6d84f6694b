// Package raster replays a draw.Page into anti-aliased pixels with gg and
// encodes PNG. Resolution belongs here: the page is scaled to the pixel size
// asked for. It is the only package that imports gg.
package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logos may be JPEG
	"math"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// Renderer draws pages into pixels and encodes them as PNG, keeping its
// canvas, font faces (with their glyph caches) and encoding buffers from
// one page to the next: a batch of cards allocates them once. It is not
// safe for concurrent use; give each worker its own.
type Renderer struct {
	fs  *fonts.Set
	pix []byte      // the pixels of every canvas size: the largest so far
	dc  *gg.Context // the canvas of the last size drawn
	// faces of the last size drawn: a job's cards share them; another
	// size (the poster) starts afresh, so a worker holds one size's faces
	// (their glyph caches are hundreds of KiB each) and not every size's
	faces map[faceKey]font.Face
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
	if r.dc == nil || r.dc.Width() != w || r.dc.Height() != h {
		if len(r.pix) < 4*w*h {
			r.pix = make([]byte, 4*w*h)
		}
		img := &image.RGBA{Pix: r.pix[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
		r.dc = gg.NewContextForRGBA(img)
		r.faces = map[faceKey]font.Face{}
	}
	dc := r.dc
	dst, ok := dc.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("raster: gg image is %T, not *image.RGBA", dc.Image())
	}
	rp := &replayer{dc: dc, dst: dst, s: float64(w) / pg.W, fs: r.fs, faces: r.faces}
	ops := pg.Ops
	c, ok := draw.Color{}, false
	if len(ops) > 0 {
		c, ok = pageFill(ops[0], pg)
	}
	if ok {
		// a background over the whole page: set the pixels directly
		// instead of rasterizing a page-sized path
		fill(dst, color.RGBA{c.R, c.G, c.B, 255})
		ops = ops[1:]
	} else {
		clear(dst.Pix) // a canvas used before: transparent again
	}
	dc.ClearPath()
	for _, op := range ops {
		if err := rp.op(op); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// fill sets every pixel of img to c.
func fill(img *image.RGBA, c color.RGBA) {
	if len(img.Pix) < 4 {
		return
	}
	img.Pix[0], img.Pix[1], img.Pix[2], img.Pix[3] = c.R, c.G, c.B, c.A
	for n := 4; n < len(img.Pix); n *= 2 {
		copy(img.Pix[n:], img.Pix[:n])
	}
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
	dc    *gg.Context
	dst   *image.RGBA // dc's pixels
	s     float64     // px per mm
	fs    *fonts.Set
	faces map[faceKey]font.Face
}

func (r *replayer) op(op draw.Op) error {
	dc, s := r.dc, r.s
	switch o := op.(type) {
	case *draw.PathOp:
		dc.NewSubPath()
		for _, sg := range o.Path.Segs {
			switch sg.Op {
			case 'M':
				dc.MoveTo(sg.P[0].X*s, sg.P[0].Y*s)
			case 'L':
				dc.LineTo(sg.P[0].X*s, sg.P[0].Y*s)
			case 'C':
				dc.CubicTo(sg.P[0].X*s, sg.P[0].Y*s, sg.P[1].X*s, sg.P[1].Y*s, sg.P[2].X*s, sg.P[2].Y*s)
			case 'Z':
				dc.ClosePath()
			}
		}
		if c := o.Style.Fill; c != nil {
			dc.SetRGB255(int(c.R), int(c.G), int(c.B))
			dc.FillPreserve()
		}
		if c := o.Style.Stroke; c != nil {
			dc.SetRGB255(int(c.R), int(c.G), int(c.B))
			dc.SetLineWidth(math.Max(o.Style.Width*s, 1))
			dc.SetLineCap(gg.LineCapRound)
			dc.SetLineJoin(gg.LineJoinRound)
			dash := make([]float64, len(o.Style.Dash))
			for i, d := range o.Style.Dash {
				dash[i] = d * s
			}
			dc.SetDash(dash...)
			dc.StrokePreserve()
		}
		dc.ClearPath()
	case *draw.TextOp:
		x := o.X
		px := o.Size * fonts.PtToMM * s
		for _, run := range o.Runs {
			face, err := r.face(run.Font, px)
			if err != nil {
				return err
			}
			// draw glyphs straight onto the pixels: gg's DrawString runs
			// every glyph through a generic bilinear transform
			d := font.Drawer{Dst: r.dst, Src: image.NewUniform(color.RGBA{o.Color.R, o.Color.G, o.Color.B, 255}), Face: face,
				Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round((x*s + run.Dx*px) * 64)), Y: fixed.Int26_6(math.Round(o.Y * s * 64))}}
			d.DrawString(run.Text)
			if _, bold := fonts.Base(run.Font); bold {
				// a synthetic bold: draw again a hair to the right
				d.Dot = fixed.Point26_6{X: fixed.Int26_6(math.Round((x*s + run.Dx*px + px*0.035) * 64)), Y: d.Dot.Y}
				d.DrawString(run.Text)
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
		dst := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Over, nil)
		dc.DrawImage(dst, rect.Min.X, rect.Min.Y)
	default:
		return fmt.Errorf("raster: unknown operation %T", op)
	}
	return nil
}

func (r *replayer) face(name string, px float64) (font.Face, error) {
	k := faceKey{name, px}
	if f, ok := r.faces[k]; ok {
		return f, nil
	}
	fnt := r.fs.Font(name)
	if fnt == nil {
		return nil, fmt.Errorf("raster: no font %q", name)
	}
	// a small glyph cache: the default 512 entries allocate a mask of
	// 512 glyph boxes per face, megabytes per card for a few dozen glyphs
	f := truetype.NewFace(fnt.Parsed, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 64})
	r.faces[k] = f
	return f, nil
}
