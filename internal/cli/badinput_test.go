package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/inputfs"
	"github.com/careprint/careprint/internal/publish"
	"github.com/careprint/careprint/internal/yamlx"
)

var update = flag.Bool("update", false, "rewrite docs/bad-input.md from the bad-input cases (refused when CI is set)")

// badDoc is the table of bad-input cases and their messages, written by
// TestBadInput with -update and checked against it otherwise.
const badDoc = "../../docs/bad-input.md"

// The smallest project a case starts from: one clinic, one routine, one
// language, PDF only.
const (
	goodConfig = `clinics:
  - id: demo
    name: Demo Clinic
    routines: [one]
    formats: [pdf]
    review: {date: 2026-01-02}
`
	goodRoutine = `id: one
title: One
steps:
  - id: breathe
    title: Breathe
    text: Breathe slowly for {duration}.
    caption: Breathe.
    duration: {min: 1, max: 2, unit: minutes}
    illustration: {description: Waves., marks: [{kind: breathe}]}
  - id: rest
    title: Rest
    text: "Rest {count, plural, one {# time} other {# times}}."
    caption: Rest.
    repeat: {count: 3}
    illustration: {description: Waves., marks: [{kind: breathe}]}
red_flags: [Call if it hurts.]
references: [A source.]
`
)

// badCase is one bad input: the files of a project (over the good one),
// what is done to the folder, the command, and what careprint must answer.
type badCase struct {
	class, name string
	files       map[string]string // path below the work folder -> content
	setup       func(t *testing.T, dir string)
	args        []string // after "build --config $WORK/config.yaml"; default --out $WORK/out
	exit        int
	want        string // in stderr (the work folder written $WORK)
}

func routineWith(old, new string) map[string]string {
	return map[string]string{"templates/routines/one.yaml": strings.Replace(goodRoutine, old, new, 1)}
}

func configWith(extra string) map[string]string {
	return map[string]string{"config.yaml": goodConfig + extra}
}

func fifo(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// ourOut makes out/ a folder careprint wrote, with manifest as its manifest.
func ourOut(manifest string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		os.MkdirAll(filepath.Join(dir, "out"), 0o755)
		os.WriteFile(filepath.Join(dir, "out", publish.LockName), nil, 0o644)
		os.WriteFile(filepath.Join(dir, "out", publish.ManifestName), []byte(manifest), 0o644)
	}
}

// esOne is a Spanish translation of the routine one.
const esOne = `language: es
routine: one
status: {state: reviewed, by: "A. Nurse", date: 2026-01-02}
title: Uno
steps:
  breathe: {title: Respira, text: "Respira despacio durante {duration}.", caption: Respira.}
  rest: {title: Descansa, text: "Descansa {count, plural, one {# vez} other {# veces}}.", caption: Descansa.}
red_flags: [Llama si duele.]
`

// laughs is a "billion laughs": each line ten aliases of the one before.
var laughs = func() string {
	s := "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for i := 1; i < 9; i++ {
		s += fmt.Sprintf("x%d: &x%d [", i, i) + strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d, ", i-1), 10), ", ") + "]\n"
	}
	return s
}()

var elapsedRE = regexp.MustCompile(`in \d+\.\d+s`)

const sha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func badCases() []badCase {
	return []badCase{
		// the output folder
		{class: "output folder", name: "--out is empty", args: []string{"--out", ""}, exit: 2,
			want: `--out is empty: name the output folder`},
		{class: "output folder", name: "a manifest.json careprint did not write", exit: 2,
			files: map[string]string{"out/manifest.json": `{"name": "my app"}`},
			want:  `$WORK/out/manifest.json: not a careprint manifest: json: unknown field "name": this folder was not written by careprint`},
		{class: "output folder", name: "a SHA256SUMS careprint did not write", exit: 2,
			files: map[string]string{"out/SHA256SUMS": "0000  notes.txt\n"},
			want:  `$WORK/out/SHA256SUMS: a SHA256SUMS without careprint's manifest: this folder was not written by careprint`},
		{class: "output folder", name: "damaged manifest", exit: 2, setup: ourOut(`{"generator": "careprint", "jobs": {`),
			want: `$WORK/out/manifest.json: damaged manifest: not a careprint manifest: unexpected EOF: run the build with --force to rebuild past it`},
		{class: "output folder", name: "damaged manifest, --force", exit: 0, setup: ourOut(`{"generator": "careprint", "jobs": {`),
			args: []string{"--out", "$WORK/out", "--force"}},
		{class: "output folder", name: "manifest lists ../", exit: 2,
			setup: ourOut(`{"generator":"careprint","version":"0.1.0","jobs":{"x":{"inputs":"` + sha + `","files":{"../outside/decoy.txt":"` + sha + `"}}}}`),
			want:  `damaged manifest: job "x": "../outside/decoy.txt" is not a path inside the output folder: it leaves the folder`},
		{class: "output folder", name: "manifest lists an absolute path", exit: 2,
			setup: ourOut(`{"generator":"careprint","version":"0.1.0","jobs":{"x":{"inputs":"` + sha + `","files":{"/etc/passwd":"` + sha + `"}}}}`),
			want:  `damaged manifest: job "x": "/etc/passwd" is not a path inside the output folder: it is absolute`},
		{class: "output folder", name: "a folder in out/ links outside", exit: 1,
			setup: func(t *testing.T, dir string) {
				os.MkdirAll(filepath.Join(dir, "out"), 0o755)
				os.Symlink(filepath.Join(dir, "outside"), filepath.Join(dir, "out", "demo"))
			},
			want: `$WORK/out/demo is a symbolic link, not a folder: careprint does not write through it; move it away`},
		{class: "output folder", name: "a file in out/ links outside", exit: 1,
			setup: func(t *testing.T, dir string) {
				os.MkdirAll(filepath.Join(dir, "out", "demo", "en"), 0o755)
				os.Symlink(filepath.Join(dir, "outside", "decoy.txt"), filepath.Join(dir, "out", "demo", "en", "one.pdf"))
			},
			want: `$WORK/out/demo/en/one.pdf is a symbolic link: careprint writes and removes only its own regular files; move it away`},
		{class: "output folder", name: "--out is a file", exit: 1, files: map[string]string{"out": "a file"},
			want: `output folder: mkdir $WORK/out: not a directory`},
		{class: "output folder", name: "a second build into one folder", exit: 1,
			setup: func(t *testing.T, dir string) {
				release, err := publish.Dir{Root: filepath.Join(dir, "out")}.Acquire()
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(release)
			},
			want: `another careprint build is writing to $WORK/out (it holds $WORK/out/.careprint-lock): wait for it to finish`},

		{class: "output folder", name: "out: empty in the config", files: map[string]string{"config.yaml": "out: \"\"\n" + goodConfig}, args: []string{}, exit: 2,
			want: `$WORK/config.yaml:1:6: out: is empty: name the output folder, e.g. out: out`},
		{class: "output folder", name: "out: is relative to the config's folder", files: map[string]string{"config.yaml": "out: out\n" + goodConfig}, args: []string{}, exit: 0},

		// inputs that are not ordinary files
		{class: "inputs", name: "config is a named pipe", setup: fifo("config.yaml"), exit: 2, want: `$WORK/config.yaml: not a regular file (it is a named pipe): check the --config path`},
		{class: "inputs", name: "config is a device", args: []string{"--out", "$WORK/out", "--config", "/dev/zero"}, exit: 2, want: `/dev/zero: not a regular file (it is a device): check the --config path`},
		{class: "inputs", name: "config is a folder", args: []string{"--out", "$WORK/out", "--config", "$WORK/templates"}, exit: 2, want: `$WORK/templates: not a regular file (it is a folder): check the --config path`},
		{class: "inputs", name: "config over 1 MiB", files: map[string]string{"config.yaml": goodConfig + "# " + strings.Repeat("x", 1<<20) + "\n"}, exit: 2, want: `$WORK/config.yaml: larger than the limit of 1024 KiB: check the --config path`},
		{class: "inputs", name: "routine file is a named pipe", setup: fifo("templates/routines/two.yaml"), exit: 2, want: `read templates/routines/two.yaml: not a regular file (it is a named pipe)`},
		{class: "inputs", name: "translation file is a named pipe", setup: func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "templates", "translations", "es"), 0o755)
			fifo("templates/translations/es/one.yaml")(t, dir)
		}, exit: 2, want: `read templates/translations/es/one.yaml: not a regular file (it is a named pipe)`},
		{class: "inputs", name: "logo is a named pipe", files: configWith("    logo: logo.png\n"), setup: fifo("logo.png"), exit: 2, want: `$WORK/config.yaml:7:11: clinic "demo": logo "logo.png": not a regular file (it is a named pipe): check the path (it is relative to the config file)`},
		{class: "inputs", name: "logo is /dev/zero", files: configWith("    logo: /dev/zero\n"), exit: 2, want: `$WORK/config.yaml:7:11: clinic "demo": logo "/dev/zero": not a regular file (it is a device): check the path (it is relative to the config file)`},
		{class: "inputs", name: "logo is not an image", files: map[string]string{"config.yaml": goodConfig + "    logo: logo.png\n", "logo.png": "GIF89a"}, exit: 2, want: `$WORK/config.yaml:7:11: clinic "demo": logo "logo.png" is not a PNG or JPEG image`},
		{class: "inputs", name: "logo is missing", files: configWith("    logo: assets/missing.png\n"), exit: 2, want: `$WORK/config.yaml:7:11: clinic "demo": logo "assets/missing.png": no such file or directory: check the path (it is relative to the config file)`},
		{class: "inputs", name: "picture is a folder", files: configWith("    overrides:\n      one:\n        steps:\n          rest: {image: templates}\n"), exit: 2, want: `$WORK/config.yaml:10:25: clinic "demo": image "templates": not a regular file (it is a folder): check the path (it is relative to the config file)`},
		{class: "inputs", name: "templates folder missing", files: map[string]string{"config.yaml": "templates: ../shared\n" + goodConfig}, exit: 2, want: `$WORK/config.yaml:1:12: templates: "../shared" is not a folder: check the path (it is relative to the config file)`},

		// sizes
		{class: "sizes", name: "billion laughs in a routine", files: routineWith("references: [A source.]\n", "references: [A source.]\n"+laughs), exit: 2, want: `templates/routines/one.yaml:22:55: more than 100000 values once aliases are written out: use fewer aliases`},
		{class: "sizes", name: "nesting 100 deep in the config", files: configWith("    variants: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"), exit: 2, want: `$WORK/config.yaml:7:76: nested more than 64 levels deep: flatten the file`},
		{class: "sizes", name: "PNG card of 0 pixels", files: configWith("    png: {card: {width: 0, height: 10}}\n"), exit: 2, want: `$WORK/config.yaml:7:17: clinic "demo": PNG size 0x10: width and height must be 200 to 6000 pixels`},
		{class: "sizes", name: "PNG poster of 100000 pixels", files: configWith("    png: {poster: {width: 100000, height: 1000}}\n"), exit: 2, want: `$WORK/config.yaml:7:19: clinic "demo": PNG size 100000x1000: width and height must be 200 to 6000 pixels`},

		// numbers
		{class: "numbers", name: "duration min .nan", files: routineWith("min: 1, max: 2", "min: .nan, max: 2"), exit: 2, want: `templates/routines/one.yaml:8:21: ".nan" is not a finite number: write one like 1.5`},
		{class: "numbers", name: "duration max .inf", files: routineWith("min: 1, max: 2", "min: 1, max: .inf"), exit: 2, want: `templates/routines/one.yaml:8:29: ".inf" is not a finite number: write one like 1.5`},
		{class: "numbers", name: "duration 1e20", files: routineWith("min: 1, max: 2", "min: 1e20"), exit: 2, want: `templates/routines/one.yaml:8:15: step "breathe": duration {min: 1e+20, max: 0}: give numbers below 1000000`},
		{class: "numbers", name: "duration min 0", files: routineWith("min: 1, max: 2", "min: 0, max: 2"), exit: 2, want: `templates/routines/one.yaml:8:15: step "breathe": duration {min: 0, max: 2}: min must be a number above 0 and max, if given, at least min`},
		{class: "numbers", name: "duration negative", files: routineWith("min: 1, max: 2", "min: -1, max: 2"), exit: 2, want: `templates/routines/one.yaml:8:15: step "breathe": duration {min: -1, max: 2}: min must be a number above 0 and max, if given, at least min`},
		{class: "numbers", name: "duration min > max", files: routineWith("min: 1, max: 2", "min: 5, max: 2"), exit: 2, want: `templates/routines/one.yaml:8:15: step "breathe": duration {min: 5, max: 2}: min must be a number above 0 and max, if given, at least min`},
		{class: "numbers", name: "duration unit hours", files: routineWith("unit: minutes", "unit: hours"), exit: 2, want: `templates/routines/one.yaml:8:15: step "breathe": duration unit "hours" (valid: minutes, seconds)`},
		{class: "numbers", name: "duration as text", files: routineWith("min: 1, max: 2", "min: two, max: 3"), exit: 2, want: `templates/routines/one.yaml:8:21: "two" is not a number: write one like 1.5`},
		{class: "numbers", name: "repeat count 0", files: routineWith("count: 3", "count: 0"), exit: 2, want: `templates/routines/one.yaml:14:13: step "rest": repeat count 0: give a whole number from 1 to 10000`},
		{class: "numbers", name: "repeat count -1", files: routineWith("count: 3", "count: -1"), exit: 2, want: `templates/routines/one.yaml:14:13: step "rest": repeat count -1: give a whole number from 1 to 10000`},
		{class: "numbers", name: "repeat count 2.5", files: routineWith("count: 3", "count: 2.5"), exit: 2, want: `templates/routines/one.yaml:14:21: "2.5" is not a whole number: write one like 3`},
		{class: "numbers", name: "repeat count 1e20", files: routineWith("count: 3", "count: 1e20"), exit: 2, want: `templates/routines/one.yaml:14:21: "1e20" is not a whole number: write one like 3`},
		{class: "numbers", name: "repeat count .nan", files: routineWith("count: 3", "count: .nan"), exit: 2, want: `templates/routines/one.yaml:14:21: ".nan" is not a whole number: write one like 3`},
		{class: "numbers", name: "mark count -2", files: routineWith("marks: [{kind: breathe}]", "marks: [{kind: breathe, count: -2}]"), exit: 2, want: `templates/routines/one.yaml:9:49: count and order must not be negative`},
		{class: "numbers", name: "timing: count 0", files: configWith("    timing: {one: {rest: {repeat: {count: 0}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:26: clinic "demo": timing for one/rest: repeat count 0: give a whole number from 1 to 10000`},
		{class: "numbers", name: "timing: count 1e20", files: configWith("    timing: {one: {rest: {repeat: {count: 1e20}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:43: "1e20" is not a whole number: write one like 3`},
		{class: "numbers", name: "timing: duration .nan", files: configWith("    timing: {one: {breathe: {duration: {min: .nan}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:46: ".nan" is not a finite number: write one like 1.5`},
		{class: "numbers", name: "timing: duration -.inf", files: configWith("    timing: {one: {breathe: {duration: {min: -.inf}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:46: "-.inf" is not a finite number: write one like 1.5`},
		{class: "numbers", name: "timing: min > max", files: configWith("    timing: {one: {breathe: {duration: {min: 9, max: 3}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:29: clinic "demo": timing for one/breathe: duration {min: 9, max: 3}: min must be a number above 0 and max, if given, at least min`},
		{class: "numbers", name: "timing: unit fortnights", files: configWith("    timing: {one: {breathe: {duration: {min: 1, unit: fortnights}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:29: clinic "demo": timing for one/breathe: duration unit "fortnights" (valid: minutes, seconds)`},
		{class: "numbers", name: "timing: max below the step's min", files: configWith("    timing: {one: {breathe: {duration: {max: 0.5}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:29: clinic "demo": timing for one/breathe: duration {min: 0, max: 0.5}: min must be a number above 0 and max, if given, at least min`},

		// shadowing and ignoring
		{class: "shadowing", name: "two routine files, one id", files: map[string]string{"templates/routines/one-copy.yaml": goodRoutine}, exit: 2, want: `templates/routines/one.yaml:1:5: a second routine with id "one" (the first is templates/routines/one-copy.yaml): give each routine its own id`},
		{class: "shadowing", name: "two translations of one routine", files: map[string]string{
			"templates/translations/es/a.yaml": esOne, "templates/translations/es/b.yaml": esOne}, exit: 2, want: `a second es translation of routine "one" (the first is templates/translations/es/a.yaml): keep one file`},
		{class: "shadowing", name: "timing for an unknown routine", files: configWith("    timing: {onee: {rest: {repeat: {count: 2}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:14: clinic "demo": timing for unknown routine "onee" (did you mean "one"?)`},
		{class: "shadowing", name: "timing for an unknown step", files: configWith("    timing: {one: {resst: {repeat: {count: 2}}}}\n"), exit: 2, want: `$WORK/config.yaml:7:20: clinic "demo": timing for "one": no step "resst" (did you mean "rest"?)`},
		{class: "shadowing", name: "overrides for an unknown routine", files: configWith("    overrides: {onne: {drop: [rest]}}\n"), exit: 2, want: `$WORK/config.yaml:7:17: clinic "demo": overrides: unknown routine "onne" (did you mean "one"?)`},
		{class: "shadowing", name: "a clinic routine that does not exist", files: map[string]string{"config.yaml": strings.Replace(goodConfig, "[one]", "[onee]", 1)}, exit: 2, want: `$WORK/config.yaml:4:16: clinic "demo": unknown routine "onee" (did you mean "one"?)`},
		{class: "shadowing", name: "translation of an unknown routine", files: map[string]string{"templates/translations/es/x.yaml": strings.Replace(esOne, "routine: one", "routine: nine", 1)}, exit: 2, want: `templates/translations/es/x.yaml:2:10: translation of unknown routine "nine" (did you mean "one"?)`},
		{class: "shadowing", name: "misspelt key", files: map[string]string{"config.yaml": strings.Replace(goodConfig, "formats:", "fromats:", 1)}, exit: 2, want: `$WORK/config.yaml:5:5: unknown key "fromats" (did you mean "formats"?)`},

		// every input error of a run, each once
		{class: "all at once", name: "two routines and a translation broken", files: map[string]string{
			"templates/routines/one.yaml":      strings.Replace(goodRoutine, "count: 3", "count: 0.5", 1),
			"templates/routines/two.yaml":      strings.Replace(strings.Replace(goodRoutine, "id: one", "id: two", 1), "unit: minutes", "unit: hours", 1),
			"templates/translations/es/x.yaml": strings.Replace(esOne, "title: Uno", "titel: Uno", 1),
		}, exit: 2, want: `templates/routines/one.yaml:14:21: "0.5" is not a whole number: write one like 3
templates/routines/two.yaml:8:15: step "breathe": duration unit "hours" (valid: minutes, seconds)
templates/translations/es/x.yaml:4:1: unknown key "titel" (did you mean "title"?)`},
		{class: "all at once", name: "two clinics broken", files: map[string]string{"config.yaml": goodConfig + "    logo: missing.png\n" +
			strings.Replace(strings.Replace(goodConfig, "clinics:\n", "", 1), "id: demo", "id: other", 1) + "    timing: {onee: {}}\n"},
			exit: 2, want: `$WORK/config.yaml:7:11: clinic "demo": logo "missing.png": no such file or directory: check the path (it is relative to the config file)
$WORK/config.yaml:13:14: clinic "other": timing for unknown routine "onee" (did you mean "one"?)`},

		// wrong blame
		{class: "blame", name: "clinic name no font can draw", files: map[string]string{"config.yaml": strings.Replace(goodConfig, "Demo Clinic", "Demo \U00010000 Clinic", 1)}, exit: 2, want: `$WORK/config.yaml:3:11: clinic "demo": clinic name: no font can draw '𐀀' (U+10000): remove it or add a font that has it`},
		{class: "blame", name: "clinic name too long to fit", files: map[string]string{"config.yaml": strings.Replace(goodConfig, "Demo Clinic", strings.Repeat("Very ", 60)+"Long Clinic", 1)}, exit: 2, want: `$WORK/config.yaml:3:11: clinic "demo": footer: footer does not fit: "Very Very Very Very Very Very Very Very …": shorten the text`},
		{class: "blame", name: "a word longer than the column", files: routineWith("Breathe slowly for", "See https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/because/it/has/no/spaces/in/it/whatsoever/and/goes/on/and/on for"), exit: 0},
		{class: "blame", name: "YAML syntax error", files: map[string]string{"config.yaml": goodConfig + "  - id: [\n"}, exit: 2, want: `$WORK/config.yaml:7: did not find expected node content`},
	}
}

// TestBadInput runs every bad-input case and checks its exit code and
// message, that out/ is untouched when careprint refuses, and that no
// file outside out/ changed; with -update it writes docs/bad-input.md.
func TestBadInput(t *testing.T) {
	if *update && os.Getenv("CI") != "" {
		t.Fatalf("-update refuses to run when CI is set")
	}
	cases := badCases()
	got := make([]string, len(cases))
	t.Run("cases", func(t *testing.T) {
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				got[i] = runBad(t, c)
			})
		}
	})
	var doc strings.Builder
	doc.WriteString(`# Bad input: what careprint says

Generated by ` + "`go test ./internal/cli -run TestBadInput -update`" + ` from the cases in
internal/cli/badinput_test.go; the test fails when this file and the cases
differ. Each case runs ` + "`careprint build --config $WORK/config.yaml --out $WORK/out`" + `
(other flags shown with the case) on a one-clinic, one-routine project
changed as the case says; $WORK is the project's folder. Exit 2: nothing was built and out/ is
untouched. Exit 1: a job failed; no file outside out/ changed.

## Limits

| What | Limit |
|---|---|
| config, routine, translation or catalog file | ` + fmt.Sprint(inputfs.MaxYAML>>10) + ` KiB, a regular file (links followed; pipes, devices and folders refused) |
| logo or picture file | ` + fmt.Sprint(inputfs.MaxImage>>20) + ` MiB, a regular file; PNG or JPEG |
| logo or picture size, read from its header before it is decoded | ` + fmt.Sprint(build.MaxImageSide) + ` px on a side, ` + fmt.Sprint(build.MaxImagePixels/1_000_000) + ` megapixels |
| values in one YAML file, aliases written out | ` + fmt.Sprint(yamlx.MaxNodes) + ` |
| nesting of one YAML file | ` + fmt.Sprint(yamlx.MaxDepth) + ` levels |
| PNG card and poster | 200 to 6000 px on a side |
| duration | above 0, below 1000000; max at least min; seconds or minutes |
| repeat count | a whole number from 1 to 10000 |
| a word wider than its line | broken between characters, by build and check alike |

## Cases

| Class | Case | Exit | Message |
|---|---|---|---|
`)
	for i, c := range cases {
		name := c.name
		if c.args != nil {
			var shown []string
			for k := 0; k < len(c.args); k++ {
				if c.args[k] == "--out" && c.args[k+1] == "$WORK/out" {
					k++
					continue
				}
				if c.args[k] == "" {
					shown = append(shown, `""`)
					continue
				}
				shown = append(shown, c.args[k])
			}
			if !slices.Contains(c.args, "--out") {
				shown = append([]string{"no --out"}, shown...)
			}
			name += " (`" + strings.Join(shown, " ") + "`)"
		}
		fmt.Fprintf(&doc, "| %s | %s | %d | %s |\n", c.class, cell(name), c.exit, cell(got[i]))
	}
	if *update {
		if err := os.WriteFile(badDoc, []byte(doc.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(badDoc)
	if err != nil || string(old) != doc.String() {
		t.Errorf("docs/bad-input.md differs from the cases (%v): run go test ./internal/cli -run TestBadInput -update", err)
	}
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>")
}

// runBad runs one case and returns its message as the table shows it.
func runBad(t *testing.T, c badCase) string {
	dir := t.TempDir()
	files := map[string]string{"config.yaml": goodConfig, "templates/routines/one.yaml": goodRoutine}
	maps.Copy(files, c.files)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "outside"), 0o755)
	os.WriteFile(filepath.Join(dir, "outside", "decoy.txt"), []byte("the user's own\n"), 0o644)
	if c.setup != nil {
		c.setup(t, dir)
	}
	before := snapshot(t, dir)
	args := c.args
	if args == nil {
		args = []string{"--out", "$WORK/out"}
	}
	full := []string{"build", "--config", filepath.Join(dir, "config.yaml"), "--quiet"}
	for _, a := range args {
		full = append(full, strings.ReplaceAll(a, "$WORK", dir))
	}
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), full, &stdout, &stderr)
	msg := strings.ReplaceAll(stderr.String(), dir, "$WORK")
	msg = strings.TrimPrefix(strings.TrimSpace(msg), "careprint: ")
	if code != c.exit {
		t.Errorf("exit %d, want %d\nstderr: %s", code, c.exit, msg)
	}
	if !strings.Contains(msg, c.want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", msg, c.want)
	}
	after := snapshot(t, dir)
	for p, data := range before {
		outside := !strings.HasPrefix(p, "out/")
		if (outside || c.exit == 2) && after[p] != data {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok && (c.exit == 2 || !strings.HasPrefix(p, "out/")) {
			t.Errorf("%s written", p)
		}
	}
	if c.exit == 0 {
		built := strings.TrimSpace(strings.ReplaceAll(stdout.String(), dir, "$WORK"))
		return "(built) " + elapsedRE.ReplaceAllString(built, "in …s")
	}
	return msg
}

// snapshot maps every regular file below dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, _ := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return out
}
