package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/illustrate"
	"github.com/careprint/careprint/internal/routine"
)

// CardWidth is the width in mm every card and poster is composed at; the
// raster backend scales it to the pixel size asked for.
const CardWidth = 120.0

// cardStyle holds the sizes of a card.
type cardStyle struct {
	margin, num, title, badge, caption, small float64
	bg, ink, muted                            draw.Color
}

func (h *Handout) cardStyle() cardStyle {
	return cardStyle{margin: 8, num: 9, title: 21, badge: 11, caption: 13.5, small: 8,
		bg: h.Clinic.Primary.Mix(draw.White(), 0.95), ink: draw.Hex(inkHex), muted: draw.Hex(mutedHex)}
}

// Card composes the PNG card for step i on a page of CardWidth × (CardWidth
// × hpx / wpx) mm: number, title, badge, picture, caption, clinic name. A
// wide card puts the picture on the left, a square or tall one below the title.
func (h *Handout) Card(i, wpx, hpx int) (*draw.Page, error) {
	s := &h.Routine.Steps[i]
	cs := h.cardStyle()
	W := CardWidth
	H := W * float64(hpx) / float64(wpx)
	pg := draw.NewPage(W, H)
	pg.Path(&draw.Path{Segs: rectSegs(0, 0, W, H)}, draw.Filled(cs.bg))
	wide := H < W*0.8
	// the text column: the whole width, or right of the picture
	x0 := cs.margin
	pic := 0.0
	if wide {
		pic = H - 2*cs.margin
		x0 = cs.margin + pic + 6
		cs.title, cs.caption, cs.num = cs.title*0.8, cs.caption*0.85, cs.num*0.8
	}
	colW := W - cs.margin - x0
	top, err := h.cardHead(pg, cs, s, i, x0, colW)
	if err != nil {
		return nil, err
	}
	ts := h.typesetter()
	caption := s.Caption
	if caption == "" {
		caption = s.Title
	}
	cp, err := ts.wrap(caption, fonts.Regular, cs.caption, colW, 1.3)
	if err != nil {
		return nil, h.stepErr(s, "caption", err)
	}
	if len(cp.Lines) > 3 {
		return nil, h.stepErr(s, "caption", &OverflowError{What: "card caption (3 lines)", Text: caption})
	}
	foot, err := ts.wrap(h.Clinic.Name, fonts.Regular, cs.small, colW, 1.2)
	if err != nil {
		return nil, h.wrapErr("clinic name", err)
	}
	footY := H - cs.margin + 2 - foot.Height()
	a := alignCenter
	if wide {
		a = alignLeft
	}
	capY := footY - 3 - cp.Height()
	if wide {
		capY = top + 2
		if capY+cp.Height() > footY-2 {
			return nil, h.stepErr(s, "caption", &OverflowError{What: "card caption", Text: caption})
		}
	}
	textPara(pg, cp, x0, capY, cs.ink, a, colW)
	textPara(pg, foot, x0, footY, cs.muted, a, colW)
	col := illustrate.Colors{Ink: cs.ink, Brand: h.Clinic.Primary, Paper: cs.bg}
	if wide {
		err = h.picture(pg, s, cs.margin, cs.margin, pic, col)
	} else {
		box := capY - 3 - top
		if box < 30 {
			return nil, h.stepErr(s, "card", &OverflowError{What: "card picture (too little room)", Text: s.Title})
		}
		err = h.picture(pg, s, (W-box)/2, top, box, col)
	}
	if err != nil {
		return nil, err
	}
	if h.RTL {
		pg.Mirror()
	}
	return pg, nil
}

// cardHead draws the step number, title and badge in the column at x0 of
// width w, and returns the y below them.
func (h *Handout) cardHead(pg *draw.Page, cs cardStyle, s *routine.Step, i int, x0, w float64) (float64, error) {
	ts := h.typesetter()
	c := h.Clinic
	numD := 2 * cs.num
	tx := x0 + numD + 5
	tw := x0 + w - tx
	title, err := ts.wrap(s.Title, fonts.Bold, cs.title, tw, 1.15)
	if err != nil {
		return 0, h.stepErr(s, "title", err)
	}
	if len(title.Lines) > 3 {
		return 0, h.stepErr(s, "title", &OverflowError{What: "card title (3 lines)", Text: s.Title})
	}
	y := cs.margin
	cy := y + cs.num
	pg.Path(draw.Circle(x0+cs.num, cy, cs.num), draw.Filled(c.Primary))
	num := fmt.Sprint(i + 1)
	nsize := cs.num * 3.3
	nw, err := h.Fonts.TextWidth(fonts.Bold, num, nsize)
	if err != nil {
		return 0, err
	}
	text(pg, h.Fonts, x0+cs.num-nw/2, cy+nsize*fonts.PtToMM*0.36, nsize, draw.White(), fonts.Bold, num)
	badge := h.badgeText(s)
	ty := y
	if title.Height() < numD {
		ty = cy - title.Height()/2
		if badge != "" {
			ty -= 4
		}
	}
	ty = textPara(pg, title, tx, ty, cs.ink, alignLeft, 0)
	if badge != "" {
		bp, err := ts.wrap(badge, fonts.Bold, cs.badge, tw-6, 1.2)
		if err != nil || len(bp.Lines) > 1 {
			return 0, h.stepErr(s, "badge", &OverflowError{What: "card badge (1 line)", Text: badge})
		}
		bh := bp.Height() + 2.4
		pg.Path(draw.RoundRect(tx, ty+1, bp.Lines[0].Width+6, bh, bh/2), draw.Filled(c.Primary.Mix(draw.White(), 0.85)))
		textPara(pg, bp, tx+3, ty+2.2, c.Primary, alignLeft, 0)
		ty += bh + 1
	}
	return math.Max(ty, y+numD) + 4, nil
}

// Poster composes all steps on one tall page: routine title, a grid of
// numbered pictures with step titles, and the warning signs. When the
// pictures would come out too small it tries again denser: smaller type,
// then each step as a picture beside its words. Last it leaves out the
// routine's Remember box, and says so: left names what the poster does
// not show.
func (h *Handout) Poster(wpx, hpx int) (pg *draw.Page, left []string, err error) {
	for _, remember := range []bool{true, false} {
		for dense := 0; dense < 3; dense++ {
			pg, err = h.poster(wpx, hpx, dense, remember)
			var oe *OverflowError
			if err == nil && !remember && len(h.Routine.Remember) > 0 {
				left = append(left, "the Remember box (no room)")
			}
			if err == nil || !errors.As(err, &oe) {
				return pg, left, err
			}
		}
	}
	return nil, nil, err
}

// poster lays the poster out at a density: 0 as designed, 1 smaller type,
// 2 also each step as a row: picture beside its numbered title and caption,
// With remember, the routine's remember box sits above the warning signs;
// a poster too full for it is laid out again without it (the steps and
// the warning signs come first).
func (h *Handout) poster(wpx, hpx, dense int, withRemember bool) (*draw.Page, error) {
	small := 8.5 - 0.75*float64(dense)
	cs := h.cardStyle()
	ts := h.typesetter()
	r := h.Routine
	c := h.Clinic
	W := CardWidth
	H := W * float64(hpx) / float64(wpx)
	pg := draw.NewPage(W, H)
	pg.Path(&draw.Path{Segs: rectSegs(0, 0, W, H)}, draw.Filled(cs.bg))
	x0, w := cs.margin, W-2*cs.margin

	name, err := ts.wrap(c.Name, fonts.Bold, 9, w, 1.2)
	if err != nil {
		return nil, h.wrapErr("clinic name", err)
	}
	y := textPara(pg, name, x0, cs.margin, c.Primary, alignLeft, 0)
	title, err := ts.wrap(r.Title, fonts.Bold, 17, w, 1.15)
	if err != nil {
		return nil, h.wrapErr("title", err)
	}
	y = textPara(pg, title, x0, y+1, cs.ink, alignLeft, 0) + 3

	// warning box at the bottom, measured first
	flags, err := bullets(ts, r.RedFlags, small, w-8, 1.25)
	if err != nil {
		return nil, h.wrapErr("red flags", err)
	}
	head, err := ts.wrap(h.Labels.WhenToCall, fonts.Bold, small+2, w-8-6, 1.2)
	if err != nil {
		return nil, h.wrapErr("red flags heading", err)
	}
	var call *Para
	if c.Phone != "" {
		call, err = ts.wrap(h.Labels.Contact+" "+i18n.Isolate(c.Phone), fonts.Bold, small, w-8, 1.25)
		if err != nil {
			return nil, h.wrapErr("contact", err)
		}
	}
	boxH := 4 + head.Height() + 1.5 + flags.h + 3
	if call != nil {
		boxH += call.Height() + 1
	}
	boxY := H - cs.margin - boxH
	// the remember box above it, when the routine has one
	var rem *bulletList
	var remHead *Para
	remY, remH := boxY, 0.0
	if len(r.Remember) > 0 && withRemember {
		// the lines run on, one after another, to keep the box low
		if rem, err = bullets(ts, []string{strings.Join(r.Remember, "  ·  ")}, small, w-8, 1.25); err != nil {
			return nil, h.wrapErr("remember", err)
		}
		if remHead, err = ts.wrap(h.Labels.Tools.Remember, fonts.Bold, small+1, w-8, 1.2); err != nil {
			return nil, h.wrapErr("remember heading", err)
		}
		remH = 2.5 + remHead.Height() + 0.5 + rem.h + 2.5
		remY = boxY - 3 - remH
	}

	n := len(r.Steps)
	cols := 2
	if n <= 2 {
		cols = 1
	}

	rows := (n + cols - 1) / cols
	gap := 3.0
	cellW := (w - gap*float64(cols-1)) / float64(cols)
	cellH := (remY - 3 - y - gap*float64(rows-1)) / float64(rows)
	stepSize := 10.5 - 0.75*float64(dense)
	if rows > 3 {
		stepSize -= 1.5
	}
	for i := range r.Steps {
		s := &r.Steps[i]
		cx := x0 + float64(i%cols)*(cellW+gap)
		cyy := y + float64(i/cols)*(cellH+gap)
		pg.Path(draw.RoundRect(cx, cyy, cellW, cellH, 2.5), draw.Filled(draw.White()))
		if r.Layout == "sheet" || dense == 2 {
			title := s.Title
			if r.Layout != "sheet" {
				title = fmt.Sprintf("%d. %s", i+1, s.Title)
			}
			if err := h.posterEntry(pg, cs, s, title, cx, cyy, cellW, cellH); err != nil {
				return nil, err
			}
			continue
		}
		st, err := ts.wrap(s.Title, fonts.Bold, stepSize, cellW-16, 1.15)
		if err != nil {
			return nil, h.stepErr(s, "title", err)
		}
		if len(st.Lines) > 3 {
			return nil, h.stepErr(s, "poster title", &OverflowError{What: "poster step title (3 lines)", Text: s.Title})
		}
		nr := 4.0
		pg.Path(draw.Circle(cx+3+nr, cyy+3+nr, nr), draw.Filled(c.Primary))
		num := fmt.Sprint(i + 1)
		nw, _ := h.Fonts.TextWidth(fonts.Bold, num, 11)
		text(pg, h.Fonts, cx+3+nr-nw/2, cyy+3+nr+11*fonts.PtToMM*0.36, 11, draw.White(), fonts.Bold, num)
		ty := cyy + 3 + nr - st.Height()/2
		if st.Height() > 2*nr {
			ty = cyy + 3
		}
		after := textPara(pg, st, cx+3+2*nr+2.5, ty, cs.ink, alignLeft, 0)
		top := math.Max(after, cyy+3+2*nr) + 1
		side := math.Min(cellW-4, cyy+cellH-2-top)
		if side < 15 {
			return nil, h.wrapErr("poster", &OverflowError{What: fmt.Sprintf("poster with %d steps (pictures too small)", n), Text: r.Title})
		}
		if err := h.picture(pg, s, cx+(cellW-side)/2, top, side, illustrate.Colors{Ink: cs.ink, Brand: c.Primary, Paper: draw.White()}); err != nil {
			return nil, err
		}
	}

	if rem != nil {
		rt := c.Primary.Mix(draw.White(), 0.9)
		pg.Path(draw.RoundRect(x0, remY, w, remH, 2.5), draw.Style{Fill: &rt, Stroke: &c.Primary, Width: 0.5})
		ry := textPara(pg, remHead, x0+4, remY+2.5, c.Primary, alignLeft, 0)
		rem.draw(pg, x0+4, ry+0.5, cs.ink, c.Primary)
	}
	tint := c.Accent.Mix(draw.White(), 0.92)
	pg.Path(draw.RoundRect(x0, boxY, w, boxH, 2.5), draw.Style{Fill: &tint, Stroke: &c.Accent, Width: 0.5})
	icon := (small + 2) * fonts.PtToMM * 1.1
	warnIcon(pg, x0+4, boxY+4, icon, c.Accent)
	yy := textPara(pg, head, x0+4+icon+2, boxY+4+(icon-head.Leader)/2, c.Accent, alignLeft, 0)
	yy = flags.draw(pg, x0+4, math.Max(yy, boxY+4+icon)+1.5, cs.ink, c.Accent)
	if call != nil {
		textPara(pg, call, x0+4, yy+1, cs.ink, alignLeft, 0)
	}
	if h.RTL {
		pg.Mirror()
	}
	return pg, nil
}

func rectSegs(x, y, w, h float64) []draw.Seg {
	p := &draw.Path{}
	p.MoveTo(x, y).LineTo(x+w, y).LineTo(x+w, y+h).LineTo(x, y+h).Close()
	return p.Segs
}

// posterEntry draws a glossary entry in a poster cell: the pictogram on
// the left, the name and caption on the right.
func (h *Handout) posterEntry(pg *draw.Page, cs cardStyle, s *routine.Step, title string, x, y, w, ht float64) error {
	ts := h.typesetter()
	side := math.Min(ht-4, w*0.38)
	tw := w - side - 7
	name, err := ts.wrap(title, fonts.Bold, 8.5, tw, 1.15)
	if err != nil {
		return h.stepErr(s, "title", err)
	}
	capText := s.Caption
	if capText == "" {
		capText = s.Text
	}
	cp, err := ts.wrap(capText, fonts.Regular, 7, tw, 1.2)
	if err != nil {
		return h.stepErr(s, "caption", err)
	}
	if th := name.Height() + 1 + cp.Height(); th > ht-3 {
		return h.stepErr(s, "poster entry", &OverflowError{What: "poster entry", Text: capText})
	}
	if err := h.picture(pg, s, x+2, y+(ht-side)/2, side, illustrate.Colors{Ink: cs.ink, Brand: h.Clinic.Primary, Paper: draw.White()}); err != nil {
		return err
	}
	ty := y + (ht-(name.Height()+1+cp.Height()))/2
	ty = textPara(pg, name, x+side+5, ty, cs.ink, alignLeft, 0)
	textPara(pg, cp, x+side+5, ty+1, cs.ink, alignLeft, 0)
	return nil
}
