// Package routine is careprint's domain: care routines made of steps, each
// step with its text, its timing and an illustration described as marks on a
// body model. Routine files are YAML; every error names file:line:col.
package routine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/careprint/careprint/internal/message"
	"github.com/careprint/careprint/internal/yamlx"
)

// Routine is one handout's content.
type Routine struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	Version string `yaml:"version"`
	// Layout is "steps" (numbered steps, the default) or "sheet" (a one-page
	// glossary: a pictogram and a caption for each entry, no numbers).
	Layout string   `yaml:"layout"`
	Steps  []Step   `yaml:"steps"`
	Tips   []string `yaml:"tips"`
	// Remember is the short "remember" box at the end of the steps: at
	// most three lines a parent keeps in mind.
	Remember []string `yaml:"remember"`
	// Tool is the page tool printed with it: "ticks" (a tick strip, one
	// row a day) or "log" (a day-by-day log that says when to call).
	Tool     string   `yaml:"tool"`
	RedFlags []string `yaml:"red_flags"`
	// RedFlagsNote follows the warning signs, e.g. when treatment comes first.
	RedFlagsNote string `yaml:"red_flags_note"`
	// LocalNote is the clinic's own note (from config overrides).
	LocalNote  string   `yaml:"-"`
	References []string `yaml:"references"`
	// Langs maps the place of each string that is not in the language the
	// routine was localized to ("summary", "step breathe: text", "tips
	// item 2", "clinic note", as Localized.Fallback names them) to the
	// language it is in, so a tagged PDF can say so.
	Langs map[string]string `yaml:"-"`

	File string    `yaml:"-"` // the file it was loaded from
	doc  yamlx.Doc // positions for errors
}

// LangOf is the language of the string at where when it differs from the
// routine's own (see Langs), else "".
func (r *Routine) LangOf(where string) string { return r.Langs[where] }

// SetLang records that the string at where is in lang.
func (r *Routine) SetLang(where, lang string) {
	if r.Langs == nil {
		r.Langs = map[string]string{}
	}
	r.Langs[where] = lang
}

// Pos is the position of the key or value at path in the routine's file
// (see yamlx.Doc.Pos).
func (r *Routine) Pos(path ...any) yamlx.Pos { return r.doc.Pos(path...) }

// Step is one numbered instruction with its picture.
type Step struct {
	ID           string       `yaml:"id"`
	Title        string       `yaml:"title"`
	Text         string       `yaml:"text"`
	Caption      string       `yaml:"caption"` // one line for the PNG card
	Duration     *Duration    `yaml:"duration"`
	Repeat       *Repeat      `yaml:"repeat"`
	Illustration Illustration `yaml:"illustration"`
	// Image is the clinic's own picture (PNG or JPEG) in place of the
	// diagram, set by config overrides.
	Image string `yaml:"-"`
	// Only keeps the step when the clinic's choice of each option is one
	// of the listed values, e.g. only: {compress: [cold-after, both]}.
	Only map[string][]string `yaml:"only"`
	// Variants replace the step's words and picture for some choices.
	Variants []StepVariant `yaml:"variants"`
	// Origin says, once the routine is resolved for a clinic, where each
	// of the step's words comes from.
	Origin Origin `yaml:"-"`

	Pos  yamlx.Pos            `yaml:"-"`
	vals map[string]yamlx.Pos // where each key's value is, for errors
}

// Origin names where a resolved step's words come from: "" for the step
// itself, a variant's key ("lubricant=olive-oil") for a variant, and
// "clinic:<lang>" for words a clinic wrote in its config, in lang.
type Origin struct {
	Title, Text, Caption, Description string
}

// Duration is a time range, e.g. 1 to 2 minutes. Max 0 means exactly Min.
type Duration struct {
	Min  float64 `yaml:"min"`
	Max  float64 `yaml:"max"`
	Unit string  `yaml:"unit"` // seconds | minutes
}

// Repeat is a count, e.g. 10 times on each side.
type Repeat struct {
	Count int    `yaml:"count"`
	Per   string `yaml:"per"` // "" | side | breast | feed | session
}

// Illustration describes a step's picture: a view of the body model and the
// marks drawn on it. Description is the picture in words (alt text).
type Illustration struct {
	View        string `yaml:"view"` // front | closeup | side
	Description string `yaml:"description"`
	Marks       []Mark `yaml:"marks"`
}

// Mark is one instruction drawn on the body: a sweep from one landmark to
// another, circles at a landmark, a compress, and so on.
type Mark struct {
	Kind  string `yaml:"kind"`
	At    string `yaml:"at"`
	From  string `yaml:"from"`
	To    string `yaml:"to"`
	Side  string `yaml:"side"`  // left | right | both (the person's own sides)
	Count int    `yaml:"count"` // repetitions shown beside the mark
	Hand  string `yaml:"hand"`  // a hand pose (HandPoses), drawn where the mark starts
	Clock string `yaml:"clock"` // opposing finger positions, e.g. "12-6"
	Label string `yaml:"label"`
	// Order numbers marks done one after another in one picture (1, 2, ...):
	// a numbered badge is drawn where the mark starts.
	Order int `yaml:"order"`

	Pos  yamlx.Pos            `yaml:"-"`
	vals map[string]yamlx.Pos // where each key's value is, for errors
}

// UnmarshalYAML records the step's position and those of its values. A
// variants: written as a mapping is an error that shows the list it must be.
func (s *Step) UnmarshalYAML(n *yaml.Node) error {
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "variants" && v.Kind != yaml.SequenceNode {
			return yamlx.Errorf(yamlx.NodePos("", v), "variants: write a list, one item per choice, each with when: and the words it changes:\n"+
				"    variants:\n"+
				"      - when: {direction: nipple}\n"+
				"        text: ...")
		}
	}
	type plain Step
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	s.vals = yamlx.Values(n)
	return nil
}

// UnmarshalYAML records the mark's position and those of its values.
func (m *Mark) UnmarshalYAML(n *yaml.Node) error {
	type plain Mark
	if err := n.Decode((*plain)(m)); err != nil {
		return err
	}
	m.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	m.vals = yamlx.Values(n)
	return nil
}

// valuePos is the position of the value of key in vals, in the file of
// pos; pos itself when the key is not there.
func valuePos(pos yamlx.Pos, vals map[string]yamlx.Pos, key string) yamlx.Pos {
	p, ok := vals[key]
	if !ok {
		return pos
	}
	p.File = pos.File
	return p
}

// at is the position of the value of the step's key.
func (s *Step) at(key string) yamlx.Pos { return valuePos(s.Pos, s.vals, key) }

// at is the position of the value of the mark's key.
func (m *Mark) at(key string) yamlx.Pos { return valuePos(m.Pos, m.vals, key) }

// views lists the body drawings a step can use: the front of the upper
// body, a close view of one breast, and one breast in profile (side), for
// marks that press into the body and for how deep a touch goes.
func views() []string { return []string{"front", "closeup", "side"} }

// Tools lists the page tools a routine can print with its remember box.
func Tools() []string { return []string{"ticks", "log"} }

// HandPoses lists the hand poses a mark can name with hand: (drawn where
// the mark starts, so a parent sees which part of the hand does the work).
func HandPoses() []string {
	return []string{"flat-palm", "fingertips", "soft-fist", "c-hold", "two-hands", "tapping"}
}

// handAliases are older names of hand poses, still read.
func handAliases() map[string]string {
	return map[string]string{"palm": "flat-palm", "fist": "soft-fist"}
}

// MarkKinds lists the mark vocabulary with what each needs and what it
// draws (the docs and careprint list marks show Doc).
func MarkKinds() map[string]MarkSpec {
	return map[string]MarkSpec{
		"sweep":             {FromTo: true, Doc: "broad strokes from one landmark to another, with arrowheads"},
		"glide":             {FromTo: true, Doc: "a light stroke from one landmark to another, with an arrowhead"},
		"butterfly":         {At: true, Doc: "both hands stroking out around the breast, like wings"},
		"circles":           {At: true, Doc: "small circles at a landmark; count shows how many"},
		"fingertip-circles": {At: true, Doc: "fingertips making small circles at a landmark; count shows how many"},
		"press":             {At: true, Doc: "fingertips pressing gently in around a landmark; on the side view, straight back toward the chest"},
		"roll":              {At: true, Doc: "the breast rolled between the hands"},
		"roll-side":         {At: true, Doc: "the breast rolled from side to side"},
		"knead":             {At: true, Doc: "kneading the breast with the knuckles"},
		"tap":               {At: true, Doc: "light tapping with the fingertips at a landmark"},
		"nipple-roll":       {At: true, Doc: "the nipple rolled between thumb and finger"},
		"opposing":          {At: true, Doc: "two fingers pressing toward each other at clock positions (clock: \"12-6\")"},
		"hand":              {At: true, Doc: "a hand pose at a landmark; hand: flat-palm, fingertips, soft-fist, c-hold, two-hands or tapping"},
		"zone":              {At: true, Doc: "a shaded area at a landmark, with an optional label"},
		"warm":              {Doc: "a warm compress (at a landmark, or a pictogram in a corner)"},
		"cold":              {Doc: "a cold compress (at a landmark, or a pictogram in a corner)"},
		"oil":               {Doc: "a pictogram: a bottle of oil"},
		"breathe":           {Doc: "a pictogram: slow breaths (the belly on the front view)"},
		"express":           {Doc: "milk expressed by hand at the nipple, with drops"},
		"feed":              {Doc: "a baby feeding at the breast"},
		"pump":              {Doc: "a breast pump on the breast"},
		"timer":             {Doc: "a pictogram: a timer"},
		"sit":               {Doc: "a pictogram: a reclining chair"},
		"talk":              {Doc: "a pictogram: a speech bubble, to call or talk to someone"},
	}
}

// MarkSpec says which landmark fields a mark kind needs, and what it draws.
type MarkSpec struct {
	At     bool   // needs at
	FromTo bool   // needs from and to
	Doc    string // what the mark draws, in a few words
}

// Landmarks are the named places on the body model.
func Landmarks() []string {
	out := make([]string, 0, len(landmarkDocs()))
	for _, l := range landmarkDocs() {
		out = append(out, l[0])
	}
	return out
}

// LandmarkDoc says where the landmark name is on the body; "" for none.
func LandmarkDoc(name string) string {
	for _, l := range landmarkDocs() {
		if l[0] == name {
			return l[1]
		}
	}
	return ""
}

// landmarkDocs lists each landmark with where it is, from head to breast.
func landmarkDocs() [][2]string {
	return [][2]string{
		{"chin", "the chin"},
		{"neck-base", "the base of the neck"},
		{"collarbone", "the collarbone, above the breast"},
		{"shoulder", "the shoulder"},
		{"armpit", "the armpit"},
		{"inner-arm", "the inside of the upper arm"},
		{"sternum", "the breastbone, between the breasts"},
		{"upper-chest", "the chest above the breast"},
		{"breast", "the middle of the breast"},
		{"breast-top", "the top of the breast"},
		{"breast-base", "the lower edge of the breast"},
		{"breast-outer", "the outer side of the breast, toward the arm"},
		{"breast-inner", "the inner side of the breast, toward the breastbone"},
		{"areola", "the darker skin around the nipple"},
		{"nipple", "the nipple"},
		{"lump", "a sore or firm spot in the upper outer breast"},
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Parse decodes and validates one routine file.
func Parse(file string, data []byte) (*Routine, error) {
	var r Routine
	doc, err := yamlx.DecodeDoc(file, data, &r)
	if err != nil {
		return nil, err
	}
	r.File, r.doc = file, doc
	setFile(&r)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

func setFile(r *Routine) {
	for i := range r.Steps {
		s := &r.Steps[i]
		s.Pos.File = r.File
		for j := range s.Illustration.Marks {
			s.Illustration.Marks[j].Pos.File = r.File
		}
	}
}

// Validate checks that r is complete: every handout needs steps, warning
// signs and references, and every mark names known kinds and landmarks.
func (r *Routine) Validate() error {
	top := yamlx.Pos{File: r.File, Line: 1, Col: 1}
	switch {
	case !idRE.MatchString(r.ID):
		return yamlx.Errorf(r.Pos("id"), "id %q: use lower-case letters, digits and dashes", r.ID)
	case strings.TrimSpace(r.Title) == "":
		return yamlx.Errorf(top, "routine %q has no title", r.ID)
	case r.Layout != "" && r.Layout != "steps" && r.Layout != "sheet":
		return yamlx.Errorf(r.Pos("layout"), "layout %q%s", r.Layout, yamlx.Suggest(r.Layout, []string{"steps", "sheet"}))
	case len(r.Steps) == 0:
		return yamlx.Errorf(top, "routine %q has no steps: add at least one under steps:", r.ID)
	case len(r.RedFlags) == 0:
		return yamlx.Errorf(top, "routine %q has no red_flags: every handout must say when to call a provider", r.ID)
	case len(r.References) == 0:
		return yamlx.Errorf(top, "routine %q has no references: every handout must cite its sources", r.ID)
	case len(r.Remember) > 3:
		return yamlx.Errorf(r.doc.Pos("remember"), "remember: %d lines; keep it to three", len(r.Remember))
	case r.Tool != "" && !contains(Tools(), r.Tool):
		return yamlx.Errorf(r.doc.Pos("tool"), "unknown tool %q%s", r.Tool, yamlx.Suggest(r.Tool, Tools()))
	}
	seen := map[string]bool{}
	for i := range r.Steps {
		s := &r.Steps[i]
		if s.ID == "" {
			s.ID = fmt.Sprintf("step-%d", i+1)
		}
		if seen[s.ID] {
			return yamlx.Errorf(s.at("id"), "step id %q is used twice", s.ID)
		}
		seen[s.ID] = true
		if err := s.validate(); err != nil {
			return err
		}
	}
	return r.checkTexts()
}

func (s *Step) validate() error {
	if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Text) == "" {
		return yamlx.Errorf(s.Pos, "step %q needs a title and a text", s.ID)
	}
	if d := s.Duration; d != nil {
		if err := d.check(false); err != nil {
			return yamlx.Errorf(s.at("duration"), "step %q: %v", s.ID, err)
		}
	}
	if r := s.Repeat; r != nil {
		if err := r.check(); err != nil {
			return yamlx.Errorf(s.at("repeat"), "step %q: %v", s.ID, err)
		}
	}
	il := &s.Illustration
	if il.View == "" {
		il.View = "front"
	}
	if !contains(views(), il.View) {
		return yamlx.Errorf(s.at("illustration"), "step %q: unknown view %q%s", s.ID, il.View, yamlx.Suggest(il.View, views()))
	}
	if strings.TrimSpace(il.Description) == "" {
		return yamlx.Errorf(s.Pos, "step %q: the illustration needs a description (what the picture shows, in words)", s.ID)
	}
	for i := range il.Marks {
		if err := il.Marks[i].Validate(); err != nil {
			return err
		}
	}
	return s.validateVariants()
}

// CheckWords reports {duration} or {count} in the step's words without
// the timing to fill them, and placeholders that do not parse. It only
// reads the step.
func (s *Step) CheckWords() error {
	for _, t := range []string{s.Title, s.Text, s.Caption} {
		m, err := message.Parse(t)
		if err != nil {
			return yamlx.Errorf(s.Pos, "step %q: %v", s.ID, err)
		}
		for _, name := range m.Placeholders() {
			if name == "duration" && s.Duration == nil {
				return yamlx.Errorf(s.Pos, "step %q: the text says {duration} but the step has no duration:", s.ID)
			}
			if name == "count" && s.Repeat == nil {
				return yamlx.Errorf(s.Pos, "step %q: the text says {count} but the step has no repeat:", s.ID)
			}
		}
	}
	return nil
}

// Validate checks the mark's kind, landmarks and side.
func (m *Mark) Validate() error {
	kinds := MarkKinds()
	spec, ok := kinds[m.Kind]
	if !ok {
		if m.Kind == "" {
			return yamlx.Errorf(m.Pos, "a mark needs kind: (see docs/marks.md, or careprint list marks)")
		}
		return yamlx.Errorf(m.at("kind"), "unknown mark %q%s", m.Kind, yamlx.Suggest(m.Kind, keys(kinds)))
	}
	lm := Landmarks()
	check := func(field, v string, need bool) error {
		if v == "" {
			if need {
				return yamlx.Errorf(m.Pos, "mark %q needs %s: (a landmark such as %q)", m.Kind, field, "armpit")
			}
			return nil
		}
		if !contains(lm, v) {
			return yamlx.Errorf(m.at(field), "unknown landmark %q in %s%s", v, field, yamlx.Suggest(v, lm))
		}
		return nil
	}
	if err := check("at", m.At, spec.At); err != nil {
		return err
	}
	if err := check("from", m.From, spec.FromTo); err != nil {
		return err
	}
	if err := check("to", m.To, spec.FromTo); err != nil {
		return err
	}
	if m.Side == "" {
		m.Side = "both"
	}
	sides := []string{"left", "right", "both"}
	if !contains(sides, m.Side) {
		return yamlx.Errorf(m.at("side"), "unknown side %q%s", m.Side, yamlx.Suggest(m.Side, sides))
	}
	if to, ok := handAliases()[m.Hand]; ok {
		m.Hand = to
	}
	if m.Hand != "" && !contains(HandPoses(), m.Hand) {
		return yamlx.Errorf(m.at("hand"), "unknown hand %q%s", m.Hand, yamlx.Suggest(m.Hand, HandPoses()))
	}
	if m.Count < 0 || m.Order < 0 {
		return yamlx.Errorf(m.Pos, "count and order must not be negative")
	}
	return nil
}

// LoadDir parses every *.yaml file in dir of fsys, sorted by id.
func LoadDir(fsys fs.FS, dir string) ([]*Routine, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []*Routine
	var errs []error // one a file: each file's first problem
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
