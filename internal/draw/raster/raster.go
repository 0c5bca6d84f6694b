// Package raster replays a draw.Page into anti-aliased pixels with gg and
// encodes PNG. Resolution belongs here: the page is scaled to the pixel size
// asked for. It is the only package that imports gg.
package raster

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	"image/png"
	"io"
	"math"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// Render draws pg into a w×h pixel image.
func Render(pg *draw.Page, w, h int, fs *fonts.Set) (image.Image, error) {
	dc := gg.NewContext(w, h)
	s := float64(w) / pg.W
	r := &replayer{dc: dc, s: s, fs: fs, faces: map[faceKey]font.Face{}}
	for _, op := range pg.Ops {
		if err := r.op(op); err != nil {
			return nil, err
		}
	}
	return dc.Image(), nil
}

// EncodePNG writes img as a PNG, favouring speed over the last byte.
func EncodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

type faceKey struct {
	font string
	px   float64
}

type replayer struct {
	dc    *gg.Context
	s     float64 // px per mm
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
		dc.SetRGB255(int(o.Color.R), int(o.Color.G), int(o.Color.B))
		x := o.X
		px := o.Size * fonts.PtToMM * s
		for _, run := range o.Runs {
			face, err := r.face(run.Font, px)
			if err != nil {
				return err
			}
			dc.SetFontFace(face)
			dc.DrawString(run.Text, x*s, o.Y*s)
			x += r.fs.Width(o.Size, run)
		}
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
	f := truetype.NewFace(fnt.Parsed, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingNone})
	r.faces[k] = f
	return f, nil
}
