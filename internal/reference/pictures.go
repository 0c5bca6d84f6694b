package reference

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	xdraw "image/draw"
	"image/png"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/illustrate"
	"github.com/careprint/careprint/internal/routine"
)

// picturePx is the side of a docs picture in pixels.
const picturePx = 150

// pictureColors are the default clinic's: ink, its brand colour, white paper.
func pictureColors() illustrate.Colors {
	return illustrate.Colors{Ink: draw.Hex("#1F262B"), Brand: draw.Hex("#0F6E66"), Paper: draw.White()}
}

// MarkExample is the illustration docs/marks.md shows for a mark kind:
// its first use in the built-in routines (with that step's view), or the
// mark alone on the front view, at the breast, when no routine uses it.
func MarkExample(kind string, builtin []*routine.Routine) routine.Illustration {
	for _, r := range builtin {
		for _, s := range r.Steps {
			ils := []routine.Illustration{s.Illustration}
			for _, v := range s.Variants {
				if v.Illustration != nil {
					ils = append(ils, *v.Illustration)
				}
			}
			for _, il := range ils {
				for _, m := range il.Marks {
					if m.Kind == kind {
						return routine.Illustration{View: il.View, Marks: []routine.Mark{m}}
					}
				}
			}
		}
	}
	m := routine.Mark{Kind: kind, Side: "right"}
	spec := routine.MarkKinds()[kind]
	if spec.At {
		m.At = "breast"
	}
	if spec.FromTo {
		m.From, m.To = "breast", "armpit"
	}
	return routine.Illustration{View: "front", Marks: []routine.Mark{m}}
}

// LandmarkExample shows a landmark as a shaded zone on the front view.
func LandmarkExample(name string) routine.Illustration {
	return routine.Illustration{View: "front", Marks: []routine.Mark{{Kind: "zone", At: name, Side: "right"}}}
}

// Builtin loads the built-in routines and fonts.
func Builtin() ([]*routine.Routine, *fonts.Set, error) {
	rs, err := routine.LoadDir(careprint.Files, "templates/routines")
	if err != nil {
		return nil, nil, err
	}
	fset, err := fonts.Builtin(careprint.Files)
	return rs, fset, err
}

// Picture draws il as a small PNG: picturePx square, in a palette of
// shades of ink and brand on paper, so that it weighs a few KiB.
func Picture(il routine.Illustration, fset *fonts.Set) ([]byte, error) {
	col := pictureColors()
	const side = 100.0 // mm
	pg := draw.NewPage(side, side)
	bg := &draw.Path{}
	pg.Path(bg.MoveTo(0, 0).LineTo(side, 0).LineTo(side, side).LineTo(0, side).Close(), draw.Filled(col.Paper))
	if err := illustrate.Draw(pg, il, 0, 0, side, side, col); err != nil {
		return nil, err
	}
	img, err := raster.Render(pg, picturePx, picturePx, fset)
	if err != nil {
		return nil, err
	}
	pal := palette(col)
	out := image.NewPaletted(img.Bounds(), pal)
	xdraw.Draw(out, out.Bounds(), img, image.Point{}, xdraw.Src)
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// palette blends paper toward ink and toward the brand colour in steps.
func palette(col illustrate.Colors) color.Palette {
	const steps = 8
	var pal color.Palette
	for _, to := range []draw.Color{col.Ink, col.Brand} {
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t + 0.5) }
			pal = append(pal, color.RGBA{mix(col.Paper.R, to.R), mix(col.Paper.G, to.G), mix(col.Paper.B, to.B), 255})
		}
	}
	return pal
}

// pictureName is the file name of a picture in docs/img.
func pictureName(what, name string) string { return fmt.Sprintf("%s-%s.png", what, name) }
