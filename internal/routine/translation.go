package routine

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/careprint/careprint/internal/message"
	"github.com/careprint/careprint/internal/yamlx"
)

// Translation is one routine's text in one language, in its own file
// (templates/translations/<lang>/<routine>.yaml) so a translator works on
// one file at a time. Steps are keyed by step id. References are not
// translated: citations stay as published.
type Translation struct {
	Language     string                     `yaml:"language"`
	Routine      string                     `yaml:"routine"`
	Status       Status                     `yaml:"status"`
	Title        string                     `yaml:"title"`
	Summary      string                     `yaml:"summary"`
	Steps        map[string]StepTranslation `yaml:"steps"`
	Tips         []string                   `yaml:"tips"`
	Remember     []string                   `yaml:"remember"`
	RedFlags     []string                   `yaml:"red_flags"`
	RedFlagsNote string                     `yaml:"red_flags_note"`

	File string    `yaml:"-"`
	doc  yamlx.Doc // positions for errors
}

// Pos is the position of the key or value at path in the translation's
// file (see yamlx.Doc.Pos).
func (t *Translation) Pos(path ...any) yamlx.Pos { return t.doc.Pos(path...) }

// StepTranslation is a step's text in another language.
type StepTranslation struct {
	Title       string `yaml:"title"`
	Text        string `yaml:"text"`
	Caption     string `yaml:"caption"`
	Description string `yaml:"description"`
	// Variants are keyed like StepVariant.Key: "direction=nipple".
	Variants map[string]VariantTranslation `yaml:"variants"`
}

// VariantTranslation is a step variant's words in another language.
type VariantTranslation struct {
	Title       string `yaml:"title"`
	Text        string `yaml:"text"`
	Caption     string `yaml:"caption"`
	Description string `yaml:"description"`
}

// Status is a translation's review state: draft or reviewed, by whom, when.
// A file may write the state alone: status: draft.
type Status struct {
	State string `yaml:"state"`
	By    string `yaml:"by"`
	Date  string `yaml:"date"`
}

// UnmarshalYAML takes a mapping or the state alone (status: draft).
func (s *Status) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Status{State: n.Value}
		return nil
	}
	type plain Status
	return n.Decode((*plain)(s))
}

// ParseTranslation decodes one translation file.
func ParseTranslation(file string, data []byte) (*Translation, error) {
	var t Translation
	doc, err := yamlx.DecodeDoc(file, data, &t)
	if err != nil {
		return nil, err
	}
	t.File, t.doc = file, doc
	if t.Language == "" || t.Routine == "" {
		return nil, yamlx.Errorf(yamlx.Pos{File: file, Line: 1, Col: 1}, "a translation needs language: and routine:")
	}
	if st := t.Status.State; st != "draft" && st != "reviewed" {
		pos := doc.Pos("status", "state")
		if _, n := doc.Find("status"); n != nil && n.Kind == yaml.ScalarNode {
			pos = doc.Pos("status")
		}
		if st == "" {
			return nil, yamlx.Errorf(pos, "status: say draft or reviewed (status: draft, or status: {state: reviewed, by: ..., date: YYYY-MM-DD})")
		}
		return nil, yamlx.Errorf(pos, "status %q: use draft or reviewed%s", st, yamlx.Suggest(st, []string{"draft", "reviewed"}))
	}
	return &t, nil
}

// LoadTranslations reads every templates/translations/<lang>/*.yaml below
// dir, keyed by language then routine id.
func LoadTranslations(fsys fs.FS, dir string) (map[string]map[string]*Translation, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*", "*.yaml"))
	if err != nil {
		return nil, err
	}
	// parsed on every core (the files are independent), then taken in
	// name order: the same result and errors as one by one
	parsed := make([]*Translation, len(names))
	failed := make([]error, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				data, err := fs.ReadFile(fsys, names[i])
				if err == nil {
					parsed[i], err = ParseTranslation(names[i], data)
				}
				failed[i] = err
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	out := map[string]map[string]*Translation{}
	var errs []error // one a file: each file's first problem
	for i, n := range names {
		t, err := parsed[i], failed[i]
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if folder := path.Base(path.Dir(n)); folder != t.Language {
			errs = append(errs, yamlx.Errorf(t.doc.Pos("language"), "language %q does not match its folder %q: move the file to %s/ or fix language:", t.Language, folder, t.Language))
			continue
		}
		if out[t.Language] == nil {
			out[t.Language] = map[string]*Translation{}
		}
		if prev := out[t.Language][t.Routine]; prev != nil {
			errs = append(errs, yamlx.Errorf(t.doc.Pos("routine"), "a second %s translation of routine %q (the first is %s): keep one file", t.Language, t.Routine, prev.File))
			continue
		}
		out[t.Language][t.Routine] = t
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// Localized says where the words of a localized routine come from.
type Localized struct {
	Total int // strings in the handout
	// Langs counts the strings in each language ("en" for the routine's
	// own words).
	Langs map[string]int
	// Fallback lists the strings not in the language wanted, as
	// "step breathe: caption (en)".
	Fallback []string
}

// Localize returns the resolved routine r in language want, from the
// translations of chain (most wanted first): each string comes from the
// first translation that has it,
// else stays r's own (English). Words a clinic wrote itself (Origin
// "clinic:<lang>") stay as they are. The placeholders of a step's words
// are filled by fill in the language the string is in, so a string that
// falls back is written wholly in its own language. r is not changed.
func (r *Routine) Localize(want string, chain []*Translation, fill func(lang string, s *Step) message.Values) (*Routine, Localized) {
	c := *r
	c.Steps = append([]Step(nil), r.Steps...)
	c.Tips = append([]string(nil), r.Tips...)
	c.Remember = append([]string(nil), r.Remember...)
	c.RedFlags = append([]string(nil), r.RedFlags...)
	texts := make([]map[string]string, len(chain))
	for i, t := range chain {
		texts[i] = t.texts()
	}
	c.Langs = nil
	loc := Localized{Langs: map[string]int{}}
	// pick sets *dst to the translation at tpath, or keeps it; it returns
	// the language the string is now in.
	pick := func(dst *string, where string, origin string, tpath ...any) string {
		if strings.TrimSpace(*dst) == "" {
			return ""
		}
		lang := "en"
		if l, ok := strings.CutPrefix(origin, "clinic:"); ok {
			lang = l
		} else {
			key := pathKey(tpath)
			for i, tx := range texts {
				if v, ok := tx[key]; ok {
					*dst, lang = v, chain[i].Language
					break
				}
			}
		}
		loc.Total++
		loc.Langs[lang]++
		if lang != want {
			loc.Fallback = append(loc.Fallback, where+" ("+lang+")")
			c.SetLang(where, lang)
		}
		return lang
	}
	pick(&c.Title, "title", "", "title")
	pick(&c.Summary, "summary", "", "summary")
	for i := range c.Steps {
		s := &c.Steps[i]
		vals := map[string]message.Values{}
		field := func(dst *string, name, origin string, timed bool) {
			tpath := []any{"steps", s.ID, name}
			if origin != "" && !strings.HasPrefix(origin, "clinic:") {
				tpath = []any{"steps", s.ID, "variants", origin, name}
			}
			lang := pick(dst, "step "+s.ID+": "+name, origin, tpath...)
			if !timed || lang == "" {
				return
			}
			v, ok := vals[lang]
			if !ok {
				v = fill(lang, s)
				vals[lang] = v
			}
			if m, err := message.Parse(*dst); err == nil { // validated when loaded
				*dst = m.Format(v)
			}
		}
		o := s.Origin
		field(&s.Title, "title", o.Title, true)
		field(&s.Text, "text", o.Text, true)
		field(&s.Caption, "caption", o.Caption, true)
		il := s.Illustration
		field(&il.Description, "description", o.Description, false)
		s.Illustration = il
	}
	for i := range c.Tips {
		pick(&c.Tips[i], fmt.Sprintf("tips item %d", i+1), "", "tips", i)
	}
	for i := range c.Remember {
		pick(&c.Remember[i], fmt.Sprintf("remember item %d", i+1), "", "remember", i)
	}
	for i := range c.RedFlags {
		pick(&c.RedFlags[i], fmt.Sprintf("red_flags item %d", i+1), "", "red_flags", i)
	}
	pick(&c.RedFlagsNote, "red_flags_note", "", "red_flags_note")
	return &c, loc
}

// String describes a status for reports: "draft (careprint team, 2026-11-21)".
func (s Status) String() string {
	var who []string
	for _, v := range []string{s.By, s.Date} {
		if v != "" {
			who = append(who, v)
		}
	}
	if len(who) == 0 {
		return s.State
	}
	return fmt.Sprintf("%s (%s)", s.State, strings.Join(who, ", "))
}
