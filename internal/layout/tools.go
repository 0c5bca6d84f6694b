package layout

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/routine"
)

// ToolLabels are the words of the pictures' legend, the remember box and
// the page tools, in the handout's language.
type ToolLabels struct {
	Start, Way, Both, Count, Order, Light string // legend
	Remember                              string
	TicksTitle                            string
	SheetTicks                            string             // "Tick the moves your handout uses."
	Day                                   func(n int) string // "Day 1"
	LogTitle, LogDone, LogEasing          string
	LogWarning, LogCall, Yes, No          string
}

// legendKinds are the symbols the routine's pictures use, in legend order:
// "start", "way", "both", "count", "order", "light".
func legendKinds(r *routine.Routine) []string {
	has := map[string]bool{}
	for _, s := range r.Steps {
		for _, m := range s.Illustration.Marks {
			switch m.Kind {
			case "sweep", "glide", "circles", "fingertip-circles", "butterfly", "roll", "roll-side", "nipple-roll":
				has["start"], has["way"] = true, true
			case "knead":
				has["both"] = true
			}
			if m.Kind == "glide" {
				has["light"] = true
			}
			if m.Count > 0 {
				has["count"] = true
			}
			if m.Order > 0 {
				has["order"] = true
			}
		}
	}
	var out []string
	for _, k := range []string{"start", "way", "both", "count", "order", "light"} {
		if has[k] {
			out = append(out, k)
		}
	}
	return out
}

// legend is a row of the pictures' symbols, each with its meaning: the
// start dot, the arrow, the two-way arrow, the count badge, the order
// number and the dashed light stroke, as far as the pictures use them.
func (h *Handout) legend(ts typesetter, m metrics) (block, bool, error) {
	kinds := legendKinds(h.Routine)
	if len(kinds) == 0 {
		return block{}, false, nil
	}
	tl := h.Labels.Tools
	words := map[string]string{"start": tl.Start, "way": tl.Way, "both": tl.Both, "count": tl.Count, "order": tl.Order, "light": tl.Light}
	x0, w := m.margin, h.PageW-2*m.margin
	size := m.small + 1
	glyphW, gap := 8.0, 5.0
	type item struct {
		kind string
		p    *Para
		w    float64
	}
	var items []item
	for _, k := range kinds {
		p, err := ts.wrap(words[k], fonts.Regular, size, w-glyphW-2, 1.2)
		if err != nil {
			return block{}, false, h.wrapErr("legend", err)
		}
		lw := 0.0
		for _, l := range p.Lines {
			lw = math.Max(lw, l.Width)
		}
		items = append(items, item{k, p, glyphW + 1.5 + lw})
	}
	// flow the items into lines
	lineH := size * fonts.PtToMM * 1.2
	var rows [][]item
	cur, cw := []item(nil), 0.0
	for _, it := range items {
		if len(cur) > 0 && cw+gap+it.w > w {
			rows = append(rows, cur)
			cur, cw = nil, 0
		}
		if len(cur) > 0 {
			cw += gap
		}
		cur, cw = append(cur, it), cw+it.w
	}
	rows = append(rows, cur)
	rowH := math.Max(lineH, 4.2) + 1
	hh := float64(len(rows)) * rowH
	col := h.Clinic.Primary
	return block{h: hh, draw: func(pg *draw.Page, y float64) error {
		for _, row := range rows {
			x := x0
			cy := y + rowH/2
			for _, it := range row {
				// each symbol and its meaning read as one line
				pg.Begin(draw.Tag{Role: draw.RoleP})
				legendGlyph(pg, h, it.kind, x, cy, glyphW, col, size)
				textPara(pg, it.p, x+glyphW+1.5, cy-it.p.Height()/2, m.muted, alignLeft, 0)
				pg.End()
				x += it.w + gap
			}
			y += rowH
		}
		return nil
	}}, true, nil
}

// legendGlyph draws the symbol kind in the box from x, w mm wide,
// centred on the line at cy, in the pictures' style.
func legendGlyph(pg *draw.Page, h *Handout, kind string, x, cy, w float64, col draw.Color, size float64) {
	lw := 0.45
	head := func(tipX float64, dir float64) {
		p := &draw.Path{}
		p.MoveTo(tipX, cy).LineTo(tipX-dir*1.6, cy-0.9).LineTo(tipX-dir*1.6, cy+0.9).Close()
		pg.Path(p, draw.Filled(col))
	}
	switch kind {
	case "start":
		pg.Path(draw.Circle(x+1.2, cy, 0.9), draw.Filled(col))
		pg.Path((&draw.Path{}).MoveTo(x+1.2, cy).LineTo(x+w-1, cy), draw.Stroked(col, lw))
	case "way":
		pg.Path((&draw.Path{}).MoveTo(x, cy).LineTo(x+w-1.4, cy), draw.Stroked(col, lw))
		head(x+w, 1)
	case "both":
		pg.Path((&draw.Path{}).MoveTo(x+1.4, cy).LineTo(x+w-1.4, cy), draw.Stroked(col, lw))
		head(x+w, 1)
		head(x, -1)
	case "light":
		st := draw.Stroked(col, lw*0.8)
		st.Dash = []float64{0.9, 0.6}
		pg.Path((&draw.Path{}).MoveTo(x, cy).LineTo(x+w-1.4, cy), st)
		head(x+w, 1)
	case "count":
		text(pg, h.Fonts, x, cy+size*fonts.PtToMM*0.36, size, col, fonts.Bold, "×3")
	case "order":
		pg.Path(draw.Circle(x+2, cy, 1.9), draw.Filled(col))
		nw := h.Fonts.Width(size-1, draw.Run{Font: fonts.Bold, Text: "1"})
		text(pg, h.Fonts, x+2-nw/2, cy+(size-1)*fonts.PtToMM*0.36, size-1, draw.White(), fonts.Bold, "1")
	}
}

// rememberAndTool is the routine's remember box beside its page tool (one
// under the other in large print or on narrow paper).
func (h *Handout) rememberAndTool(ts typesetter, m metrics) (block, bool, error) {
	r := h.Routine
	if len(r.Remember) == 0 && r.Tool == "" {
		return block{}, false, nil
	}
	w := h.PageW - 2*m.margin
	stack := h.Large || h.PageW < 160
	remW, toolW := w*0.5, w*0.5-4
	if stack || r.Tool == "" {
		remW, toolW = w, w
	}
	if len(r.Remember) == 0 {
		toolW = w
	}
	var rem, tool block
	var err error
	if len(r.Remember) > 0 {
		if rem, err = h.rememberBox(ts, m, remW); err != nil {
			return block{}, false, err
		}
	}
	switch r.Tool {
	case "ticks":
		tool, err = h.tickStrip(ts, m, toolW)
	case "log":
		tool, err = h.dayLog(ts, m, toolW)
	}
	if err != nil {
		return block{}, false, err
	}
	switch {
	case r.Tool == "":
		return block{h: rem.h, draw: func(pg *draw.Page, y float64) error { return rem.draw(pg, y) }}, true, nil
	case len(r.Remember) == 0:
		return tool, true, nil
	case stack:
		return block{h: rem.h + m.gap + tool.h, draw: func(pg *draw.Page, y float64) error {
			if err := rem.draw(pg, y); err != nil {
				return err
			}
			return tool.draw(pg, y+rem.h+m.gap)
		}}, true, nil
	}
	hh := math.Max(rem.h, tool.h)
	return block{h: hh, draw: func(pg *draw.Page, y float64) error {
		// rememberBox draws at the left margin; the tool goes right of it
		if err := rem.draw(pg, y); err != nil {
			return err
		}
		return tool.draw(pg, y)
	}}, true, nil
}

// rememberBox is a tinted box headed "Remember" with up to three short
// lines, remW mm wide at the left margin.
func (h *Handout) rememberBox(ts typesetter, m metrics, remW float64) (block, error) {
	c := h.Clinic
	x0 := m.margin
	pad := 4.0
	head, err := ts.wrap(h.Labels.Tools.Remember, fonts.Bold, m.h2, remW-2*pad, 1.2)
	if err != nil {
		return block{}, h.wrapErr("remember heading", err)
	}
	items, err := bullets(ts, h.Routine.Remember, m.body, remW-2*pad, m.lead)
	if err != nil {
		return block{}, h.wrapErr("remember", err)
	}
	items.langs = langsOf(h.Routine, "remember item %d", len(h.Routine.Remember))
	hh := pad + head.Height() + 1.5 + items.h + pad
	tint := c.Primary.Mix(draw.White(), 0.9)
	return block{h: hh, draw: func(pg *draw.Page, y float64) error {
		pg.Begin(draw.Tag{Role: draw.RoleSect})
		defer pg.End()
		pg.Path(draw.RoundRect(x0, y, remW, hh, 3), draw.Style{Fill: &tint, Stroke: &c.Primary, Width: 0.5})
		yy := tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0+pad, y+pad, c.Primary, alignLeft, 0)
		items.draw(pg, x0+pad, yy+1.5, m.ink, c.Primary)
		return nil
	}}, nil
}

// toolX is where a tool toolW mm wide starts: right of the remember box
// when they sit side by side, else at the margin.
func (h *Handout) toolX(m metrics, toolW float64) float64 {
	return m.margin + (h.PageW - 2*m.margin - toolW)
}

// dayLabels wraps "Day 1" to "Day 3" at size pt within maxW mm and
// returns them with the widest first line.
func (h *Handout) dayLabels(ts typesetter, size, maxW float64) ([]*Para, float64, error) {
	days := make([]*Para, 3)
	dayW := 0.0
	for i := range days {
		var err error
		if days[i], err = ts.wrap(h.Labels.Tools.Day(i+1), fonts.Regular, size, maxW, 1.2); err != nil {
			return nil, 0, err
		}
		dayW = math.Max(dayW, days[i].Lines[0].Width)
	}
	return days, dayW, nil
}

// tickStrip is a heading and one row of boxes a day for three days, to
// tick each time the routine is done.
func (h *Handout) tickStrip(ts typesetter, m metrics, toolW float64) (block, error) {
	x0 := h.toolX(m, toolW)
	tl := h.Labels.Tools
	head, err := ts.wrap(tl.TicksTitle, fonts.Bold, m.body, toolW, 1.2)
	if err != nil {
		return block{}, h.wrapErr("tick strip", err)
	}
	days, dayW, err := h.dayLabels(ts, m.body, toolW/3)
	if err != nil {
		return block{}, h.wrapErr("tick strip", err)
	}
	box, gap := 5.0, 1.6
	n := int((toolW - dayW - 3 + gap) / (box + gap))
	rowH := box + 2
	hh := head.Height() + 1.5 + 3*rowH
	return block{h: hh, draw: func(pg *draw.Page, y float64) error {
		pg.Begin(draw.Tag{Role: draw.RoleSect})
		defer pg.End()
		y = tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0, y, m.ink, alignLeft, 0)
		y += 1.5
		// a table: a row a day, its heading the day, its boxes to tick
		pg.Begin(draw.Tag{Role: draw.RoleTable})
		defer pg.End()
		for i, d := range days {
			ry := y + float64(i)*rowH
			pg.Begin(draw.Tag{Role: draw.RoleTR})
			tagPara(pg, draw.Tag{Role: draw.RoleTH}, d, x0, ry+(box-d.Leader)/2, m.ink, alignLeft, 0)
			for j := 0; j < n; j++ {
				bx := x0 + dayW + 3 + float64(j)*(box+gap)
				pg.Path(draw.RoundRect(bx, ry, box, box, 0.8), draw.Style{Stroke: &m.ink, Width: 0.35})
			}
			pg.End()
		}
		return nil
	}}, nil
}

// dayLog is a table to fill in once a day for three days: milk out done,
// the lump easing, any warning sign; and under it when to call.
func (h *Handout) dayLog(ts typesetter, m metrics, toolW float64) (block, error) {
	x0 := h.toolX(m, toolW)
	tl := h.Labels.Tools
	c := h.Clinic
	size := m.body - 1
	head, err := ts.wrap(tl.LogTitle, fonts.Bold, m.body, toolW, 1.2)
	if err != nil {
		return block{}, h.wrapErr("log", err)
	}
	days, dayW, err := h.dayLabels(ts, size, toolW/4)
	if err != nil {
		return block{}, h.wrapErr("log", err)
	}
	dayW += 2
	colW := (toolW - dayW) / 3
	cols := make([]*Para, 3)
	colsH := 0.0
	for i, s := range []string{tl.LogDone, tl.LogEasing, tl.LogWarning} {
		if cols[i], err = ts.wrap(s, fonts.Bold, size-1, colW-2, 1.15); err != nil {
			return block{}, h.wrapErr("log", err)
		}
		colsH = math.Max(colsH, cols[i].Height())
	}
	yes, err := ts.wrap(tl.Yes, fonts.Regular, size-1, colW/2, 1.2)
	if err != nil {
		return block{}, h.wrapErr("log", err)
	}
	no, err := ts.wrap(tl.No, fonts.Regular, size-1, colW/2, 1.2)
	if err != nil {
		return block{}, h.wrapErr("log", err)
	}
	call, err := ts.wrap(tl.LogCall, fonts.Bold, size, toolW, m.lead)
	if err != nil {
		return block{}, h.wrapErr("log", err)
	}
	box := 4.2
	rowH := box + 2.4
	hh := head.Height() + 1.5 + colsH + 1.5 + 3*rowH + 1.5 + call.Height()
	return block{h: hh, draw: func(pg *draw.Page, y float64) error {
		pg.Begin(draw.Tag{Role: draw.RoleSect})
		defer pg.End()
		y = tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0, y, m.ink, alignLeft, 0)
		y += 1.5
		// a table: a heading row, then a row a day
		pg.Begin(draw.Tag{Role: draw.RoleTable})
		pg.Begin(draw.Tag{Role: draw.RoleTR})
		for i, p := range cols {
			tagPara(pg, draw.Tag{Role: draw.RoleTH}, p, x0+dayW+float64(i)*colW, y, m.ink, alignLeft, 0)
		}
		pg.End()
		y += colsH + 1.5
		square := func(x, yy float64) {
			pg.Path(draw.RoundRect(x, yy, box, box, 0.7), draw.Style{Stroke: &m.ink, Width: 0.35})
		}
		for i, d := range days {
			ry := y + float64(i)*rowH
			pg.Path((&draw.Path{}).MoveTo(x0, ry-1.2).LineTo(x0+toolW, ry-1.2), draw.Stroked(m.rule, 0.3))
			pg.Begin(draw.Tag{Role: draw.RoleTR})
			tagPara(pg, draw.Tag{Role: draw.RoleTH}, d, x0, ry+(box-d.Leader)/2, m.ink, alignLeft, 0)
			square(x0+dayW, ry)
			for k := 1; k < 3; k++ {
				pg.Begin(draw.Tag{Role: draw.RoleTD})
				cx := x0 + dayW + float64(k)*colW
				square(cx, ry)
				textPara(pg, yes, cx+box+1, ry+(box-yes.Leader)/2, m.muted, alignLeft, 0)
				nx := cx + box + 1 + yes.Lines[0].Width + 2.5
				square(nx, ry)
				textPara(pg, no, nx+box+1, ry+(box-no.Leader)/2, m.muted, alignLeft, 0)
				pg.End()
			}
			pg.End()
		}
		pg.End() // table
		y += 3*rowH + 1.5
		tagPara(pg, draw.Tag{Role: draw.RoleP}, call, x0, y, c.Accent, alignLeft, 0)
		return nil
	}}, nil
}
