// Package plan makes a consultant's plan for one client: a plan page
// (the client's name, the date, the consultant, the routines with when
// and how often, a note and a tick chart) followed by the clinic's
// handout of each routine, as one PDF. It is shared by careprint make and
// the web form: Request.Validate holds every rule about a request, Render
// makes the document.
//
// Nothing about the client is kept: Render works in memory, logs nothing
// and writes no file; the client's name, note and consultant go on the
// page only, never into the PDF's metadata.
package plan

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw/pdf"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
)

// Limits of a request's fields.
const (
	MaxRoutines = 6
	MaxDays     = 28
	DefaultDays = 7
	maxName     = 80  // characters of the client's and consultant's names
	maxTimes    = 120 // characters of "when"
	maxNote     = 600 // characters of the note
)

// Sides a plan may name.
func Sides() []string { return []string{"left", "right", "both"} }

// Request is what a consultant asks for. Field names match the flags of
// careprint make and the fields of the web form.
type Request struct {
	Routines   []string // routine ids, in the order the plan lists them
	Lang       string   // BCP 47 tag; must be one of the clinic's languages
	Clinic     string   // clinic id; "" is the config's first clinic
	Client     string   // the client's name, any script the fonts draw
	Side       string   // "", left, right or both
	Times      string   // when to do the routines, the consultant's words
	Days       int      // days of the tick chart; 0 means DefaultDays
	Note       string   // a note to the client
	Consultant string   // the consultant's name
	// Steps keeps only some steps of a routine: routine id -> step
	// numbers (1-based, as the clinic's handout numbers them).
	Steps map[string][]int
	Date  time.Time // the plan's date (its day only); zero means today
}

// FieldError is a problem with one field of a request. Field is the
// request's field name in lower case ("client", "steps"), as the flags
// and form fields are named.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return "--" + e.Field + ": " + e.Msg }

// Errors are all the problems of a request, in field order.
type Errors []*FieldError

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Field returns the first error of field, or nil.
func (es Errors) Field(name string) *FieldError {
	for _, e := range es {
		if e.Field == name {
			return e
		}
	}
	return nil
}

// ParseSteps reads step choices as written on the command line:
// "tbml:1,2,4" or "tbml:1-3"; several values add up.
func ParseSteps(values []string) (map[string][]int, error) {
	out := map[string][]int{}
	for _, v := range values {
		id, list, ok := strings.Cut(v, ":")
		if !ok || id == "" || list == "" {
			return nil, &FieldError{"steps", fmt.Sprintf("%q: write routine:numbers, e.g. tbml:1,2,4 or tbml:1-3", v)}
		}
		for _, part := range strings.Split(list, ",") {
			a, b, isRange := strings.Cut(strings.TrimSpace(part), "-")
			from, err1 := strconv.Atoi(a)
			to := from
			var err2 error
			if isRange {
				to, err2 = strconv.Atoi(b)
			}
			if err1 != nil || err2 != nil || from < 1 || to < from {
				return nil, &FieldError{"steps", fmt.Sprintf("%q: %q is not a step number or range (1-based, e.g. 2 or 1-3)", v, part)}
			}
			for n := from; n <= to; n++ {
				if !slices.Contains(out[id], n) {
					out[id] = append(out[id], n)
				}
			}
		}
		sort.Ints(out[id])
	}
	return out, nil
}

// resolved is a validated request with what Render needs.
type resolved struct {
	clinic *config.Clinic
	jobs   []build.Job
	cat    *i18n.Catalog
	notes  []string
	days   int
}

// Validate checks every field of r against the project and returns all
// problems as Errors (nil when there are none). A language whose words
// fall back to another language, or come from a draft, is refused or
// allowed as the clinic's fallback and require_reviewed settings say;
// Render returns the notes of what it allowed.
func (r *Request) Validate(p *build.Project) error {
	_, err := r.resolve(p)
	return err
}

func (r *Request) resolve(p *build.Project) (*resolved, error) {
	var errs Errors
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{field, fmt.Sprintf(format, args...)})
	}
	res := &resolved{days: r.Days}
	if res.days == 0 {
		res.days = DefaultDays
	}
	if res.clinic = Clinic(p, r.Clinic); res.clinic == nil {
		var ids []string
		for _, cl := range p.Config.Clinics {
			ids = append(ids, cl.ID)
		}
		bad("clinic", "no clinic %q in %s; the clinics are %s", r.Clinic, p.Config.File, strings.Join(ids, ", "))
		return nil, errs
	}
	cl := res.clinic
	// routines
	offered := cl.Routines
	if len(offered) == 0 {
		for _, rt := range p.Routines {
			offered = append(offered, rt.ID)
		}
	}
	switch {
	case len(r.Routines) == 0:
		bad("routine", "name at least one routine; clinic %q offers %s", cl.ID, strings.Join(offered, ", "))
	case len(r.Routines) > MaxRoutines:
		bad("routine", "%d routines: a plan holds at most %d", len(r.Routines), MaxRoutines)
	}
	for i, id := range r.Routines {
		switch {
		case !slices.Contains(offered, id):
			bad("routine", "clinic %q does not hand out %q; it offers %s", cl.ID, id, strings.Join(offered, ", "))
		case slices.Contains(r.Routines[:i], id):
			bad("routine", "%q is named twice", id)
		}
	}
	// language: one of the clinic's, as the clinic words it
	words := ""
	switch {
	case r.Lang == "":
		bad("lang", "name the handout's language; clinic %q hands out %s", cl.ID, strings.Join(cl.Languages, ", "))
	case !slices.Contains(cl.Languages, r.Lang):
		bad("lang", "clinic %q does not hand out %q; its languages are %s", cl.ID, r.Lang, strings.Join(cl.Languages, ", "))
	default:
		w, err := p.MatchLanguage(r.Lang)
		if err != nil {
			bad("lang", "%v", err)
		}
		words = w
	}
	// the client's words: short, printable, drawable
	text := func(field, s string, max int, required bool) {
		switch {
		case strings.TrimSpace(s) == "":
			if required {
				bad(field, "is empty")
			}
			return
		case len([]rune(s)) > max:
			bad(field, "is %d characters long: at most %d", len([]rune(s)), max)
			return
		}
		for _, c := range s {
			if unicode.IsControl(c) && c != '\n' {
				bad(field, "has a control character U+%04X: remove it", c)
				return
			}
		}
		if field != "note" && strings.Contains(s, "\n") {
			bad(field, "has a line break: write it on one line")
			return
		}
		if err := drawable(p, s); err != nil {
			bad(field, "%v", err)
		}
	}
	text("client", r.Client, maxName, true)
	text("consultant", r.Consultant, maxName, false)
	text("times", r.Times, maxTimes, false)
	text("note", r.Note, maxNote, false)
	if r.Side != "" && !slices.Contains(Sides(), r.Side) {
		bad("side", "%q: use left, right or both", r.Side)
	}
	if res.days < 1 || res.days > MaxDays {
		bad("days", "%d: give 1 to %d days", r.Days, MaxDays)
	}
	for id := range r.Steps {
		if !slices.Contains(r.Routines, id) {
			bad("steps", "%q is not one of the plan's routines (%s)", id, strings.Join(r.Routines, ", "))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, id := range r.Routines {
		res.jobs = append(res.jobs, build.Job{Clinic: cl, Lang: r.Lang, Words: words, Routine: p.Routine(id), Format: "pdf"})
	}
	// the clinic's fallback and review rules, as build applies them
	notes, err := p.Check(res.jobs)
	if err != nil {
		return nil, Errors{{"lang", err.Error()}}
	}
	res.notes = notes
	for _, j := range res.jobs {
		nums := r.Steps[j.Routine.ID]
		if len(nums) == 0 {
			continue
		}
		loc, _, err := p.Localize(j)
		if err != nil {
			return nil, err
		}
		if last := nums[len(nums)-1]; last > len(loc.Steps) {
			bad("steps", "%s has %d steps in clinic %q's handout: there is no step %d", j.Routine.ID, len(loc.Steps), cl.ID, last)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	res.cat, _ = p.Catalogs.Lookup(words)
	return res, nil
}

// Clinic returns the clinic with id, the config's first for "", or nil.
func Clinic(p *build.Project, id string) *config.Clinic {
	for i := range p.Config.Clinics {
		if id == "" && i == 0 || p.Config.Clinics[i].ID == id {
			return &p.Config.Clinics[i]
		}
	}
	return nil
}

// drawable reports text that no font of the project can draw.
func drawable(p *build.Project, s string) error {
	_, err := p.Fonts.TextWidth(fonts.Regular, i18n.StripControls(p.Shaper.Shape(s)), 10)
	return err
}

// Result is a rendered plan.
type Result struct {
	PDF []byte
	// PNG is the plan page as a PNG, when asked for.
	PNG []byte
	// Notes say which words fell back to another language or come from
	// a draft translation (the clinic allows it): one line each, to show
	// the consultant. They never name the client.
	Notes []string
	// Lang is the handout's language; Titles the routines' titles in it.
	Lang   string
	Titles []string
}

// Options steer Render.
type Options struct {
	PNG bool // also render the plan page as a PNG
}

// Render validates r and makes the plan's PDF in memory.
func Render(ctx context.Context, p *build.Project, r Request, o Options) (*Result, error) {
	res, err := r.resolve(p)
	if err != nil {
		return nil, err
	}
	date := r.Date
	if date.IsZero() {
		date = time.Now()
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	cat := res.cat
	pl := &layout.Plan{
		Labels: Labels(cat), Client: r.Client, Consultant: r.Consultant,
		Date: cat.FormatDate(date), Note: strings.TrimSpace(r.Note), Days: res.days,
		Link: res.clinic.Links.Video,
	}
	side := ""
	if r.Side != "" {
		side = cat.Get("side_" + r.Side)
	}
	out := &Result{Notes: res.notes, Lang: r.Lang}
	for _, j := range res.jobs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h, err := p.Handout(j)
		if err != nil {
			return nil, err
		}
		if nums := r.Steps[j.Routine.ID]; len(nums) > 0 {
			rt := *h.Routine
			rt.Steps = nil
			for _, n := range nums {
				rt.Steps = append(rt.Steps, h.Routine.Steps[n-1])
			}
			h.Routine = &rt
		}
		pl.Handouts = append(pl.Handouts, h)
		pl.Items = append(pl.Items, layout.PlanItem{Title: h.Routine.Title, When: r.Times, Side: side})
		out.Titles = append(out.Titles, h.Routine.Title)
	}
	doc, err := pl.Document()
	if err != nil {
		return nil, err
	}
	doc.Creator = "careprint " + build.Version
	doc.Lang = r.Lang
	doc.Keywords = strings.Join(r.Routines, " ")
	doc.Subject = strings.Join(out.Titles, " · ")
	var buf bytes.Buffer
	if err := pdf.Render(&buf, doc, p.Fonts, pdf.Options{Date: date, Compress: true, Shared: p.PDFShared}); err != nil {
		return nil, err
	}
	out.PDF = buf.Bytes()
	if o.PNG {
		pg := doc.Pages[0]
		const wpx = 1240 // 150 dpi on A4
		img, err := raster.Render(pg, wpx, int(math.Round(float64(wpx)*pg.H/pg.W)), p.Fonts)
		if err != nil {
			return nil, err
		}
		var pb bytes.Buffer
		if err := raster.EncodePNG(&pb, img); err != nil {
			return nil, err
		}
		out.PNG = pb.Bytes()
	}
	return out, nil
}

// Labels turns a catalog into the plan page's words.
func Labels(c *i18n.Catalog) layout.PlanLabels {
	return layout.PlanLabels{
		Title: c.Get("plan_title"), For: c.Get("plan_for"), Date: c.Get("plan_date"),
		Consultant: c.Get("plan_consultant"), What: c.Get("plan_what"), When: c.Get("plan_when"),
		Side: c.Get("plan_side"), Note: c.Get("plan_note"), Chart: c.Get("plan_chart"),
		Day: c.Get("plan_day"), Next: c.Get("plan_next"),
		Days: func(n int) string { return c.Get("plan_days", "days", c.Count("days", float64(n))) },
	}
}

// MailText is the subject and body of the mail that sends a plan or
// handout to a client, in lang (as the clinic's catalogs word it): the
// body says the password comes separately when the PDF is locked.
func MailText(p *build.Project, clinicID, lang, client string, locked bool) (subject, body string, err error) {
	cl := Clinic(p, clinicID)
	if cl == nil {
		return "", "", &FieldError{"clinic", fmt.Sprintf("no clinic %q in %s", clinicID, p.Config.File)}
	}
	words, err := p.MatchLanguage(lang)
	if err != nil {
		return "", "", &FieldError{"lang", err.Error()}
	}
	cat, _ := p.Catalogs.Lookup(words)
	subject = cat.Get("mail_subject", "clinic", cl.Name)
	body = cat.Get("mail_body", "name", client, "clinic", cl.Name)
	if locked {
		body += "\n\n" + cat.Get("mail_password")
	}
	if cl.Contact.Phone != "" {
		body += "\n" + cl.Contact.Phone
	}
	return subject, body, nil
}

// Reminder is the summary of a calendar reminder for a plan, in lang.
func Reminder(p *build.Project, lang string, titles []string) string {
	words, err := p.MatchLanguage(lang)
	if err != nil {
		words = "en"
	}
	cat, _ := p.Catalogs.Lookup(words)
	return cat.Get("mail_reminder", "routines", strings.Join(titles, ", "))
}
