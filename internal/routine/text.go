package routine

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/careprint/careprint/internal/message"
	"github.com/careprint/careprint/internal/yamlx"
)

// Text is one translatable string of a routine file.
type Text struct {
	Where string // for reports: "step breathe: text", "tips item 2"
	Path  []any  // where it is in the routine file
	TPath []any  // where its translation is in a translation file
	Value string
	// Timed is set for a step's words, which may use {duration} and
	// {count}; Step is that step.
	Timed bool
	Step  *Step
}

// Texts lists every translatable string of r as loaded (every variant
// included), in file order.
func (r *Routine) Texts() []Text {
	var out []Text
	add := func(t Text) {
		if strings.TrimSpace(t.Value) != "" {
			out = append(out, t)
		}
	}
	add(Text{Where: "title", Path: []any{"title"}, TPath: []any{"title"}, Value: r.Title})
	add(Text{Where: "summary", Path: []any{"summary"}, TPath: []any{"summary"}, Value: r.Summary})
	for i := range r.Steps {
		s := &r.Steps[i]
		fields := func(where string, path, tpath []any, title, text, caption string, il *Illustration) {
			for _, f := range []struct{ name, v string }{{"title", title}, {"text", text}, {"caption", caption}} {
				add(Text{Where: where + ": " + f.name, Path: with(path, f.name), TPath: with(tpath, f.name), Value: f.v, Timed: true, Step: s})
			}
			if il != nil {
				add(Text{Where: where + ": description", Path: with(path, "illustration", "description"), TPath: with(tpath, "description"), Value: il.Description, Step: s})
			}
		}
		where := "step " + s.ID
		fields(where, []any{"steps", i}, []any{"steps", s.ID}, s.Title, s.Text, s.Caption, &s.Illustration)
		for j, v := range s.Variants {
			fields(where+": variant "+v.Key(), []any{"steps", i, "variants", j}, []any{"steps", s.ID, "variants", v.Key()}, v.Title, v.Text, v.Caption, v.Illustration)
		}
	}
	for i, tip := range r.Tips {
		add(Text{Where: fmt.Sprintf("tips item %d", i+1), Path: []any{"tips", i}, TPath: []any{"tips", i}, Value: tip})
	}
	for i, v := range r.Remember {
		add(Text{Where: fmt.Sprintf("remember item %d", i+1), Path: []any{"remember", i}, TPath: []any{"remember", i}, Value: v})
	}
	for i, f := range r.RedFlags {
		add(Text{Where: fmt.Sprintf("red_flags item %d", i+1), Path: []any{"red_flags", i}, TPath: []any{"red_flags", i}, Value: f})
	}
	add(Text{Where: "red_flags_note", Path: []any{"red_flags_note"}, TPath: []any{"red_flags_note"}, Value: r.RedFlagsNote})
	return out
}

// token is the text a message error is about, to point at it.
func token(err error) string {
	var me *message.Error
	if errors.As(err, &me) {
		return me.Token
	}
	return ""
}

func with(path []any, more ...any) []any {
	return append(append([]any(nil), path...), more...)
}

// claimRE finds what reads as a research claim or a figure from a study:
// a percentage, or the words study, trial or research.
var claimRE = regexp.MustCompile(`(?i)\d\s*%|\b(stud(y|ies)|trials?|research)\b`)

// checkTexts checks the words of r as written: placeholders are known and
// well formed, {duration} and {count} only in steps that have the timing,
// reference markers [n] point at a reference, and a number or research
// claim carries its marker.
func (r *Routine) checkTexts() error {
	for _, t := range r.Texts() {
		pos := func() yamlx.Pos { return r.doc.Pos(t.Path...) } // for an error
		m, err := message.Parse(t.Value)
		if err != nil {
			return yamlx.Errorf(r.doc.PosOf(token(err), t.Path...), "%s: %v", t.Where, err)
		}
		for _, name := range m.Placeholders() {
			switch {
			case !t.Timed:
				return yamlx.Errorf(r.doc.PosOf("{"+name, t.Path...), "%s: {%s} can only be used in a step's title, text or caption", t.Where, name)
			case name == "duration" && t.Step.Duration == nil:
				return yamlx.Errorf(pos(), "%s: the text says {duration} but step %q has no duration:", t.Where, t.Step.ID)
			case name == "count" && t.Step.Repeat == nil:
				return yamlx.Errorf(pos(), "%s: the text says {count} but step %q has no repeat:", t.Where, t.Step.ID)
			}
		}
		refs := message.References(t.Value)
		for _, n := range refs {
			if n < 1 || n > len(r.References) {
				return yamlx.Errorf(pos(), "%s: [%d] points at no reference: the routine lists %d", t.Where, n, len(r.References))
			}
		}
		if len(refs) == 0 && claimRE.MatchString(t.Value) {
			return yamlx.Errorf(pos(), "%s: %q reads as a number or research claim without its source: end the sentence with the reference's number, e.g. [1]", t.Where, claimRE.FindString(t.Value))
		}
	}
	return nil
}

// CheckPlurals checks that every {count} of r's words that sits before
// words that change with the number uses plural forms, and only the
// forms the language has: cats lists the plural categories the
// language uses for whole numbers (CLDR); other is always needed, and
// forms the language does not use are allowed.
func (r *Routine) CheckPlurals(cats []string) error {
	for _, t := range r.Texts() {
		if err := checkPlural(t.Value, cats, func() yamlx.Pos { return r.doc.PosOf("{count", t.Path...) }, t.Where); err != nil {
			return err
		}
	}
	return nil
}

// checkPlural checks the plural forms of s; pos, called only for an
// error, is where to point.
func checkPlural(s string, cats []string, pos func() yamlx.Pos, where string) error {
	m, err := message.Parse(s)
	if err != nil {
		return yamlx.Errorf(pos(), "%s: %v", where, err)
	}
	if len(cats) > 1 && m.Plain("count") {
		return yamlx.Errorf(pos(), "%s: write {count, plural, %s}: the words after a number change with it (forms %s)",
			where, formsExample(cats), strings.Join(cats, ", "))
	}
	for _, have := range m.Forms() {
		var missing []string
		for _, c := range cats {
			if !contains(have, c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			return yamlx.Errorf(pos(), "%s: {count, plural, ...} lacks the form %s (this language needs %s)", where, strings.Join(missing, ", "), strings.Join(cats, ", "))
		}
	}
	return nil
}

func formsExample(cats []string) string {
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = c + " {# ...}"
	}
	return strings.Join(parts, " ")
}

// CheckTranslation checks t against its routine r: every step and variant
// it names exists, lists have the English length, every string parses,
// keeps the English string's placeholders and reference markers, writes no
// number the English does not have (a duration or count must stay a
// placeholder, so a clinic's timing reaches every language) and uses the
// plural forms of its language (cats, as for CheckPlurals).
func (r *Routine) CheckTranslation(t *Translation, cats []string) error {
	steps := map[string]*Step{}
	var ids []string
	for i := range r.Steps {
		steps[r.Steps[i].ID] = &r.Steps[i]
		ids = append(ids, r.Steps[i].ID)
	}
	for _, id := range keys(t.Steps) {
		s := steps[id]
		if s == nil {
			return yamlx.Errorf(t.doc.KeyPos("steps", id), "step %q is not in routine %q%s", id, r.ID, yamlx.Suggest(id, ids))
		}
		var known []string
		for _, v := range s.Variants {
			known = append(known, v.Key())
		}
		for _, k := range keys(t.Steps[id].Variants) {
			if !contains(known, k) {
				return yamlx.Errorf(t.doc.KeyPos("steps", id, "variants", k), "step %q has no variant %q%s", id, k, yamlx.Suggest(k, known))
			}
		}
	}
	for _, l := range []struct {
		name     string
		tr, orig []string
	}{{"tips", t.Tips, r.Tips}, {"remember", t.Remember, r.Remember}, {"red_flags", t.RedFlags, r.RedFlags}} {
		if len(l.tr) > 0 && len(l.tr) != len(l.orig) {
			return yamlx.Errorf(t.doc.Pos(l.name), "%s: %d items, the English has %d: translate each item", l.name, len(l.tr), len(l.orig))
		}
	}
	tr := t.texts()
	for _, src := range r.Texts() {
		v, ok := tr[pathKey(src.TPath)]
		if !ok {
			continue
		}
		pos := func() yamlx.Pos { return t.doc.Pos(src.TPath...) } // for an error
		m, err := message.Parse(v)
		if err != nil {
			return yamlx.Errorf(t.doc.PosOf(token(err), src.TPath...), "%s: %v", src.Where, err)
		}
		orig, _ := message.Parse(src.Value)
		if a, b := m.Placeholders(), orig.Placeholders(); !slices.Equal(a, b) {
			return yamlx.Errorf(pos(), "%s: placeholders %s, the English has %s: keep each of the English ones once", src.Where, braces(a), braces(b))
		}
		if a, b := message.References(v), message.References(src.Value); !equalInts(a, b) {
			return yamlx.Errorf(pos(), "%s: reference markers %v, the English has %v: keep them as they are", src.Where, a, b)
		}
		have := orig.Numbers()
		for _, n := range m.Numbers() {
			if i := slices.Index(have, n); i >= 0 {
				have = append(have[:i], have[i+1:]...)
				continue
			}
			hint := "write only the numbers the English has"
			if len(orig.Placeholders()) > 0 {
				hint = "a clinic can change durations and counts: write " + braces(orig.Placeholders()) + " instead"
			}
			return yamlx.Errorf(t.doc.PosOf(n, src.TPath...), "%s: the number %s is not in the English: %s", src.Where, n, hint)
		}
		if err := checkPlural(v, cats, func() yamlx.Pos { return t.doc.PosOf("{count", src.TPath...) }, src.Where); err != nil {
			return err
		}
	}
	return nil
}

// texts maps the path key of each string t gives to its value.
func (t *Translation) texts() map[string]string {
	out := map[string]string{}
	put := func(v string, path ...any) {
		if strings.TrimSpace(v) != "" {
			out[pathKey(path)] = v
		}
	}
	put(t.Title, "title")
	put(t.Summary, "summary")
	put(t.RedFlagsNote, "red_flags_note")
	for i, v := range t.Tips {
		put(v, "tips", i)
	}
	for i, v := range t.Remember {
		put(v, "remember", i)
	}
	for i, v := range t.RedFlags {
		put(v, "red_flags", i)
	}
	for id, st := range t.Steps {
		put(st.Title, "steps", id, "title")
		put(st.Text, "steps", id, "text")
		put(st.Caption, "steps", id, "caption")
		put(st.Description, "steps", id, "description")
		for k, v := range st.Variants {
			put(v.Title, "steps", id, "variants", k, "title")
			put(v.Text, "steps", id, "variants", k, "text")
			put(v.Caption, "steps", id, "variants", k, "caption")
			put(v.Description, "steps", id, "variants", k, "description")
		}
	}
	return out
}

func pathKey(path []any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, "/")
}

func braces(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "{" + n + "}"
	}
	return strings.Join(parts, " ")
}

func equalInts(a, b []int) bool {
	as, bs := slices.Clone(a), slices.Clone(b)
	slices.Sort(as)
	slices.Sort(bs)
	return slices.Equal(as, bs)
}
