package routine

import (
	"os/exec"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
)

const base = `id: demo
title: Demo
steps:
  - title: One
    text: Do it.
    illustration:
      description: A picture.
      marks:
%s
red_flags: [Call if it hurts.]
references: [A source.]
`

func TestMarkErrors(t *testing.T) {
	tests := []struct{ mark, want string }{
		{"        - {kind: swep, from: armpit, to: chin}", `demo.yaml:9:18: unknown mark "swep" (did you mean "sweep"?)`},
		{"        - {kind: circles, at: armpitt}", `demo.yaml:9:31: unknown landmark "armpitt" in at (did you mean "armpit"?)`},
		{"        - {kind: circles}", `demo.yaml:9:11: mark "circles" needs at:`},
		{"        - {kind: sweep, from: armpit}", `demo.yaml:9:11: mark "sweep" needs to:`},
		{"        - {kind: circles, at: armpit, side: middle}", `demo.yaml:9:45: unknown side "middle"`},
		{"        - {kind: circles, at: armpit, colour: red}", `demo.yaml:9:39: unknown key "colour"`},
		{"        - {kind: circles, at: armpit, hand: flat-plam}", `demo.yaml:9:45: unknown hand "flat-plam" (did you mean "flat-palm"?)`},
		{"        - {kind: sweep, from: breast, to: armpit, hand: fingertip}", `demo.yaml:9:57: unknown hand "fingertip" (did you mean "fingertips"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Parse("demo.yaml", []byte(strings.Replace(base, "%s", tt.mark, 1)))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestRoutineNeedsWarningsAndReferences(t *testing.T) {
	src := strings.Replace(base, "%s", "        - {kind: breathe}", 1)
	if _, err := Parse("demo.yaml", []byte(src)); err != nil {
		t.Fatalf("valid routine: %v", err)
	}
	noFlags := strings.Replace(src, "red_flags: [Call if it hurts.]\n", "", 1)
	if _, err := Parse("demo.yaml", []byte(noFlags)); err == nil || !strings.Contains(err.Error(), "no red_flags") {
		t.Errorf("no red flags: %v", err)
	}
	noRefs := strings.Replace(src, "references: [A source.]\n", "", 1)
	if _, err := Parse("demo.yaml", []byte(noRefs)); err == nil || !strings.Contains(err.Error(), "no references") {
		t.Errorf("no references: %v", err)
	}
}

func TestRememberAndTool(t *testing.T) {
	src := strings.Replace(base, "%s", "        - {kind: circles, at: armpit, hand: palm}", 1)
	r, err := Parse("demo.yaml", []byte(src+"remember: [One., Two., Three.]\ntool: log\n"))
	if err != nil {
		t.Fatalf("valid routine: %v", err)
	}
	if r.Steps[0].Illustration.Marks[0].Hand != "flat-palm" {
		t.Errorf("hand: palm reads as %q, want flat-palm", r.Steps[0].Illustration.Marks[0].Hand)
	}
	for _, tt := range []struct{ add, want string }{
		{"remember: [One., Two., Three., Four.]\n", `demo.yaml:12:11: remember: 4 lines; keep it to three`},
		{"tool: tick\n", `demo.yaml:12:7: unknown tool "tick" (did you mean "ticks"?)`},
	} {
		_, err := Parse("demo.yaml", []byte(src+tt.add))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("got  %v\nwant %s", err, tt.want)
		}
	}
}

func TestBuiltinRoutinesLoad(t *testing.T) {
	rs, err := LoadDir(careprint.Files, "templates/routines")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatal("no built-in routines")
	}
	for _, r := range rs {
		for _, s := range r.Steps {
			if s.Caption == "" {
				t.Errorf("%s: step %q has no caption for its card", s.Pos, s.ID)
			}
		}
	}
}

// TestDependenciesPointInward holds the house rule: the domain knows nothing
// of the command line, config layering or the rendering backends.
func TestDependenciesPointInward(t *testing.T) {
	for _, pkg := range []string{"./", "../draw", "../illustrate", "../layout"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, bad := range []string{"spf13/cobra", "spf13/viper", "jung-kurt/gofpdf", "go-pdf/fpdf", "fogleman/gg"} {
			if strings.Contains(string(out), bad) {
				t.Errorf("%s depends on %s", pkg, bad)
			}
		}
	}
}
