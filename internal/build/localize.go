package build

import (
	"fmt"
	"strings"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/routine"
)

// Fallback says which languages a job's handout really uses, and what
// stayed in the fallback language. `careprint check` reports it; build
// warns when a handout is not fully in the language asked for.
type Fallback struct {
	Asked     string   // the job's language
	Content   string   // the language of the routine's words
	UI        string   // the language of the interface words
	Missing   []string // strings left in the fallback language
	Status    string   // the translation's review status, "" for English
	TransFile string   // the translation file, if any
}

// Complete reports whether everything is in the language asked for.
func (f Fallback) Complete() bool {
	base := strings.SplitN(f.Asked, "-", 2)[0]
	same := func(l string) bool { return l == f.Asked || l == base }
	return same(f.Content) && same(f.UI) && len(f.Missing) == 0
}

// String describes the fallback in one line, for logs and check.
func (f Fallback) String() string {
	if f.Complete() {
		return ""
	}
	var parts []string
	if f.Content != f.Asked {
		parts = append(parts, fmt.Sprintf("words in %s", f.Content))
	}
	if f.UI != f.Asked {
		parts = append(parts, fmt.Sprintf("interface in %s", f.UI))
	}
	if n := len(f.Missing); n > 0 {
		parts = append(parts, fmt.Sprintf("%d strings untranslated (%s)", n, strings.Join(f.Missing[:min(n, 3)], "; ")))
	}
	return fmt.Sprintf("%s: %s", f.Asked, strings.Join(parts, ", "))
}

// Localize returns the job's routine as its clinic hands it out in the
// job's language: translated (falling back es-MX -> es -> en, per string),
// with the clinic's overrides, variant choices and timing applied and the
// {duration} and {count} placeholders filled.
func (p *Project) Localize(j Job) (*routine.Routine, Fallback, error) {
	cat, uiLang := p.Catalogs.Lookup(j.Lang)
	fb := Fallback{Asked: j.Lang, UI: uiLang, Content: "en"}
	r := j.Routine
	chain := i18n.Chain(j.Lang, func(l string) bool { return p.Translations[l][r.ID] != nil || l == "en" })
	if lang := chain[0]; lang != "en" {
		t := p.Translations[lang][r.ID]
		loc, missing, err := r.Localize(t)
		if err != nil {
			return nil, fb, err
		}
		r, fb.Content, fb.Missing, fb.Status, fb.TransFile = loc, lang, missing, t.Status.String(), t.File
	}
	r, err := applyOverride(r, j.Clinic)
	if err != nil {
		return nil, fb, err
	}
	r, err = r.Resolve(j.Clinic.Variants, j.Clinic.Timing[r.ID])
	if err != nil {
		return nil, fb, fmt.Errorf("%s: clinic %q: %w", p.Config.File, j.Clinic.ID, err)
	}
	l := Labels(cat)
	// a duration in running text never breaks across lines
	nobreak := func(d *routine.Duration) string { return strings.ReplaceAll(l.Duration(d), " ", "\u00A0") }
	for i := range r.Steps {
		r.Steps[i].Fill(nobreak, func(n int) string { return cat.Number(float64(n)) })
	}
	return r, fb, nil
}

// applyOverride applies the clinic's override of r, if any: dropped
// steps, replaced words or pictures, a local note.
func applyOverride(r *routine.Routine, cl *config.Clinic) (*routine.Routine, error) {
	o, ok := cl.Overrides[r.ID]
	if !ok {
		return r, nil
	}
	c := *r
	c.Steps = nil
	drop := map[string]bool{}
	for _, id := range o.Drop {
		drop[id] = true
	}
	known := map[string]bool{}
	for _, s := range r.Steps {
		known[s.ID] = true
		if drop[s.ID] {
			continue
		}
		if so, ok := o.Steps[s.ID]; ok {
			s.SetWords(so.Title, so.Text, so.Caption)
			if so.Image != "" {
				s.Image = so.Image
			}
			s.Variants = nil // the clinic's words win over variants
		}
		c.Steps = append(c.Steps, s)
	}
	for _, id := range append(append([]string(nil), o.Drop...), sortedKeys(o.Steps)...) {
		if !known[id] {
			return nil, fmt.Errorf("%s: clinic %q: overrides of %q: no step %q", cl.Pos, cl.ID, r.ID, id)
		}
	}
	if o.Note != "" {
		c.LocalNote = o.Note
	}
	return &c, nil
}

// Handout prepares the layout of a job: the localized routine, the
// clinic's branding and the interface words of its language.
func (p *Project) Handout(j Job) (*layout.Handout, error) {
	r, _, err := p.Localize(j)
	if err != nil {
		return nil, err
	}
	cat, _ := p.Catalogs.Lookup(j.Lang)
	cl := j.Clinic
	date, err := cl.ReviewDate()
	if err != nil {
		return nil, err
	}
	w, h := paperSize(cl.Paper)
	images := map[string]*layout.Logo{}
	for _, s := range r.Steps {
		if s.Image != "" {
			img := p.Images[s.Image]
			if img == nil {
				return nil, fmt.Errorf("%s: step %q: image %q was not loaded", cl.Pos, s.ID, s.Image)
			}
			images[s.ID] = img
		}
	}
	return &layout.Handout{
		Routine: r,
		Clinic: layout.Clinic{
			Name: cl.Name, Phone: cl.Contact.Phone, Email: cl.Contact.Email,
			Web: cl.Contact.Web, Address: cl.Contact.Address,
			Logo:    p.Logos[cl.ID],
			Primary: draw.Hex(cl.Colors.Primary), Accent: draw.Hex(cl.Colors.Accent),
			ReviewDate: cat.FormatDate(date), ReviewedBy: cl.Review.By, Ver: cl.Review.Version,
		},
		Labels: Labels(cat),
		PageW:  w,
		PageH:  h,
		Fonts:  p.Fonts,
		Large:  cl.LargePrint || j.Large,
		RTL:    cat.RTL(),
		Shaper: p.Shaper,
		Images: images,
	}, nil
}
