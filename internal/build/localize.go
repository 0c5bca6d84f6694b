package build

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/message"
	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// Fallback says which languages a job's handout really uses: how many of
// its strings are in another language than the one asked for, and whether
// any of its words come from a draft translation. Build reports it in one
// line, check in its report; a clinic with fallback: refuse or
// require_reviewed: true makes it an error.
type Fallback struct {
	Asked string // the job's language
	Words string // the language with content that Asked matched
	UI    string // the language of the interface words
	Total int    // strings in the handout
	// Missing lists the strings not in Words, with the language they are
	// in: "step breathe: caption (en)".
	Missing []string
	Langs   map[string]int // strings per language
	// Drafts lists the draft translation files the words come from (the
	// interface catalog included).
	Drafts []string
	// NoTranslation is set when the routine has no translation into Words.
	NoTranslation bool
	Status        string // the translation's review status, "" for English
	TransFile     string // the translation file, if any
}

// Complete reports whether everything is in the language asked for.
func (f Fallback) Complete() bool {
	return len(f.Missing) == 0 && sameLang(f.UI, f.Words)
}

// Draft reports whether any words come from a draft translation.
func (f Fallback) Draft() bool { return len(f.Drafts) > 0 }

func sameLang(a, b string) bool {
	base := func(l string) string { return strings.SplitN(l, "-", 2)[0] }
	return a == b || base(a) == base(b)
}

// String describes the fallback in one line, e.g. "23 of 23 strings in
// English"; "" when there is none.
func (f Fallback) String() string {
	if f.Complete() {
		return ""
	}
	var parts []string
	for _, l := range slices.Sorted(maps.Keys(f.Langs)) {
		if l != f.Words {
			parts = append(parts, fmt.Sprintf("%d of %d strings in %s", f.Langs[l], f.Total, LanguageName(l)))
		}
	}
	if !sameLang(f.UI, f.Words) {
		parts = append(parts, "interface words in "+LanguageName(f.UI))
	}
	s := strings.Join(parts, ", ")
	if f.NoTranslation {
		return s + " (no " + f.Words + " translation of the routine)"
	}
	if n := len(f.Missing); n > 0 {
		s += fmt.Sprintf(" (%s%s)", strings.Join(f.Missing[:min(n, 3)], "; "), map[bool]string{true: "; ...", false: ""}[n > 3])
	}
	return s
}

// LanguageName is a language's English name: "Arabic"; its tag when it has none.
func LanguageName(tag string) string {
	if t, err := language.Parse(tag); err == nil {
		if n := display.English.Tags().Name(t); n != "" {
			return n
		}
	}
	return tag
}

// Languages lists the languages careprint has words for: a catalog of
// interface words or a routine's translation, and English.
func (p *Project) Languages() []string {
	set := map[string]bool{"en": true}
	for _, l := range p.Catalogs.Languages() {
		set[l] = true
	}
	for l := range p.Translations {
		set[l] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// MatchLanguage returns the language with content that tag asks for:
// itself, or the best match by the CLDR language matcher (zh-CN ->
// zh-Hans, es-MX -> es). A tag that is not well formed, not in its
// canonical case, or has no match is an error listing the languages.
func (p *Project) MatchLanguage(tag string) (string, error) {
	have := p.Languages()
	for _, l := range have {
		if l == tag {
			return l, nil
		}
	}
	t, err := language.Parse(tag)
	if err == nil && t.String() == tag {
		tags := make([]language.Tag, len(have))
		for i, l := range have {
			tags[i] = language.MustParse(l)
		}
		_, i, conf := language.NewMatcher(tags).Match(t)
		if conf >= language.High {
			return have[i], nil
		}
	}
	return "", fmt.Errorf("language %q: careprint has no words for it%s; the languages are %s",
		tag, suggestLang(tag, have), strings.Join(have, ", "))
}

// suggestLang is a did-you-mean for a language tag: the tag in another
// case ("ES"), written as a name ("arabic"), or spelt nearly alike.
func suggestLang(s string, have []string) string {
	for _, l := range have {
		t := language.MustParse(l)
		name := display.English.Tags().Name(t)
		if strings.EqualFold(s, l) || strings.EqualFold(s, name) || strings.EqualFold(s, display.Self.Name(t)) {
			return fmt.Sprintf(" (did you mean %q?)", l)
		}
	}
	if sug := yamlx.Suggest(s, have); len(s) > 3 && strings.HasPrefix(sug, " (did") {
		return sug
	}
	return ""
}

// contentChain lists the languages a job's words may come from, most
// wanted first: the matched language and its base language (English,
// the routines' own, comes last and is implicit).
func contentChain(words string) []string {
	out := []string{words}
	if i := strings.IndexByte(words, '-'); i > 0 {
		out = append(out, words[:i])
	}
	return out
}

// Localize returns the job's routine as its clinic hands it out in the
// job's language: the clinic's overrides, variant choices and timing
// applied, then every string from the job's language, else its base
// language, else English, with {duration} and {count} filled in the
// language of the string they are in.
func (p *Project) Localize(j Job) (*routine.Routine, Fallback, error) {
	words := j.Words
	if words == "" {
		words = j.Lang
	}
	_, uiLang := p.Catalogs.Lookup(words)
	fb := Fallback{Asked: j.Lang, Words: words, UI: uiLang}
	chain := contentChain(words)
	r, err := applyOverride(j.Routine, j.Clinic, p.Config, append(chain, "en"))
	if err != nil {
		return nil, fb, err
	}
	r, err = r.Resolve(j.Clinic.Variants, j.Clinic.Timing[r.ID])
	if err != nil {
		return nil, fb, fmt.Errorf("%s: clinic %q: %w", p.Config.File, j.Clinic.ID, err)
	}
	var trs []*routine.Translation
	for _, l := range chain {
		if t := p.Translations[l][r.ID]; t != nil {
			trs = append(trs, t)
		}
	}
	fill := func(lang string, s *routine.Step) message.Values {
		cat, _ := p.Catalogs.Lookup(lang)
		l := Labels(cat)
		v := message.Values{Form: cat.Form}
		if s.Duration != nil {
			// a duration in running text never breaks across lines
			v.Duration = strings.ReplaceAll(l.Duration(s.Duration), " ", "\u00A0")
		}
		if s.Repeat != nil {
			v.Count, v.CountText = float64(s.Repeat.Count), cat.Number(float64(s.Repeat.Count))
		}
		return v
	}
	loc, info := r.Localize(words, trs, fill)
	fb.NoTranslation = words != "en" && (len(trs) == 0 || trs[0].Language != words)
	if note, lang := j.Clinic.Overrides[r.ID].Note.For(append(chain, "en")); note != "" {
		loc.LocalNote = note
		info.Total++
		info.Langs[lang]++
		if lang != words {
			info.Fallback = append(info.Fallback, "clinic note ("+lang+")")
			loc.SetLang("clinic note", lang)
		}
	} else if len(j.Clinic.Overrides[r.ID].Note) > 0 {
		info.Total++
		info.Langs["?"]++
		info.Fallback = append(info.Fallback, "clinic note (none for "+words+")")
	}
	fb.Total, fb.Missing, fb.Langs = info.Total, info.Fallback, info.Langs
	if len(trs) > 0 {
		fb.Status, fb.TransFile = trs[0].Status.String(), trs[0].File
	}
	for _, t := range trs {
		if info.Langs[t.Language] > 0 && t.Status.State != "reviewed" {
			fb.Drafts = append(fb.Drafts, t.File)
		}
	}
	if cat, _ := p.Catalogs.Lookup(words); uiLang != "en" && cat.Status.State != "reviewed" {
		fb.Drafts = append(fb.Drafts, cat.File)
	}
	return loc, fb, nil
}

// applyOverride applies the clinic's override of r, if any: dropped
// steps, the clinic's own words (in the first language of chain it gave)
// or pictures. Step ids were checked when the config was loaded.
func applyOverride(r *routine.Routine, cl *config.Clinic, cfg *config.Config, chain []string) (*routine.Routine, error) {
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
	for _, s := range r.Steps {
		if drop[s.ID] {
			continue
		}
		if so, ok := o.Steps[s.ID]; ok {
			for _, w := range []struct {
				dst, origin *string
				src         config.Words
			}{{&s.Title, &s.Origin.Title, so.Title}, {&s.Text, &s.Origin.Text, so.Text}, {&s.Caption, &s.Origin.Caption, so.Caption}} {
				if text, lang := w.src.For(chain); text != "" {
					*w.dst, *w.origin = text, "clinic:"+lang
				}
			}
			if so.Image != "" {
				s.Image = so.Image
			}
			s.Variants = nil // the clinic's words win over variants
		}
		c.Steps = append(c.Steps, s)
	}
	return &c, nil
}

// checkClinic checks what a clinic's config says about routines against
// the routines loaded: overrides and timing name routines and steps that
// exist, the clinic's own words use only the placeholders their step can
// fill, and each timing is a sensible number. Errors point at the key.
func (p *Project) checkClinic(cl *config.Clinic) error {
	cfg := p.Config
	at := func(path ...any) yamlx.Pos { return cfg.KeyPos(append([]any{"clinics", cl.Index}, path...)...) }
	ids := make([]string, len(p.Routines))
	for i, r := range p.Routines {
		ids[i] = r.ID
	}
	stepIDs := func(r *routine.Routine) []string {
		out := make([]string, len(r.Steps))
		for i, s := range r.Steps {
			out[i] = s.ID
		}
		return out
	}
	for _, id := range slices.Sorted(maps.Keys(cl.Overrides)) {
		r := p.Routine(id)
		if r == nil {
			return yamlx.Errorf(at("overrides", id), "clinic %q: overrides: unknown routine %q%s", cl.ID, id, yamlx.Suggest(id, ids))
		}
		o := cl.Overrides[id]
		for i, sid := range o.Drop {
			if !slices.Contains(stepIDs(r), sid) {
				return yamlx.Errorf(cfg.Pos("clinics", cl.Index, "overrides", id, "drop", i), "clinic %q: overrides of %q: drop: no step %q%s", cl.ID, id, sid, yamlx.Suggest(sid, stepIDs(r)))
			}
		}
		for _, sid := range slices.Sorted(maps.Keys(o.Steps)) {
			var step *routine.Step
			for i := range r.Steps {
				if r.Steps[i].ID == sid {
					step = &r.Steps[i]
				}
			}
			if step == nil {
				return yamlx.Errorf(at("overrides", id, "steps", sid), "clinic %q: overrides of %q: no step %q%s", cl.ID, id, sid, yamlx.Suggest(sid, stepIDs(r)))
			}
			so := o.Steps[sid]
			for _, w := range []struct {
				name  string
				words config.Words
			}{{"title", so.Title}, {"text", so.Text}, {"caption", so.Caption}} {
				for _, lang := range slices.Sorted(maps.Keys(w.words)) {
					pos := cfg.Pos("clinics", cl.Index, "overrides", id, "steps", sid, w.name)
					if _, err := p.MatchLanguage(lang); err != nil {
						return yamlx.Errorf(pos, "clinic %q: %v", cl.ID, err)
					}
					s := *step
					s.Title, s.Text, s.Caption = w.words[lang], "", ""
					if err := s.CheckWords(); err != nil {
						return yamlx.Errorf(pos, "clinic %q: overrides of %q: %s: %v", cl.ID, id, w.name, err)
					}
				}
			}
		}
		for _, lang := range slices.Sorted(maps.Keys(o.Note)) {
			if _, err := p.MatchLanguage(lang); err != nil {
				return yamlx.Errorf(cfg.Pos("clinics", cl.Index, "overrides", id, "note"), "clinic %q: note: %v", cl.ID, err)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(cl.Links.Routines)) {
		if p.Routine(id) == nil {
			return yamlx.Errorf(at("links", "routines", id), "clinic %q: links for unknown routine %q%s", cl.ID, id, yamlx.Suggest(id, ids))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(cl.Timing)) {
		r := p.Routine(id)
		if r == nil {
			return yamlx.Errorf(at("timing", id), "clinic %q: timing for unknown routine %q%s", cl.ID, id, yamlx.Suggest(id, ids))
		}
		for _, sid := range slices.Sorted(maps.Keys(cl.Timing[id])) {
			if !slices.Contains(stepIDs(r), sid) {
				return yamlx.Errorf(at("timing", id, sid), "clinic %q: timing for %q: no step %q%s", cl.ID, id, sid, yamlx.Suggest(sid, stepIDs(r)))
			}
			if err := cl.Timing[id][sid].Check(); err != nil {
				return yamlx.Errorf(cfg.Pos("clinics", cl.Index, "timing", id, sid), "clinic %q: timing for %s/%s: %v", cl.ID, id, sid, err)
			}
		}
	}
	return nil
}

// Handout prepares the layout of a job: the localized routine, the
// clinic's branding and the interface words of its language.
func (p *Project) Handout(j Job) (*layout.Handout, error) {
	r, fb, err := p.Localize(j)
	if err != nil {
		return nil, err
	}
	words := j.Words
	if words == "" {
		words = j.Lang
	}
	cat, _ := p.Catalogs.Lookup(words)
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
			Lang: otherLang(cl.OwnLanguage, j.Lang),
		},
		Labels: Labels(cat),
		Draft:  fb.Draft(),
		PageW:  w,
		PageH:  h,
		Fonts:  p.Fonts,
		Large:  cl.LargePrint || j.Large,
		RTL:    cat.RTL(),
		Shaper: p.Shaper,
		Images: images,
		Link:   cl.Links.For(r.ID),
	}, nil
}

// Check localizes every clinic, language and routine of jobs once, before
// any is rendered, and returns the errors (each once) and the notes a
// build prints: which language a tag matched, which handouts fall back to
// another language's words. A clinic's fallback: refuse and
// require_reviewed: true turn those into errors.
func (p *Project) Check(jobs []Job) (notes []string, err error) {
	return p.check(jobs, nil)
}

// CheckBuild is Check for a build with options o: the layout of a clinic's
// words is not checked again in a language all of whose jobs the last
// build into o.Out made with the same inputs (see Built): it laid them out
// then. A job whose inputs changed since all the same (another build into
// the folder meanwhile) is laid out when it renders, and a clinic text
// error is then that job's error, pointing at the config as here.
func (p *Project) CheckBuild(jobs []Job, o Options) (notes []string, err error) {
	return p.check(jobs, p.Built(jobs, o))
}

// check is Check, skipping the layout check of a clinic's language whose
// jobs built lists (by key) one and all.
func (p *Project) check(jobs []Job, built map[string]bool) (notes []string, err error) {
	stale := map[string]bool{} // clinic/lang with a job not built as it is now
	for _, j := range jobs {
		if !built[j.key()] {
			stale[j.Clinic.ID+"/"+j.Lang] = true
		}
	}
	seen := map[string]bool{}
	var errs []string
	fail := func(e error) {
		if !seen["err:"+e.Error()] {
			seen["err:"+e.Error()] = true
			errs = append(errs, e.Error())
		}
	}
	for _, j := range jobs {
		if j.Words != "" && j.Words != j.Lang && !seen["match:"+j.Clinic.ID+j.Lang] {
			seen["match:"+j.Clinic.ID+j.Lang] = true
			notes = append(notes, fmt.Sprintf("%s/%s: language %s matched %s (%s)", j.Clinic.ID, j.Lang, j.Lang, j.Words, LanguageName(j.Words)))
		}
		if seen[j.Name()] {
			continue
		}
		seen[j.Name()] = true
		_, fb, err := p.Localize(j)
		if err != nil {
			fail(err)
			continue
		}
		if key := "layout:" + j.Clinic.ID + "/" + j.Lang; !seen[key] && stale[j.Clinic.ID+"/"+j.Lang] {
			seen[key] = true
			if err := p.checkClinicText(j); err != nil {
				fail(err)
			}
		}
		at := func(key string) yamlx.Pos { return p.Config.Pos("clinics", j.Clinic.Index, key) }
		if s := fb.String(); s != "" {
			if j.Clinic.Fallback == "refuse" {
				fail(yamlx.Errorf(at("fallback"), "clinic %q has fallback: refuse, but %s: %s: translate these strings, or set fallback: report", j.Clinic.ID, j.Name(), s))
			} else {
				notes = append(notes, j.Name()+": "+s)
			}
		}
		if fb.Draft() && j.Clinic.RequireReviewed {
			fail(yamlx.Errorf(at("require_reviewed"), "clinic %q has require_reviewed: true, but %s uses the draft translation %s: have it reviewed (status: {state: reviewed, by: ..., date: ...}) or leave %s out",
				j.Clinic.ID, j.Name(), strings.Join(fb.Drafts, ", "), j.Lang))
		}
	}
	if len(errs) > 0 {
		return notes, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return notes, nil
}

// checkClinicText lays out j's handout (and, for a clinic with PNG
// output, its first card and poster) as a build would, and returns an
// error in the clinic's own words: a name no font can draw or too long to
// fit, pointing at the config. Other layout errors are the job's own.
func (p *Project) checkClinicText(j Job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = nil // the job reports it, naming itself
		}
	}()
	h, err := p.Handout(j)
	if err != nil {
		return nil
	}
	_, err = h.Document()
	if err == nil && slices.Contains(j.Clinic.Formats, "png") && len(h.Routine.Steps) > 0 {
		png := j.Clinic.PNG
		if _, err = h.Card(0, png.Card.Width, png.Card.Height); err == nil {
			_, _, err = h.Poster(png.Poster.Width, png.Poster.Height)
		}
	}
	var ce *layout.ClinicTextError
	if errors.As(err, &ce) {
		return p.blame(j, err)
	}
	return nil
}

// blame points an error in the clinic's own words at the config key that
// holds them; other errors are returned as they are.
func (p *Project) blame(j Job, err error) error {
	var ce *layout.ClinicTextError
	if !errors.As(err, &ce) {
		return err
	}
	path := []any{"clinics", j.Clinic.Index, "name"}
	switch ce.What {
	case "clinic contact":
		path[2] = "contact"
	case "clinic note":
		path = []any{"clinics", j.Clinic.Index, "overrides", j.Routine.ID, "note"}
	}
	return yamlx.Errorf(p.Config.Pos(path...), "clinic %q: %v", j.Clinic.ID, ce)
}

// otherLang is lang when it is not the handout's language (by base
// language: en-US text in an en handout needs no tag), else "".
func otherLang(lang, handout string) string {
	a, _ := language.Parse(lang)
	b, _ := language.Parse(handout)
	ab, _ := a.Base()
	bb, _ := b.Base()
	if ab == bb {
		return ""
	}
	return lang
}
