package routine

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

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
	RedFlags     []string                   `yaml:"red_flags"`
	RedFlagsNote string                     `yaml:"red_flags_note"`

	File string `yaml:"-"`
}

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
type Status struct {
	State string `yaml:"state"`
	By    string `yaml:"by"`
	Date  string `yaml:"date"`
}

// ParseTranslation decodes one translation file.
func ParseTranslation(file string, data []byte) (*Translation, error) {
	var t Translation
	if err := yamlx.Decode(file, data, &t); err != nil {
		return nil, err
	}
	t.File = file
	top := yamlx.Pos{File: file, Line: 1}
	if t.Language == "" || t.Routine == "" {
		return nil, yamlx.Errorf(top, "a translation needs language: and routine:")
	}
	if t.Status.State != "draft" && t.Status.State != "reviewed" {
		return nil, yamlx.Errorf(top, "status: state %q: use draft or reviewed", t.Status.State)
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
	out := map[string]map[string]*Translation{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		t, err := ParseTranslation(n, data)
		if err != nil {
			return nil, err
		}
		if folder := path.Base(path.Dir(n)); folder != t.Language {
			return nil, yamlx.Errorf(yamlx.Pos{File: n, Line: 1}, "language %q does not match its folder %q", t.Language, folder)
		}
		if out[t.Language] == nil {
			out[t.Language] = map[string]*Translation{}
		}
		out[t.Language][t.Routine] = t
	}
	return out, nil
}

// Localize returns a copy of r with the text of t. Every string t lacks
// stays in English and is listed in missing (as "step breathe: caption"),
// so the fallback is visible in `careprint check`, never silent. A
// translation that does not match r (unknown step, list of another length)
// is an error.
func (r *Routine) Localize(t *Translation) (loc *Routine, missing []string, err error) {
	c := *r
	c.File = t.File // the words now come from the translation
	c.Steps = append([]Step(nil), r.Steps...)
	top := yamlx.Pos{File: t.File, Line: 1}
	pick := func(dst *string, src, what string) {
		if strings.TrimSpace(src) == "" {
			if strings.TrimSpace(*dst) != "" {
				missing = append(missing, what)
			}
			return
		}
		*dst = src
	}
	pick(&c.Title, t.Title, "title")
	pick(&c.Summary, t.Summary, "summary")
	pick(&c.RedFlagsNote, t.RedFlagsNote, "red_flags_note")
	ids := map[string]bool{}
	for i := range c.Steps {
		s := &c.Steps[i]
		ids[s.ID] = true
		st, ok := t.Steps[s.ID]
		if !ok {
			missing = append(missing, "step "+s.ID)
			continue
		}
		pick(&s.Title, st.Title, "step "+s.ID+": title")
		pick(&s.Text, st.Text, "step "+s.ID+": text")
		pick(&s.Caption, st.Caption, "step "+s.ID+": caption")
		pick(&s.Illustration.Description, st.Description, "step "+s.ID+": description")
		vs := append([]StepVariant(nil), s.Variants...)
		for j := range vs {
			v := &vs[j]
			key := v.Key()
			vt, ok := st.Variants[key]
			what := "step " + s.ID + ": variant " + key
			if !ok {
				missing = append(missing, what)
				continue
			}
			pick(&v.Title, vt.Title, what+": title")
			pick(&v.Text, vt.Text, what+": text")
			pick(&v.Caption, vt.Caption, what+": caption")
			if v.Illustration != nil {
				il := *v.Illustration
				pick(&il.Description, vt.Description, what+": description")
				v.Illustration = &il
			}
		}
		s.Variants = vs
	}
	var extra []string
	for id := range t.Steps {
		if !ids[id] {
			extra = append(extra, id)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		var valid []string
		for id := range ids {
			valid = append(valid, id)
		}
		return nil, nil, yamlx.Errorf(top, "step %q is not in routine %q%s", extra[0], r.ID, yamlx.Suggest(extra[0], valid))
	}
	list := func(dst *[]string, src []string, what string) error {
		switch {
		case len(src) == 0:
			if len(*dst) > 0 {
				missing = append(missing, what)
			}
		case len(src) != len(*dst):
			return yamlx.Errorf(top, "%s: %d items, the English has %d: translate each item", what, len(src), len(*dst))
		default:
			*dst = src
		}
		return nil
	}
	if err := list(&c.Tips, t.Tips, "tips"); err != nil {
		return nil, nil, err
	}
	if err := list(&c.RedFlags, t.RedFlags, "red_flags"); err != nil {
		return nil, nil, err
	}
	return &c, missing, nil
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
