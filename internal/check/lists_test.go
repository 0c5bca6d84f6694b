package check

import (
	"testing"

	"github.com/careprint/careprint/internal/routine"
)

func TestCheckLists(t *testing.T) {
	items := func(n int) []string { return make([]string, n) }
	steps := func(n int) []routine.Step { return make([]routine.Step, n) }
	tests := []struct {
		name string
		r    routine.Routine
		want string
	}{
		{"at the limits", routine.Routine{Steps: steps(8), Tips: items(5), RedFlags: items(5)}, ""},
		{"six tips", routine.Routine{Steps: steps(3), Tips: items(6), RedFlags: items(2)}, "tips: 6 items, want 5 or fewer: merge or drop some"},
		{"six red flags", routine.Routine{Steps: steps(3), RedFlags: items(6)}, "red_flags: 6 items, want 5 or fewer: merge or drop some"},
		{"nine steps", routine.Routine{Steps: steps(9), RedFlags: items(1)}, "steps: 9 items, want 8 or fewer: merge or drop some"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertIssues(t, checkLists(&tt.r), tt.want)
		})
	}
}
