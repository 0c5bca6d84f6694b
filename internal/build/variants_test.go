package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/routine"
)

// TestVariantsGovernEveryWord builds the English handouts and the sheet
// for each value of each variant and reads the PDFs back: no words for a
// choice the clinic did not make (warmth, cold, stroke direction, oil),
// and the words for the choice it did make.
func TestVariantsGovernEveryWord(t *testing.T) {
	var (
		warm   = regexp.MustCompile(`(?i)\bwarm|\bheat`)
		cold   = regexp.MustCompile(`(?i)\bcold\b|\bcool`)
		nipple = regexp.MustCompile(`(?i)toward (the|your) nipple`)
		armpit = regexp.MustCompile(`(?i)toward (the|your) armpit|not the nipple`)
		oil    = regexp.MustCompile(`(?i)\boils?\b|cream|lotion|soap`)
		olive  = regexp.MustCompile(`(?i)olive`)
		coco   = regexp.MustCompile(`(?i)coconut`)
		others = regexp.MustCompile(`(?i)lotion|cream|soap|ask your provider which`)
	)
	type rule struct {
		re       *regexp.Regexp
		routines []string // "" = every routine
		absent   bool
	}
	cases := map[string][]rule{
		"compress=cold-after":  {{re: warm, absent: true}, {re: cold, routines: []string{"tbml"}}},
		"compress=none":        {{re: warm, absent: true}, {re: cold, absent: true}},
		"compress=warm-before": {{re: cold, absent: true}, {re: regexp.MustCompile(`warm, not hot`), routines: []string{"tbml", "milk-supply", "engorgement"}}},
		"compress=both":        {{re: warm, routines: []string{"tbml"}}, {re: cold, routines: []string{"tbml"}}},
		"direction=armpit":     {{re: nipple, absent: true}, {re: armpit, routines: []string{"engorgement", "techniques"}}},
		// the TBML protocol's own sweeps are lymphatic: only the
		// plugged-duct strokes follow the clinic's choice
		"direction=nipple":      {{re: armpit, routines: []string{"engorgement", "techniques", "ibm", "milk-supply", "rps"}, absent: true}, {re: nipple, routines: []string{"engorgement", "techniques"}}},
		"lubricant=none":        {{re: oil, absent: true}},
		"lubricant=ask":         {{re: olive, absent: true}, {re: coco, absent: true}, {re: regexp.MustCompile(`Ask your provider which one`), routines: []string{"engorgement", "milk-supply"}}},
		"lubricant=olive-oil":   {{re: coco, absent: true}, {re: others, absent: true}, {re: regexp.MustCompile(`olive oil`), routines: []string{"engorgement", "milk-supply", "techniques"}}},
		"lubricant=coconut-oil": {{re: olive, absent: true}, {re: others, absent: true}, {re: regexp.MustCompile(`coconut oil`), routines: []string{"engorgement", "milk-supply", "techniques"}}},
	}
	opts := routine.VariantOptions()
	for option, values := range opts {
		for _, v := range values {
			if _, ok := cases[option+"="+v]; !ok {
				t.Errorf("no case for %s=%s", option, v)
			}
		}
	}
	for name, rules := range cases {
		name, rules := name, rules
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			option, value, _ := strings.Cut(name, "=")
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			conf := fmt.Sprintf("clinics:\n  - id: v\n    name: Variant Clinic\n    review: {date: 2026-01-02}\n    variants: {%s: %s}\n", option, value)
			if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := Load(cfg, careprint.Files)
			if err != nil {
				t.Fatal(err)
			}
			jobs, err := p.Plan(Options{Format: "pdf", Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range jobs {
				doc := readJob(t, p, j)
				text := strings.Join(strings.Fields(strings.ReplaceAll(doc.AllText(), "\u00A0", " ")), " ")
				for _, r := range rules {
					if len(r.routines) > 0 && !slices.Contains(r.routines, j.Routine.ID) {
						continue
					}
					found := r.re.FindString(text)
					switch {
					case r.absent && found != "":
						t.Errorf("%s: says %q, a choice the clinic did not make", j.Routine.ID, found)
					case !r.absent && found == "":
						t.Errorf("%s: no %s in %q", j.Routine.ID, r.re, text)
					}
				}
			}
		})
	}
}
