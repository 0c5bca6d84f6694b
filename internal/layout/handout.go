// Package layout composes handout pages, step cards and posters on the
// drawing model. Text is measured and broken into lines here, once, with
// the run's font set; backends only draw the lines they are given. Text
// that does not fit its box is an error, never clipped.
package layout

import (
	"fmt"
	"math"
	"strings"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/illustrate"
	"github.com/careprint/careprint/internal/routine"
)

// Labels are the interface words of a handout in its language.
type Labels struct {
	Step       string // "Step"
	Tips       string
	WhenToCall string // "Stop and call your provider if:"
	Draft      string // "Draft translation, not yet reviewed by a clinician"
	References string
	Contact    string                           // "Questions? Call us:"
	Scan       string                           // "Scan with your phone camera to open:"
	PageOf     func(n, total int) string        // "Page 1 of 2"
	Reviewed   func(date, by string) string     // "Reviewed 1 Nov 2026 by …"
	Version    func(v string) string            // "Version 1.0"
	Duration   func(d *routine.Duration) string // "1–2 minutes"
	Repeat     func(r *routine.Repeat) string   // "10 times · each side"
	Tools      ToolLabels                       // legend, remember box, page tools
}

// Clinic is what a handout shows of the clinic.
type Clinic struct {
	Name                        string
	Phone, Email, Web, Address  string
	Logo                        *Logo
	Primary, Accent             draw.Color
	ReviewDate, ReviewedBy, Ver string
	// Lang is the language the name and contact are written in, when it
	// is not the handout's (tagged for screen readers); else "".
	Lang string
}

// Logo is an encoded PNG or JPEG with its pixel size.
type Logo struct {
	Name   string
	Data   []byte
	Format string
	W, H   int
}

// Handout is everything one PDF handout needs.
type Handout struct {
	Routine *routine.Routine
	Clinic  Clinic
	Labels  Labels
	PageW   float64 // mm
	PageH   float64
	Fonts   *fonts.Set
	Large   bool // large print: bigger text, one column
	RTL     bool // right-to-left language: the page is mirrored
	// Draft marks a handout whose words come from a draft translation:
	// the footer says so (Labels.Draft).
	Draft  bool
	Shaper *i18n.Shaper
	Images map[string]*Logo // the clinic's own pictures, by step id
	// Link is a web address shown as a QR code with the address beside
	// it (a video of the technique); "" for none.
	Link string
	// PageFirst and PageTotal number the pages within a larger document
	// (a plan: "Page 3 of 5"); PageTotal 0 numbers the handout's own.
	PageFirst, PageTotal int
}

func (h *Handout) typesetter() typesetter {
	return typesetter{fs: h.Fonts, shaper: h.Shaper, rtl: h.RTL}
}

// The neutral palette: body text, secondary text and hairlines.
const (
	inkHex   = "#1F262B"
	mutedHex = "#566068"
	ruleHex  = "#D5DBDF"
)

// metrics are the sizes of one handout style, in pt and mm.
type metrics struct {
	margin, gap                float64
	body, title, h2, stepTitle float64
	small, badge, lead         float64
	illus, pad, num            float64
	foot                       float64 // footer text, pt
	ink, muted, rule           draw.Color
}

func (h *Handout) metrics() metrics {
	m := metrics{margin: 14, gap: 3, body: 11, title: 20, h2: 13, stepTitle: 12.5,
		small: 8, badge: 9, lead: 1.3, illus: 32, pad: 3, num: 3.9,
		ink: draw.Hex(inkHex), muted: draw.Hex(mutedHex), rule: draw.Hex(ruleHex)}
	if h.PageH < 285 { // Letter: 18 mm shorter than A4
		m.margin, m.illus, m.pad, m.gap = 12.7, 29, 2.5, 2.5
	}
	if h.PageW < 160 { // A5
		m.margin, m.illus, m.title = 11, 34, 18
	}
	m.foot = m.small
	if h.Large {
		m.body, m.title, m.h2, m.stepTitle, m.small, m.badge = 18, 28, 21, 20, 12, 14
		m.margin, m.illus, m.num, m.lead, m.foot = 22, 55, 6, 1.35, 9
		if h.PageW < 160 { // A5
			m.margin, m.illus = 14, 40
		}
	}
	return m
}

// footerHeight is the room kept at the foot of each page, in mm.
const footerHeight = 12.0

// block is a piece of the flow: it knows its height and draws itself at y.
type block struct {
	h    float64
	draw func(pg *draw.Page, y float64) error
}

// Document lays the handout out into pages. When a tighter spacing
// (smaller step pictures, less padding) saves a whole page, it is used.
func (h *Handout) Document() (*draw.Document, error) {
	m := h.metrics()
	doc, err := h.document(m)
	if err != nil || len(doc.Pages) < 2 {
		return doc, err
	}
	t := m
	t.illus, t.pad, t.gap = m.illus-4, math.Min(m.pad, 2.2), math.Min(m.gap, 2.2)
	if tight, err := h.document(t); err == nil && len(tight.Pages) < len(doc.Pages) {
		return tight, nil
	}
	return doc, nil
}

// document lays the handout out into pages with the sizes m.
func (h *Handout) document(m metrics) (*draw.Document, error) {
	ts := h.typesetter()
	r := h.Routine
	x0, w := m.margin, h.PageW-2*m.margin

	var blocks []block
	head, err := h.header(ts, m)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, head)
	title, err := ts.wrap(r.Title, fonts.Bold, m.title, w, 1.2)
	if err != nil {
		return nil, h.wrapErr("title", err)
	}
	summary, err := ts.wrap(r.Summary, fonts.Regular, m.body, w, m.lead)
	if err != nil {
		return nil, h.wrapErr("summary", err)
	}
	// the title with as much of the summary as fits on the first page;
	// the rest follows in blocks of lines that fit a page (large print
	// on A5)
	maxH := h.PageH - 2*m.margin - footerHeight - 20
	first := summary.Lines
	for len(first) > 1 && title.Height()+2+float64(len(first))*summary.Leader > maxH {
		first = first[:len(first)-1]
	}
	head1 := &Para{Lines: first, Size: summary.Size, Leader: summary.Leader, Font: summary.Font}
	blocks = append(blocks, block{h: title.Height() + 2 + head1.Height(), draw: func(pg *draw.Page, y float64) error {
		y = tagPara(pg, draw.Tag{Role: draw.RoleH1, Lang: r.LangOf("title")}, title, x0, y, m.ink, alignLeft, w)
		tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: r.LangOf("summary")}, head1, x0, y+2, m.ink, alignLeft, w)
		return nil
	}})
	for rest := summary.Lines[len(first):]; len(rest) > 0; {
		n := max(1, min(len(rest), int(maxH/summary.Leader)))
		part := &Para{Lines: rest[:n], Size: summary.Size, Leader: summary.Leader, Font: summary.Font}
		rest = rest[n:]
		blocks = append(blocks, block{h: part.Height(), draw: func(pg *draw.Page, y float64) error {
			tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: r.LangOf("summary")}, part, x0, y, m.ink, alignLeft, w)
			return nil
		}})
	}
	if lg, ok, err := h.legend(ts, m); err != nil {
		return nil, err
	} else if ok {
		blocks = append(blocks, lg)
	}
	if r.Layout == "sheet" {
		rows, err := h.sheetRows(ts, m)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, rows...)
	} else {
		for i := range r.Steps {
			b, err := h.stepBlock(ts, m, i)
			if err != nil {
				return nil, err
			}
			blocks = append(blocks, b)
		}
	}
	if len(r.Tips) > 0 {
		b, err := h.list(ts, m, h.Labels.Tips, r.Tips, langsOf(r, "tips item %d", len(r.Tips)), m.body, m.ink, false)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	flags, err := h.redFlags(ts, m)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, flags...)
	// the handout ends with what to keep in mind and a tool to act with
	if b, ok, err := h.rememberAndTool(ts, m); err != nil {
		return nil, err
	} else if ok {
		blocks = append(blocks, b)
	}
	if h.Link != "" {
		b, err := h.linkBlock(ts, m)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	refs, err := h.list(ts, m, h.Labels.References, r.References, nil, m.small, m.muted, true)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, refs)

	return h.paginate(ts, m, blocks)
}

func (h *Handout) wrapErr(what string, err error) error {
	if strings.HasPrefix(what, "clinic ") || what == "footer" {
		return &ClinicTextError{What: what, Err: err}
	}
	return fmt.Errorf("%s: %s: %w", h.Routine.File, what, err)
}

// ClinicTextError is a problem with the clinic's own words (What: "clinic
// name", "clinic contact", "clinic note", or the "footer" that holds the
// name and review): it belongs to the config, not to the routine.
type ClinicTextError struct {
	What string
	Err  error
}

func (e *ClinicTextError) Error() string { return e.What + ": " + e.Err.Error() }
func (e *ClinicTextError) Unwrap() error { return e.Err }

// paginate flows blocks onto pages, never splitting one, then adds the
// running head and footer with page numbers.
func (h *Handout) paginate(ts typesetter, m metrics, blocks []block) (*draw.Document, error) {
	top, bottom := m.margin, h.PageH-m.margin-footerHeight
	var pages []*draw.Page
	var pg *draw.Page
	y := 0.0
	for i, b := range blocks {
		if b.h > bottom-top {
			return nil, fmt.Errorf("%s: a block of %.0f mm does not fit on a page of %.0f mm: shorten its text", h.Routine.File, b.h, bottom-top)
		}
		if pg == nil || y+b.h > bottom {
			pg = draw.NewPage(h.PageW, h.PageH)
			pages = append(pages, pg)
			y = top
			if i > 0 {
				y = h.runningHead(ts, m, pg)
			}
		}
		if err := b.draw(pg, y); err != nil {
			return nil, err
		}
		y += b.h + m.gap
	}
	first, total := 1, len(pages)
	if h.PageTotal > 0 {
		first, total = h.PageFirst, h.PageTotal
	}
	for i, pg := range pages {
		if err := h.footer(ts, m, pg, first+i, total); err != nil {
			return nil, err
		}
		if h.RTL {
			pg.Mirror()
		}
	}
	c := h.Clinic
	return &draw.Document{
		Title:   h.Routine.Title,
		Author:  c.Name,
		Subject: strings.TrimSpace(h.Routine.Summary),
		Pages:   pages,
	}, nil
}

// header is the clinic's logo, name and contact, over a brand m.rule.
func (h *Handout) header(ts typesetter, m metrics) (block, error) {
	c := h.Clinic
	x0, w := m.margin, h.PageW-2*m.margin
	logoH, logoW := 0.0, 0.0
	if c.Logo != nil {
		logoH = 15.0
		logoW = math.Min(logoH*float64(c.Logo.W)/float64(c.Logo.H), 45)
		logoH = logoW * float64(c.Logo.H) / float64(c.Logo.W)
	}
	var contact []string
	for _, s := range []string{c.Phone, c.Email, c.Web, c.Address} {
		if s != "" {
			contact = append(contact, s)
		}
	}
	cw := w * 0.42
	cpara, err := ts.wrap(strings.Join(contact, "\n"), fonts.Regular, m.small+0.5, cw, 1.3)
	if err != nil {
		return block{}, h.wrapErr("clinic contact", err)
	}
	nameX := x0 + logoW
	if logoW > 0 {
		nameX += 4
	}
	name, err := ts.wrap(c.Name, fonts.Bold, m.h2+1, x0+w-cw-4-nameX, 1.2)
	if err != nil {
		return block{}, h.wrapErr("clinic name", err)
	}
	hh := math.Max(logoH, math.Max(name.Height(), cpara.Height()))
	return block{h: hh + 4, draw: func(pg *draw.Page, y float64) error {
		if c.Logo != nil {
			pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: c.Name})
			pg.Image(&draw.ImageOp{X: x0, Y: y + (hh-logoH)/2, W: logoW, H: logoH, Name: c.Logo.Name, Data: c.Logo.Data, Format: c.Logo.Format})
			pg.End()
		}
		tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: c.Lang}, name, nameX, y+(hh-name.Height())/2, c.Primary, alignLeft, 0)
		tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: c.Lang}, cpara, x0+w-cw, y+(hh-cpara.Height())/2, m.muted, alignRight, cw)
		pg.Path((&draw.Path{}).MoveTo(x0, y+hh+3).LineTo(x0+w, y+hh+3), draw.Stroked(c.Primary, 0.5))
		return nil
	}}, nil
}

// runningHead draws a one-line head on pages after the first and returns
// where the flow starts.
func (h *Handout) runningHead(ts typesetter, m metrics, pg *draw.Page) float64 {
	x0, w := m.margin, h.PageW-2*m.margin
	s := h.Clinic.Name + " · " + h.Routine.Title
	line, err := ts.wrap(s, fonts.Regular, m.small, w, 1.2)
	if err == nil && len(line.Lines) > 0 {
		line.Lines = line.Lines[:1]
		tagPara(pg, draw.Tag{Role: draw.RoleArtifact}, line, x0, m.margin-6, m.muted, alignLeft, w)
	}
	return m.margin
}

// footer draws document control and the page number.
func (h *Handout) footer(ts typesetter, m metrics, pg *draw.Page, n, total int) error {
	c := h.Clinic
	x0, w := m.margin, h.PageW-2*m.margin
	y := h.PageH - m.margin - 6
	pg.Path((&draw.Path{}).MoveTo(x0, y).LineTo(x0+w, y), draw.Stroked(m.rule, 0.3))
	pageStr := h.Labels.PageOf(n, total)
	pw, err := ts.fs.TextWidth(fonts.Regular, pageStr, m.foot)
	if err != nil {
		return err
	}
	left := strings.Join(nonEmpty(c.Name, h.Labels.Version(c.Ver), h.Labels.Reviewed(c.ReviewDate, c.ReviewedBy)), " · ")
	if h.Draft {
		left += " · " + h.Labels.Draft
	}
	para, err := ts.wrap(left, fonts.Regular, m.foot, w-pw-6, 1.25)
	if err != nil {
		return h.wrapErr("footer", err)
	}
	if len(para.Lines) > 2 && !(h.Draft && len(para.Lines) == 3) { // a draft's notice may take a third line
		return h.wrapErr("footer", &OverflowError{What: "footer", Text: left})
	}
	// document control (clinic, version, review, a draft's notice) is
	// read once, at the end; on the other pages it is pagination
	role := draw.RoleArtifact
	if n == total {
		role = draw.RoleP
	}
	tagPara(pg, draw.Tag{Role: role}, para, x0, y+1.5, m.muted, alignLeft, 0)
	pp, _ := ts.wrap(pageStr, fonts.Regular, m.foot, w, 1.25)
	tagPara(pg, draw.Tag{Role: draw.RoleArtifact}, pp, x0+w-pw, y+1.5, m.muted, alignLeft, 0)
	return nil
}

// stepBlock is one numbered step: picture on the left; number, title,
// badge and text on the right; all in a light rounded box.
func (h *Handout) stepBlock(ts typesetter, m metrics, i int) (block, error) {
	s := &h.Routine.Steps[i]
	c := h.Clinic
	x0, w := m.margin, h.PageW-2*m.margin
	illW := m.illus
	tx := x0 + m.pad + illW + 5
	if h.Large { // one column: the picture goes under the heading
		tx = x0 + m.pad
	}
	tw := x0 + w - m.pad - tx
	numD := 2 * m.num
	title, err := ts.wrap(s.Title, fonts.Bold, m.stepTitle, tw-numD-3, 1.2)
	if err != nil {
		return block{}, h.stepErr(s, "title", err)
	}
	body, err := ts.wrap(s.Text, fonts.Regular, m.body, tw, m.lead)
	if err != nil {
		return block{}, h.stepErr(s, "text", err)
	}
	badge := h.badgeText(s)
	var bp *Para
	if badge != "" {
		bp, err = ts.wrap(badge, fonts.Bold, m.badge, tw-6, 1.2)
		if err != nil {
			return block{}, h.stepErr(s, "badge", err)
		}
	}
	headH := math.Max(numD, title.Height())
	textH := headH + 2.5 + body.Height()
	badgeH := 0.0
	if bp != nil {
		badgeH = bp.Height() + 2.4
		textH += badgeH + 2.5
	}
	boxH := 2*m.pad + math.Max(illW, textH)
	if h.Large {
		boxH = 2*m.pad + textH + illW + 3
	}
	tint := c.Primary.Mix(draw.White(), 0.9)
	return block{h: boxH, draw: func(pg *draw.Page, y float64) error {
		pg.Path(draw.RoundRect(x0, y, w, boxH, 3), draw.Style{Stroke: &m.rule, Width: 0.35})
		ix, iy := x0+m.pad, y+(boxH-illW)/2
		if h.Large {
			ix, iy = x0+(w-illW)/2, y+m.pad+headH+2.5+badgeH
			if bp != nil {
				iy += 2.5
			}
		}
		ty := y + m.pad
		cy := ty + headH/2
		pg.Path(draw.Circle(tx+m.num, cy, m.num), draw.Filled(c.Primary))
		num := fmt.Sprint(i + 1)
		nw, err := ts.fs.TextWidth(fonts.Bold, num, m.stepTitle)
		if err != nil {
			return err
		}
		pg.Begin(draw.Tag{Role: draw.RoleH2, Lang: h.Routine.LangOf("step " + s.ID + ": title")})
		// an invisible space after the number, so it is read apart from
		// the title
		pg.Add(&draw.TextOp{X: tx + m.num - nw/2, Y: cy + m.stepTitle*fonts.PtToMM*0.36, Size: m.stepTitle, Width: nw, Color: draw.White(),
			Runs: []draw.Run{{Font: fonts.Bold, Text: num + " "}}})
		textPara(pg, title, tx+numD+3, cy-title.Height()/2, m.ink, alignLeft, 0)
		pg.End()
		ty += headH + 2.5
		if bp != nil {
			bw := 0.0
			for _, l := range bp.Lines {
				bw = math.Max(bw, l.Width)
			}
			pg.Path(draw.RoundRect(tx, ty, bw+6, badgeH, badgeH/2), draw.Filled(tint))
			tagPara(pg, draw.Tag{Role: draw.RoleP}, bp, tx+3, ty+1.2, c.Primary, alignLeft, 0)
			ty += badgeH + 2.5
		}
		if err := h.picture(pg, s, ix, iy, illW, illustrate.Colors{Ink: m.ink, Brand: c.Primary, Paper: draw.White()}); err != nil {
			return err
		}
		if h.Large {
			ty += illW + 3
		}
		tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: h.Routine.LangOf("step " + s.ID + ": text")}, body, tx, ty, m.ink, alignLeft, 0)
		return nil
	}}, nil
}

func (h *Handout) stepErr(s *routine.Step, what string, err error) error {
	return fmt.Errorf("%s: step %q %s: %w", s.Pos, s.ID, what, err)
}

// badgeText is the step's timing, e.g. "1–2 minutes · 10 times".
func (h *Handout) badgeText(s *routine.Step) string {
	var parts []string
	if s.Duration != nil {
		parts = append(parts, h.Labels.Duration(s.Duration))
	}
	if s.Repeat != nil {
		parts = append(parts, h.Labels.Repeat(s.Repeat))
	}
	return strings.Join(parts, " · ")
}

// redFlags is the boxed list of warning signs, with the clinic's phone.
func (h *Handout) redFlags(ts typesetter, m metrics) ([]block, error) {
	c := h.Clinic
	r := h.Routine
	x0, w := m.margin, h.PageW-2*m.margin
	pad := 5.0
	iw := w - 2*pad
	icon := m.h2 * fonts.PtToMM * 1.1
	head, err := ts.wrap(h.Labels.WhenToCall, fonts.Bold, m.h2, iw-icon-3, 1.2)
	if err != nil {
		return nil, h.wrapErr("red flags heading", err)
	}
	items, err := bullets(ts, r.RedFlags, m.body, iw, m.lead)
	if err != nil {
		return nil, h.wrapErr("red flags", err)
	}
	items.langs = langsOf(r, "red_flags item %d", len(r.RedFlags))
	note, err := ts.wrap(r.RedFlagsNote, fonts.Regular, m.body, iw, m.lead)
	if err != nil {
		return nil, h.wrapErr("red flags note", err)
	}
	local, err := ts.wrap(r.LocalNote, fonts.Bold, m.body, iw, m.lead)
	if err != nil {
		return nil, h.wrapErr("clinic note", err)
	}
	var call *Para
	if c.Phone != "" {
		call, err = ts.wrap(h.Labels.Contact+" "+i18n.Isolate(c.Phone), fonts.Bold, m.body, iw, m.lead)
		if err != nil {
			return nil, h.wrapErr("contact", err)
		}
	}
	headH := pad + math.Max(head.Height(), icon) + 2
	tailH := pad - 1
	if r.RedFlagsNote != "" {
		tailH += 1.5 + note.Height()
	}
	if r.LocalNote != "" {
		tailH += 1.5 + local.Height()
	}
	if call != nil {
		tailH += 1.5 + call.Height()
	}
	tint := c.Accent.Mix(draw.White(), 0.92)
	// box draws the heading, the items [from, to) and, in the last box,
	// the notes and the clinic's phone.
	box := func(from, to int, last bool) block {
		part := &bulletList{markers: items.markers[from:to], paras: items.paras[from:to], langs: sub(items.langs, from, to), indent: items.indent, size: items.size, fs: items.fs}
		for i, p := range part.paras {
			if i > 0 {
				part.h += 0.8
			}
			part.h += p.Height()
		}
		hh := headH + part.h + pad - 1
		if last {
			hh += tailH - (pad - 1)
		}
		return block{h: hh, draw: func(pg *draw.Page, y float64) error {
			// the warning box is a section: its heading, the signs as a
			// list, the notes and the phone
			pg.Begin(draw.Tag{Role: draw.RoleSect})
			defer pg.End()
			pg.Path(draw.RoundRect(x0, y, w, hh, 3), draw.Style{Fill: &tint, Stroke: &c.Accent, Width: 0.6})
			warnIcon(pg, x0+pad, y+pad, icon, c.Accent)
			tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0+pad+icon+3, y+pad+(icon-head.Leader)/2, c.Accent, alignLeft, 0)
			yy := part.draw(pg, x0+pad, y+headH, m.ink, c.Accent)
			if !last {
				return nil
			}
			if r.RedFlagsNote != "" {
				yy = tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: r.LangOf("red_flags_note")}, note, x0+pad, yy+1.5, m.ink, alignLeft, 0)
			}
			if r.LocalNote != "" {
				yy = tagPara(pg, draw.Tag{Role: draw.RoleP, Lang: r.LangOf("clinic note")}, local, x0+pad, yy+1.5, c.Accent, alignLeft, 0)
			}
			if call != nil {
				tagPara(pg, draw.Tag{Role: draw.RoleP}, call, x0+pad, yy+1.5, m.ink, alignLeft, 0)
			}
			return nil
		}}
	}
	// one box when it fits on a page; else as many boxes as it takes,
	// each with the heading, so no page shows warning signs without it
	maxH := h.PageH - 2*m.margin - footerHeight
	var out []block
	from := 0
	for from < len(items.paras) {
		to := from + 1
		for to < len(items.paras) && box(from, to+1, to+1 == len(items.paras)).h <= maxH {
			to++
		}
		b := box(from, to, to == len(items.paras))
		if b.h > maxH && to == len(items.paras) {
			if to-from > 1 {
				to-- // the notes do not fit with the last item: move it on
				b = box(from, to, false)
			} else {
				// not even with one item: the notes get a box of their own
				out = append(out, box(from, to, false), box(to, to, true))
				break
			}
		}
		out = append(out, b)
		from = to
	}
	if len(items.paras) == 0 {
		out = append(out, box(0, 0, true))
	}
	return out, nil
}

// warnIcon draws a warning triangle with an exclamation mark in an s mm box.
func warnIcon(pg *draw.Page, x, y, s float64, c draw.Color) {
	p := &draw.Path{}
	p.MoveTo(x+s/2, y).LineTo(x+s, y+s*0.92).LineTo(x, y+s*0.92).Close()
	pg.Path(p, draw.Filled(c))
	pg.Path((&draw.Path{}).MoveTo(x+s/2, y+s*0.32).LineTo(x+s/2, y+s*0.6), draw.Stroked(draw.White(), s*0.11))
	pg.Path(draw.Circle(x+s/2, y+s*0.76, s*0.065), draw.Filled(draw.White()))
}

// list is a heading with bullet (or numbered) items.
// langs are the items' languages where they differ from the handout's.
func (h *Handout) list(ts typesetter, m metrics, heading string, items, langs []string, size float64, col draw.Color, numbered bool) (block, error) {
	x0, w := m.margin, h.PageW-2*m.margin
	hs := m.h2
	if numbered {
		hs = m.body
	}
	head, err := ts.wrap(heading, fonts.Bold, hs, w, 1.2)
	if err != nil {
		return block{}, h.wrapErr(heading, err)
	}
	var bl *bulletList
	if numbered {
		bl, err = numberedList(ts, items, size, w, 1.3)
	} else {
		bl, err = bullets(ts, items, size, w, m.lead)
	}
	if err != nil {
		return block{}, h.wrapErr(heading, err)
	}
	bl.langs = langs
	return block{h: head.Height() + 1.5 + bl.h, draw: func(pg *draw.Page, y float64) error {
		y = tagPara(pg, draw.Tag{Role: draw.RoleH2}, head, x0, y, m.ink, alignLeft, 0)
		bl.draw(pg, x0, y+1.5, col, h.Clinic.Primary)
		return nil
	}}, nil
}

// bulletList is items each wrapped beside a marker.
type bulletList struct {
	markers []string
	paras   []*Para
	langs   []string // each item's language, when not the handout's
	indent  float64
	h       float64
	size    float64
	fs      *fonts.Set
}

func bullets(ts typesetter, items []string, size, w, lead float64) (*bulletList, error) {
	markers := make([]string, len(items))
	for i := range markers {
		markers[i] = "•"
	}
	return makeList(ts, items, markers, size, w, lead, size*fonts.PtToMM*1.2)
}

func numberedList(ts typesetter, items []string, size, w, lead float64) (*bulletList, error) {
	markers := make([]string, len(items))
	for i := range markers {
		markers[i] = fmt.Sprintf("%d.", i+1)
	}
	return makeList(ts, items, markers, size, w, lead, size*fonts.PtToMM*1.6)
}

func makeList(ts typesetter, items, markers []string, size, w, lead, indent float64) (*bulletList, error) {
	bl := &bulletList{markers: markers, indent: indent, size: size, fs: ts.fs}
	for i, it := range items {
		p, err := ts.wrap(it, fonts.Regular, size, w-indent, lead)
		if err != nil {
			return nil, err
		}
		bl.paras = append(bl.paras, p)
		bl.h += p.Height()
		if i > 0 {
			bl.h += 0.8
		}
	}
	return bl, nil
}

// draw draws the list tagged as an L of LI items, each a label (the
// bullet or number) and a body.
func (bl *bulletList) draw(pg *draw.Page, x, y float64, col, marker draw.Color) float64 {
	if len(bl.paras) == 0 {
		return y
	}
	pg.Begin(draw.Tag{Role: draw.RoleL})
	for i, p := range bl.paras {
		if i > 0 {
			y += 0.8
		}
		pg.Begin(draw.Tag{Role: draw.RoleLI})
		pg.Begin(draw.Tag{Role: draw.RoleLbl})
		text(pg, bl.fs, x, y+p.Leader*0.75, bl.size, marker, fonts.Bold, bl.markers[i])
		pg.End()
		lang := ""
		if i < len(bl.langs) {
			lang = bl.langs[i]
		}
		y = tagPara(pg, draw.Tag{Role: draw.RoleLBody, Lang: lang}, p, x+bl.indent, y, col, alignLeft, 0)
		pg.End()
	}
	pg.End()
	return y
}

// sub is s[from:to], or nil when s is nil.
func sub(s []string, from, to int) []string {
	if s == nil {
		return nil
	}
	return s[from:to]
}

// langsOf is the language of each of n list items whose places are
// format with 1, 2, ... (see routine.Routine.Langs).
func langsOf(r *routine.Routine, format string, n int) []string {
	if len(r.Langs) == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.LangOf(fmt.Sprintf(format, i+1))
	}
	return out
}

// picture draws step s's picture in the square box at (x, y) of side mm:
// the clinic's own image if it has one, else the diagram. It is kept
// unflipped when the page is mirrored.
// It is tagged as a Figure with the step's description as its Alt.
func (h *Handout) picture(pg *draw.Page, s *routine.Step, x, y, side float64, col illustrate.Colors) error {
	pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: s.Illustration.Description, Lang: h.Routine.LangOf("step " + s.ID + ": description"),
		Box: draw.Rect{X: x, Y: y, W: side, H: side}})
	defer pg.End()
	start := len(pg.Ops)
	if img := h.Images[s.ID]; img != nil {
		w, ht := side, side*float64(img.H)/float64(img.W)
		if ht > side {
			w, ht = side*float64(img.W)/float64(img.H), side
		}
		pg.Image(&draw.ImageOp{X: x + (side-w)/2, Y: y + (side-ht)/2, W: w, H: ht, Name: img.Name, Data: img.Data, Format: img.Format})
		pg.Keep(start, x, side)
		return nil
	}
	err := illustrate.Draw(pg, s.Illustration, x, y, side, side, col)
	pg.Keep(start, x, side)
	return err
}

// text records a single run of text of known width.
func text(pg *draw.Page, fs *fonts.Set, x, y, size float64, c draw.Color, font, s string) {
	r := draw.Run{Font: font, Text: s}
	pg.TextLine(x, y, size, fs.Width(size, r), c, r)
}

type align int

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// tagPara draws p as the structure element t (see textPara).
func tagPara(pg *draw.Page, t draw.Tag, p *Para, x, y float64, c draw.Color, a align, w float64) float64 {
	pg.Begin(t)
	y = textPara(pg, p, x, y, c, a, w)
	pg.End()
	return y
}

// textPara draws p with its first line's top at y and returns the y below it.
func textPara(pg *draw.Page, p *Para, x, y float64, c draw.Color, a align, w float64) float64 {
	for _, l := range p.Lines {
		lx := x
		switch a {
		case alignRight:
			lx = x + w - l.Width
		case alignCenter:
			lx = x + (w-l.Width)/2
		}
		if len(l.Runs) > 0 {
			// baseline at about 75% of the line box
			pg.Add(&draw.TextOp{X: lx, Y: y + p.Leader*0.74, Size: p.Size, Width: l.Width, Color: c, Runs: l.Runs, Actual: l.Actual})
		}
		y += p.Leader
	}
	return y
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
