package layout

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/illustrate"
)

// sheetRows lays a glossary sheet out as rows of two entries (one in large
// print): each a pictogram beside the entry's name and one-line caption.
func (h *Handout) sheetRows(ts typesetter, m metrics) ([]block, error) {
	r := h.Routine
	x0, w := m.margin, h.PageW-2*m.margin
	cols := 2
	if h.Large {
		cols = 1
	}
	gap := 3.0
	cellW := (w - gap*float64(cols-1)) / float64(cols)
	// pictures twice the size they had on a one-page sheet (19 mm): at
	// print size roll, side to side and kneading must look different, and a
	// count badge must be readable. The sheet takes two sides of a paper.
	pic := math.Min(m.illus*1.2, 38)
	pad := 2.0
	if h.Large {
		pic = m.illus * 0.6
	}
	tw := cellW - pic - 4*pad - 4.5 // room for the tick box
	type cell struct {
		name, caption *Para
		h             float64
	}
	cells := make([]cell, len(r.Steps))
	for i := range r.Steps {
		s := &r.Steps[i]
		name, err := ts.wrap(s.Title, fonts.Bold, m.stepTitle, tw, 1.2)
		if err != nil {
			return nil, h.stepErr(s, "title", err)
		}
		capText := s.Caption
		if capText == "" {
			capText = s.Text
		}
		cp, err := ts.wrap(capText, fonts.Regular, m.body, tw, m.lead)
		if err != nil {
			return nil, h.stepErr(s, "caption", err)
		}
		cells[i] = cell{name, cp, math.Max(pic, name.Height()+1.2+cp.Height()) + 2*pad}
	}
	const rowGap = 2.0
	// a checklist: the reader ticks the moves her handouts use
	const box = 4.5
	ticks, err := ts.wrap(h.Labels.Tools.SheetTicks, fonts.Bold, m.body, w-box-2, m.lead)
	if err != nil {
		return nil, h.wrapErr("sheet ticks", err)
	}
	rows := []block{{h: ticks.Height(), draw: func(pg *draw.Page, y float64) error {
		pg.Path(draw.RoundRect(x0, y+(ticks.Height()-box)/2-0.4, box, box, 0.8), draw.Style{Stroke: &h.Clinic.Primary, Width: 0.4})
		tagPara(pg, draw.Tag{Role: draw.RoleP}, ticks, x0+box+2, y, m.ink, alignLeft, 0)
		return nil
	}}}
	for start := 0; start < len(cells); start += cols {
		end := min(start+cols, len(cells))
		rowH := 0.0
		for _, c := range cells[start:end] {
			rowH = math.Max(rowH, c.h)
		}
		first := start
		rows = append(rows, block{h: rowH, draw: func(pg *draw.Page, y float64) error {
			for i := first; i < end; i++ {
				c := cells[i]
				cx := x0 + float64(i-first)*(cellW+gap)
				pg.Path(draw.RoundRect(cx, y, cellW, rowH, 3), draw.Style{Stroke: &m.rule, Width: 0.35})
				pg.Path(draw.RoundRect(cx+cellW-pad-box, y+pad, box, box, 0.8), draw.Style{Stroke: &h.Clinic.Primary, Width: 0.4})
				s := &h.Routine.Steps[i]
				field := "text"
				if s.Caption != "" {
					field = "caption"
				}
				tx := cx + pic + 2*pad
				ty := y + (rowH-(c.name.Height()+1.2+c.caption.Height()))/2
				ty = tagPara(pg, draw.Tag{Role: draw.RoleH2, Lang: r.LangOf("step " + s.ID + ": title")}, c.name, tx, ty, m.ink, alignLeft, 0)
				tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: r.LangOf("step " + s.ID + ": " + field)}, c.caption, tx, ty+1.2, m.ink, alignLeft, 0)
				col := illustrate.Colors{Ink: m.ink, Brand: h.Clinic.Primary, Paper: draw.White()}
				if err := h.picture(pg, s, cx+pad, y+(rowH-pic)/2, pic, col); err != nil {
					return err
				}
			}
			return nil
		}})
	}
	return rows, nil // rows flow across pages
}
