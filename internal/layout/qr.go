package layout

import (
	"fmt"

	qr "github.com/piglig/go-qr"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// qrSide is the printed side of a QR code without its quiet zone, in mm:
// about 0.7 mm a module for a 30-module code, easy for a phone camera at
// reading distance.
const qrSide = 22.0

// QR draws the QR code of text as filled rectangles (vectors, no image)
// in the square box at (x, y) of side mm, dark on the page's white; the
// quiet zone of 4 modules around it is left to the caller. Each run of
// dark modules in a row is one rectangle.
func QR(pg *draw.Page, text string, x, y, side float64, c draw.Color) error {
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return fmt.Errorf("QR code of %q: %w", text, err)
	}
	n := code.Size()
	m := side / float64(n)
	p := &draw.Path{}
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !code.Module(col, row) {
				col++
				continue
			}
			end := col
			for end < n && code.Module(end, row) {
				end++
			}
			x0, y0 := x+float64(col)*m, y+float64(row)*m
			// a hair of overlap so no white seam shows between rows
			x1, y1 := x+float64(end)*m, y+float64(row+1)*m+0.01
			p.MoveTo(x0, y0).LineTo(x1, y0).LineTo(x1, y1).LineTo(x0, y1).Close()
			col = end
		}
	}
	pg.Path(p, draw.Filled(c))
	return nil
}

// linkBlock is the clinic's web link: its QR code with the label and the
// address beside it. The code keeps its orientation on a mirrored page.
func (h *Handout) linkBlock(ts typesetter, m metrics) (block, error) {
	x0, w := m.margin, h.PageW-2*m.margin
	side := qrSide
	if h.Large {
		side = 30
	}
	quiet := side / 29 * 4 // about 4 modules of a version 3 code
	tx := x0 + quiet + side + quiet
	tw := x0 + w - tx
	label, err := ts.wrap(h.Labels.Scan, fonts.Bold, m.body, tw, m.lead)
	if err != nil {
		return block{}, h.wrapErr("link label", err)
	}
	addr, err := typesetter{fs: ts.fs}.wrap(h.Link, fonts.Regular, m.body, tw, m.lead)
	if err != nil {
		return block{}, h.wrapErr("link", err)
	}
	textH := label.Height() + 1.5 + addr.Height()
	bh := side + 2*quiet
	if textH > bh {
		bh = textH
	}
	return block{h: bh, draw: func(pg *draw.Page, y float64) error {
		start := len(pg.Ops)
		// the code is a picture of the address printed beside it
		pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: h.Labels.Scan + " " + h.Link})
		err := QR(pg, h.Link, x0+quiet, y+(bh-side)/2, side, m.ink)
		pg.End()
		if err != nil {
			return err
		}
		pg.Keep(start, x0+quiet, side)
		ty := y + (bh-textH)/2
		ty = tagPara(pg, draw.Tag{Role: draw.RoleP}, label, tx, ty, h.Clinic.Primary, alignLeft, 0)
		tagPara(pg, draw.Tag{Role: draw.RoleP}, addr, tx, ty+1.5, m.ink, alignLeft, 0)
		return nil
	}}, nil
}
