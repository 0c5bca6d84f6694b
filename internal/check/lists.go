package check

import (
	"fmt"

	"github.com/careprint/careprint/internal/routine"
)

// List limits: a reader keeps about five items in mind, and more than
// eight steps crowd the poster.
const (
	maxTips     = 5
	maxRedFlags = 5
	maxSteps    = 8
)

// checkLists warns about a routine with more than maxTips tips, maxRedFlags
// warning signs or maxSteps steps (a glossary sheet is not a sequence of
// steps: its entries are not counted).
func checkLists(r *routine.Routine) []Issue {
	var out []Issue
	steps := len(r.Steps)
	if r.Layout == "sheet" {
		steps = 0
	}
	for _, l := range []struct {
		where string
		n     int
		max   int
	}{
		{"steps", steps, maxSteps},
		{"tips", len(r.Tips), maxTips},
		{"red_flags", len(r.RedFlags), maxRedFlags},
	} {
		if l.n > l.max {
			out = append(out, Issue{Where: l.where, Message: fmt.Sprintf("%d items, want %d or fewer: merge or drop some", l.n, l.max)})
		}
	}
	return out
}
