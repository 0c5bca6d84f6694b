package routine

import (
	"fmt"
	"math"
	"strings"

	"github.com/careprint/careprint/internal/yamlx"
)

// VariantOptions lists what a clinic can choose where sources disagree,
// with each choice's allowed values; the first value is the default.
func VariantOptions() map[string][]string {
	return map[string][]string{
		"compress":  {"cold-after", "warm-before", "both", "none"},
		"direction": {"armpit", "nipple"},
		"lubricant": {"ask", "olive-oil", "coconut-oil", "none"},
	}
}

// VariantDoc says what a variant option chooses.
func VariantDoc(option string) string {
	return map[string]string{
		"compress":  "whether a warm or cold compress is used, and when",
		"direction": "which way the strokes go: toward the armpit or toward the nipple",
		"lubricant": "what the hands use on the skin",
	}[option]
}

// DefaultVariants returns the default choice of every option.
func DefaultVariants() map[string]string {
	out := map[string]string{}
	for k, v := range VariantOptions() {
		out[k] = v[0]
	}
	return out
}

// CheckVariants validates a set of choices (option -> value).
func CheckVariants(pos yamlx.Pos, choices map[string]string) error {
	opts := VariantOptions()
	for _, k := range keys(choices) {
		vals, ok := opts[k]
		if !ok {
			return yamlx.Errorf(pos, "unknown variant %q%s", k, yamlx.Suggest(k, keys(opts)))
		}
		if !contains(vals, choices[k]) {
			return yamlx.Errorf(pos, "variant %s: unknown choice %q%s", k, choices[k], yamlx.Suggest(choices[k], vals))
		}
	}
	return nil
}

// StepVariant replaces a step's words and picture when the clinic's
// choices match When (all of its option: value pairs).
type StepVariant struct {
	When         map[string]string `yaml:"when"`
	Title        string            `yaml:"title"`
	Text         string            `yaml:"text"`
	Caption      string            `yaml:"caption"`
	Illustration *Illustration     `yaml:"illustration"`
}

// Key names the variant in translation files, e.g. "direction=nipple".
func (v StepVariant) Key() string {
	var parts []string
	for _, k := range keys(v.When) {
		parts = append(parts, k+"="+v.When[k])
	}
	return strings.Join(parts, ",")
}

// Timing overrides a step's duration or repetitions for a clinic.
type Timing struct {
	Duration *Duration `yaml:"duration"`
	Repeat   *Repeat   `yaml:"repeat"`
}

// Check reports a timing no handout can print: a duration that is not a
// finite number above 0 (max, when given, at least min), an unknown unit,
// a count below 1 or an unknown per.
func (t Timing) Check() error {
	if d := t.Duration; d != nil {
		if err := d.check(true); err != nil {
			return err
		}
	}
	if r := t.Repeat; r != nil {
		return r.check()
	}
	return nil
}

// check validates d; a unit may be left out of a clinic's timing
// (optionalUnit), where the step's own unit is kept.
func (d *Duration) check(optionalUnit bool) error {
	finite := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) && f < 1e6 }
	switch {
	case !finite(d.Min) || !finite(d.Max):
		return fmt.Errorf("duration {min: %g, max: %g}: give numbers below 1000000", d.Min, d.Max)
	case d.Min <= 0 || d.Max < 0 || (d.Max != 0 && d.Max < d.Min):
		return fmt.Errorf("duration {min: %v, max: %v}: min must be a number above 0 and max, if given, at least min", d.Min, d.Max)
	case d.Unit == "" && optionalUnit:
		return nil
	case d.Unit != "seconds" && d.Unit != "minutes":
		return fmt.Errorf("duration unit %q%s", d.Unit, yamlx.Suggest(d.Unit, []string{"seconds", "minutes"}))
	}
	return nil
}

func (r *Repeat) check() error {
	if r.Count < 1 || r.Count > 10000 {
		return fmt.Errorf("repeat count %d: give a whole number from 1 to 10000", r.Count)
	}
	if !contains([]string{"", "side", "breast", "feed", "session"}, r.Per) {
		return fmt.Errorf("repeat per %q%s", r.Per, yamlx.Suggest(r.Per, []string{"side", "breast", "feed", "session"}))
	}
	return nil
}

func (s *Step) validateVariants() error {
	for k, vals := range s.Only {
		for _, v := range vals {
			if err := CheckVariants(s.at("only"), map[string]string{k: v}); err != nil {
				return err
			}
		}
	}
	for i := range s.Variants {
		v := &s.Variants[i]
		if len(v.When) == 0 {
			return yamlx.Errorf(s.at("variants"), "step %q: a variant needs when: (e.g. when: {direction: nipple})", s.ID)
		}
		if err := CheckVariants(s.at("variants"), v.When); err != nil {
			return err
		}
		if il := v.Illustration; il != nil {
			if il.View == "" {
				il.View = s.Illustration.View
			}
			if il.Description == "" {
				return yamlx.Errorf(s.Pos, "step %q: variant %s: the illustration needs a description", s.ID, v.Key())
			}
			for j := range il.Marks {
				il.Marks[j].Pos.File = s.Pos.File
				if err := il.Marks[j].Validate(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Resolve returns the routine as a clinic hands it out: steps whose only:
// does not match the choices are dropped, matching variants replace words
// and pictures, and timing overrides (by step id) replace durations and
// counts. Marks that showed the old count show the new one. r is not
// changed: jobs in parallel share it.
func (r *Routine) Resolve(choices map[string]string, timing map[string]Timing) (*Routine, error) {
	c := *r
	c.Steps = nil
	for _, s := range r.Steps {
		if !s.included(choices) {
			continue
		}
		for _, v := range s.Variants {
			if !v.matches(choices) {
				continue
			}
			key := v.Key()
			for _, w := range []struct {
				dst, origin *string
				src         string
			}{{&s.Title, &s.Origin.Title, v.Title}, {&s.Text, &s.Origin.Text, v.Text}, {&s.Caption, &s.Origin.Caption, v.Caption}} {
				if w.src != "" {
					*w.dst, *w.origin = w.src, key
				}
			}
			if v.Illustration != nil {
				s.Illustration = *v.Illustration
				s.Origin.Description = key
			}
		}
		if t, ok := timing[s.ID]; ok {
			if t.Duration != nil {
				d := *t.Duration
				if d.Unit == "" && s.Duration != nil {
					d.Unit = s.Duration.Unit
				}
				s.Duration = &d
			}
			if t.Repeat != nil {
				old := 0
				if s.Repeat != nil {
					old = s.Repeat.Count
				}
				rp := *t.Repeat
				if rp.Per == "" && s.Repeat != nil {
					rp.Per = s.Repeat.Per
				}
				s.Repeat = &rp
				marks := append([]Mark(nil), s.Illustration.Marks...)
				for i := range marks {
					if old != 0 && marks[i].Count == old {
						marks[i].Count = rp.Count
					}
				}
				s.Illustration.Marks = marks
			}
		}
		// the routine was validated when loaded; Resolve shares its marks
		// and variants with other jobs, so it only reads them here
		if err := s.CheckWords(); err != nil {
			return nil, err
		}
		c.Steps = append(c.Steps, s)
	}
	for id := range timing {
		if r.step(id) == nil {
			var ids []string
			for _, s := range r.Steps {
				ids = append(ids, s.ID)
			}
			return nil, fmt.Errorf("timing for routine %q: no step %q%s", r.ID, id, yamlx.Suggest(id, ids))
		}
	}
	if len(c.Steps) == 0 {
		return nil, fmt.Errorf("routine %q: the clinic's variants leave no step", r.ID)
	}
	return &c, nil
}

func (r *Routine) step(id string) *Step {
	for i := range r.Steps {
		if r.Steps[i].ID == id {
			return &r.Steps[i]
		}
	}
	return nil
}

func (s *Step) included(choices map[string]string) bool {
	for k, vals := range s.Only {
		if !contains(vals, choices[k]) {
			return false
		}
	}
	return true
}

func (v StepVariant) matches(choices map[string]string) bool {
	for k, want := range v.When {
		if choices[k] != want {
			return false
		}
	}
	return true
}
