package layout

import (
	"fmt"
	"math"
	"strings"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/routine"
)

// PlanLabels are the plan page's words in the handout's language.
type PlanLabels struct {
	Title      string // "Your care plan"
	For        string // "For:" (each label with its colon, as the language writes it)
	Date       string // "Date:"
	Consultant string // "Your consultant:"
	What       string // "What to do"
	When       string // "When:"
	Side       string // "Side:"
	Note       string // "A note for you"
	Chart      string // "Tick a box each day you do it."
	Day        string
	Next       string           // "The next pages show how to do each one, step by step."
	Days       func(int) string // "Every day for 7 days"
}

// PlanItem is one routine on the plan page.
type PlanItem struct {
	Title string
	When  string // the consultant's words, "" for none
	Side  string // "left breast", "" for none
}

// Plan is a consultant's plan for one client: a plan page followed by
// the handout of each routine. Client, Consultant and Note are the
// consultant's own words, in any script the fonts can draw; none of them
// goes into the document's metadata.
type Plan struct {
	Labels     PlanLabels
	Client     string
	Consultant string
	Date       string // already formatted in the handout's language
	Note       string
	Days       int // days of the tick chart, 1 to 28
	Items      []PlanItem
	Link       string // the clinic's link, shown as a QR code; "" for none
	// Handouts are the routines' handouts, in the plan's order; the first
	// gives the plan page its clinic, paper, fonts and direction.
	Handouts []*Handout
}

// maxChartCols is the most days one row of the tick chart shows.
const maxChartCols = 14

// Document lays out the plan page, then each handout's pages.
func (p *Plan) Document() (*draw.Document, error) {
	if len(p.Handouts) == 0 || len(p.Handouts) != len(p.Items) {
		return nil, fmt.Errorf("plan: %d routines for %d handouts", len(p.Items), len(p.Handouts))
	}
	base := *p.Handouts[0]
	base.Routine = &routine.Routine{ID: "plan", Title: p.Labels.Title, File: "plan page"}
	base.Link = p.Link
	h := &base
	m := h.metrics()
	ts := h.typesetter()
	x0, w := m.margin, h.PageW-2*m.margin

	var blocks []block
	head, err := h.header(ts, m)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, head)
	title, err := ts.wrap(p.Labels.Title, fonts.Bold, m.title, w, 1.2)
	if err != nil {
		return nil, h.wrapErr("title", err)
	}
	blocks = append(blocks, block{h: title.Height(), draw: func(pg *draw.Page, y float64) error {
		tagPara(pg, draw.Tag{Role: draw.RoleH1}, title, x0, y, m.ink, alignLeft, w)
		return nil
	}})
	// who, when, by whom: labels in a column, values beside them
	var rows [][2]string
	for _, r := range [][2]string{{p.Labels.For, p.Client}, {p.Labels.Date, p.Date}, {p.Labels.Consultant, p.Consultant}} {
		if r[1] != "" {
			rows = append(rows, r)
		}
	}
	labelW := 0.0
	for _, r := range rows {
		lw, err := ts.width(fonts.Bold, r[0], m.body)
		if err != nil {
			return nil, h.wrapErr("plan labels", err)
		}
		labelW = math.Max(labelW, lw)
	}
	for _, r := range rows {
		label, err := ts.wrap(r[0], fonts.Bold, m.body, labelW, m.lead)
		if err != nil {
			return nil, h.wrapErr(r[0], err)
		}
		val, err := ts.wrap(r[1], fonts.Regular, m.body, w-labelW-3, m.lead)
		if err != nil {
			return nil, fmt.Errorf("plan page: %s: %w", r[0], err)
		}
		blocks = append(blocks, block{h: math.Max(label.Height(), val.Height()) - m.gap + 1, draw: func(pg *draw.Page, y float64) error {
			// one paragraph: "For: Ana"
			pg.Begin(draw.Tag{Role: draw.RoleP})
			textPara(pg, label, x0, y, m.muted, alignLeft, 0)
			textPara(pg, val, x0+labelW+3, y, m.ink, alignLeft, 0)
			pg.End()
			return nil
		}})
	}
	what, err := ts.wrap(p.Labels.What, fonts.Bold, m.h2, w, 1.2)
	if err != nil {
		return nil, h.wrapErr("plan heading", err)
	}
	blocks = append(blocks, block{h: what.Height(), draw: func(pg *draw.Page, y float64) error {
		tagPara(pg, draw.Tag{Role: draw.RoleH2}, what, x0, y+2, h.Clinic.Primary, alignLeft, 0)
		return nil
	}})
	for i, it := range p.Items {
		b, err := p.itemBlock(h, ts, m, i, it)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	if p.Note != "" {
		b, err := p.noteBlock(h, ts, m)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	chart, err := p.chartBlocks(h, ts, m)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, chart...)
	if p.Link != "" {
		b, err := h.linkBlock(ts, m)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	next, err := ts.wrap(p.Labels.Next, fonts.Regular, m.body, w, m.lead)
	if err != nil {
		return nil, h.wrapErr("plan next", err)
	}
	blocks = append(blocks, block{h: next.Height(), draw: func(pg *draw.Page, y float64) error {
		tagPara(pg, draw.Tag{Role: draw.RoleP}, next, x0, y, m.muted, alignLeft, 0)
		return nil
	}})
	// the pages are numbered through the whole plan ("Page 3 of 5"): a
	// first pass counts each part's pages
	doc, err := h.paginate(ts, m, blocks)
	if err != nil {
		return nil, err
	}
	counts := make([]int, len(p.Handouts))
	total := len(doc.Pages)
	for i, ho := range p.Handouts {
		d, err := ho.Document()
		if err != nil {
			return nil, err
		}
		counts[i] = len(d.Pages)
		total += counts[i]
	}
	h.PageFirst, h.PageTotal = 1, total
	if doc, err = h.paginate(ts, m, blocks); err != nil {
		return nil, err
	}
	for i, ho := range p.Handouts {
		part := *ho
		part.PageFirst, part.PageTotal = len(doc.Pages)+1, total
		d, err := part.Document()
		if err != nil {
			return nil, err
		}
		if len(d.Pages) != counts[i] {
			return nil, fmt.Errorf("plan: %s took %d pages, then %d", ho.Routine.ID, counts[i], len(d.Pages))
		}
		doc.Pages = append(doc.Pages, d.Pages...)
	}
	doc.Subject = ""
	return doc, nil
}

// itemBlock is one routine of the plan: its number and title, then when,
// which side and for how many days.
func (p *Plan) itemBlock(h *Handout, ts typesetter, m metrics, i int, it PlanItem) (block, error) {
	x0, w := m.margin, h.PageW-2*m.margin
	numD := 2 * m.num
	tx := x0 + numD + 3
	tw := x0 + w - tx
	title, err := ts.wrap(it.Title, fonts.Bold, m.stepTitle, tw, 1.2)
	if err != nil {
		return block{}, h.wrapErr("plan item", err)
	}
	var lines []*Para
	for _, l := range [][2]string{{p.Labels.When, it.When}, {p.Labels.Side, it.Side}} {
		if l[1] == "" {
			continue
		}
		para, err := ts.wrap(labelled(l[0], l[1]), fonts.Regular, m.body, tw, m.lead)
		if err != nil {
			return block{}, fmt.Errorf("plan page: %s: %w", l[0], err)
		}
		lines = append(lines, para)
	}
	days, err := ts.wrap(p.Labels.Days(p.Days), fonts.Regular, m.body, tw, m.lead)
	if err != nil {
		return block{}, h.wrapErr("plan days", err)
	}
	lines = append(lines, days)
	bh := math.Max(numD, title.Height()) + 1
	for _, l := range lines {
		bh += l.Height()
	}
	return block{h: bh, draw: func(pg *draw.Page, y float64) error {
		headH := math.Max(numD, title.Height())
		cy := y + headH/2
		pg.Path(draw.Circle(x0+m.num, cy, m.num), draw.Filled(h.Clinic.Primary))
		num := fmt.Sprint(i + 1)
		nw, err := ts.fs.TextWidth(fonts.Bold, num, m.stepTitle)
		if err != nil {
			return err
		}
		// a section per routine: its number and title as a heading, then
		// a paragraph a line
		pg.Begin(draw.Tag{Role: draw.RoleSect})
		defer pg.End()
		pg.Begin(draw.Tag{Role: draw.RoleH2})
		text(pg, h.Fonts, x0+m.num-nw/2, cy+m.stepTitle*fonts.PtToMM*0.36, m.stepTitle, draw.White(), fonts.Bold, num)
		textPara(pg, title, tx, cy-title.Height()/2, m.ink, alignLeft, 0)
		pg.End()
		yy := y + headH + 1
		for _, l := range lines {
			yy = tagPara(pg, draw.Tag{Role: draw.RoleP}, l, tx, yy, m.ink, alignLeft, 0)
		}
		return nil
	}}, nil
}

// noteBlock is the consultant's note in a tinted box.
func (p *Plan) noteBlock(h *Handout, ts typesetter, m metrics) (block, error) {
	x0, w := m.margin, h.PageW-2*m.margin
	pad := 4.0
	head, err := ts.wrap(p.Labels.Note, fonts.Bold, m.body, w-2*pad, m.lead)
	if err != nil {
		return block{}, h.wrapErr("plan note heading", err)
	}
	body, err := ts.wrap(p.Note, fonts.Regular, m.body, w-2*pad, m.lead)
	if err != nil {
		return block{}, fmt.Errorf("plan page: note: %w", err)
	}
	bh := 2*pad + head.Height() + 1 + body.Height()
	tint := h.Clinic.Primary.Mix(draw.White(), 0.92)
	return block{h: bh, draw: func(pg *draw.Page, y float64) error {
		pg.Path(draw.RoundRect(x0, y, w, bh, 3), draw.Style{Fill: &tint})
		pg.Begin(draw.Tag{Role: draw.RoleSect})
		yy := tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0+pad, y+pad, h.Clinic.Primary, alignLeft, 0)
		tagPara(pg, draw.Tag{Role: draw.RoleP}, body, x0+pad, yy+1, m.ink, alignLeft, 0)
		pg.End()
		return nil
	}}, nil
}

// chartBlocks are the tick chart: its heading, then a grid per 14 days
// (7 on narrow pages)
// with a row of boxes per routine and the day numbers on top.
func (p *Plan) chartBlocks(h *Handout, ts typesetter, m metrics) ([]block, error) {
	x0, w := m.margin, h.PageW-2*m.margin
	head, err := ts.wrap(p.Labels.Chart, fonts.Bold, m.h2, w, 1.2)
	if err != nil {
		return nil, h.wrapErr("plan chart heading", err)
	}
	var out []block
	labelW := w * 0.3
	// a cell is at least as wide as a two-digit day and 7 mm; a row shows
	// two weeks, else one, else what fits
	numW, err := ts.width(fonts.Bold, "28", m.small+1)
	if err != nil {
		return nil, err
	}
	minCell := math.Max(7, numW+2)
	perRow := int((w - labelW) / minCell)
	switch {
	case perRow >= maxChartCols:
		perRow = maxChartCols
	case perRow >= 7:
		perRow = 7
	}
	perRow = max(1, perRow)
	cols := min(p.Days, perRow)
	cell := math.Min(9, (w-labelW)/float64(cols))
	box := cell * 0.8
	var names []*Para
	for i, it := range p.Items {
		para, err := ts.wrap(fmt.Sprintf("%d. %s", i+1, it.Title), fonts.Regular, m.small+1, labelW-2, 1.2)
		if err != nil {
			return nil, h.wrapErr("plan chart", err)
		}
		names = append(names, para)
	}
	dayW, err := ts.width(fonts.Bold, p.Labels.Day, m.small+1)
	if err != nil {
		return nil, h.wrapErr("plan chart", err)
	}
	dayLabel, err := ts.wrap(p.Labels.Day, fonts.Bold, m.small+1, labelW-2, 1.2)
	if err != nil {
		return nil, h.wrapErr("plan chart", err)
	}
	for from := 1; from <= p.Days; from += perRow {
		to := min(p.Days, from+perRow-1)
		rowH := make([]float64, len(names))
		gh := cell
		for i, n := range names {
			rowH[i] = math.Max(cell, n.Height())
			gh += rowH[i]
		}
		headH := 0.0
		if from == 1 { // the heading stays with the first grid
			headH = head.Height() + 2
		}
		out = append(out, block{h: headH + gh, draw: func(pg *draw.Page, y float64) error {
			if headH > 0 {
				tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0, y+2, h.Clinic.Primary, alignLeft, 0)
				y += headH
			}
			gx := x0 + labelW
			// a table: a header row of days, then a row per routine
			// whose cells are boxes to tick (decoration)
			pg.Begin(draw.Tag{Role: draw.RoleTable})
			defer pg.End()
			pg.Begin(draw.Tag{Role: draw.RoleTR})
			tagPara(pg, draw.Tag{Role: draw.RoleTH}, dayLabel, x0+labelW-2-dayW, y+(cell-dayLabel.Height())/2, m.muted, alignLeft, 0)
			for d := from; d <= to; d++ {
				num := fmt.Sprint(d)
				nw, err := ts.fs.TextWidth(fonts.Bold, num, m.small+1)
				if err != nil {
					return err
				}
				cx := gx + float64(d-from)*cell + cell/2
				pg.Begin(draw.Tag{Role: draw.RoleTH})
				text(pg, h.Fonts, cx-nw/2, y+cell*0.7, m.small+1, m.muted, fonts.Bold, num)
				pg.End()
			}
			pg.End()
			yy := y + cell
			for i, n := range names {
				pg.Begin(draw.Tag{Role: draw.RoleTR})
				tagPara(pg, draw.Tag{Role: draw.RoleTH}, n, x0, yy+(rowH[i]-n.Height())/2, m.ink, alignLeft, 0)
				pg.End()
				for d := from; d <= to; d++ {
					bx := gx + float64(d-from)*cell + (cell-box)/2
					pg.Path(draw.RoundRect(bx, yy+(rowH[i]-box)/2, box, box, 0.8), draw.Stroked(h.Clinic.Primary, 0.35))
				}
				yy += rowH[i]
			}
			return nil
		}})
	}
	return out, nil
}

// labelled joins a label that ends in its colon and a value: with a
// space, except after a full-width colon (Chinese).
func labelled(label, value string) string {
	if strings.HasSuffix(label, "：") {
		return label + value
	}
	return label + " " + value
}
