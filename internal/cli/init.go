package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	careprint "github.com/careprint/careprint"
)

// starterRoutine is the built-in routine a new clinic folder starts from,
// copied under its own id so it adds to the built-in ones.
const (
	starterFrom = "rps"
	starterID   = "our-rps"
	starterLang = "es"
)

// starterConfig is the new folder's config.yaml; %s is today's date.
const starterConfig = `# yaml-language-server: $schema=schema/config.json
# Your clinic's careprint setup. Build it with: careprint build
# Every key is checked: a misspelt key is an error that names its line.
# The reference is docs/config.md in careprint's repository; "careprint list"
# prints the routines, languages, marks, landmarks and variants you can use.
templates: templates   # your own routines and translations (templates/routines, templates/translations/<lang>)
out: out               # where the handouts are written

clinics:
  - id: our-clinic                 # lower-case letters, digits and dashes: it names the out/ folder
    name: Our Family Clinic        # printed at the top of every handout
    contact:                       # printed at the bottom: how families reach you
      phone: (555) 010-0100
      email: care@clinic.example
      web: clinic.example
    # logo: logo.png               # PNG or JPEG, relative to this file
    colors:                        # colours in quotes: a bare #... is a comment
      primary: "#0F6E66"           # headings, numbers, diagram marks
      accent: "#B4462C"            # the warning box
    country: US                    # sets the paper: letter in the Americas and the Philippines, else a4
    # paper: letter                # a4 | letter | a5, to choose it yourself
    languages: [en, ` + starterLang + `]             # careprint list languages
    routines: [` + starterID + `, tbml]          # your routine and a built-in one; leave out for all
    formats: [pdf, png]
    # variants: {compress: cold-after, direction: armpit, lubricant: ask}   # careprint list variants
    review:                        # printed on every handout: set it when your team reviews them
      date: %s
      by: Our lactation team
      version: "1.0"
`

func newInitCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a clinic folder: a commented config.yaml, one routine to edit and one translation",
		Long: `Start a clinic folder in DIR (default: the current folder): a commented
config.yaml, one routine to edit (templates/routines/` + starterID + `.yaml, a copy of
the built-in ` + starterFrom + ` under its own id), its Spanish translation to edit
(templates/translations/` + starterLang + `/` + starterID + `.yaml), and the JSON Schemas
(schema/) that let an editor complete and check the files as you type.
The folder builds as it is: run "careprint build" in it.

init never overwrites a file: if one of them is there, it writes nothing.
` + exitStatus,
		Example: `  careprint init our-clinic && cd our-clinic && careprint build`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			files, err := starterFiles(time.Now().Format("2006-01-02"))
			if err != nil {
				return err
			}
			if err := writeNew(dir, files); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %d files to %s: edit config.yaml and %s, then run careprint build\n",
				len(files), dir, path.Join("templates/routines", starterID+".yaml"))
			fmt.Fprintln(stdout, "before you hand the handouts out: put your clinic's name, contact and review (date, by) in config.yaml; they are printed on every page")
			return nil
		},
	}
}

// starterFile is one file init writes.
type starterFile struct {
	name string // slash-separated, relative to the folder
	data []byte
}

// starterFiles are the files of a new clinic folder, reviewed on date.
func starterFiles(date string) ([]starterFile, error) {
	files := []starterFile{{"config.yaml", fmt.Appendf(nil, starterConfig, date)}}
	routineSrc, err := fs.ReadFile(careprint.Files, "templates/routines/"+starterFrom+".yaml")
	if err != nil {
		return nil, err
	}
	r, err := retag(string(routineSrc), "id: "+starterFrom+"\n", "id: "+starterID+"\n",
		"# Your own routine: a copy of the built-in "+starterFrom+" under its own id. Edit the\n"+
			"# words, steps and marks (careprint list marks); docs/routine.md describes every key.\n"+
			"# Plain language: short sentences, \"you\", verbs first. Keep red_flags and references.\n")
	if err != nil {
		return nil, err
	}
	files = append(files, starterFile{"templates/routines/" + starterID + ".yaml", []byte(r)})
	trSrc, err := fs.ReadFile(careprint.Files, "templates/translations/"+starterLang+"/"+starterFrom+".yaml")
	if err != nil {
		return nil, err
	}
	t, err := retag(string(trSrc), "routine: "+starterFrom+"\n", "routine: "+starterID+"\n",
		"# The Spanish words of "+starterID+", keyed by step id; docs/translation.md describes\n"+
			"# every key. Have it reviewed, then set status: {state: reviewed, by: ..., date: ...}.\n")
	if err != nil {
		return nil, err
	}
	files = append(files, starterFile{"templates/translations/" + starterLang + "/" + starterID + ".yaml", []byte(t)})
	schemas, err := fs.Glob(careprint.Files, "schema/*.json")
	if err != nil {
		return nil, err
	}
	for _, s := range schemas {
		data, err := fs.ReadFile(careprint.Files, s)
		if err != nil {
			return nil, err
		}
		files = append(files, starterFile{s, data})
	}
	return files, nil
}

// retag replaces the line old with new in src, and the comment lines at
// its top (after the schema line) with header.
func retag(src, old, new, header string) (string, error) {
	if !strings.Contains(src, old) {
		return "", fmt.Errorf("init: the built-in file has no %q line", strings.TrimSpace(old))
	}
	src = strings.Replace(src, old, new, 1)
	lines := strings.SplitAfter(src, "\n")
	var schema string
	if len(lines) > 0 && strings.HasPrefix(lines[0], "# yaml-language-server:") {
		schema, lines = lines[0], lines[1:]
	}
	for len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
		lines = lines[1:]
	}
	return schema + header + strings.Join(lines, ""), nil
}

// writeNew writes files below dir, or nothing when any of them exists.
func writeNew(dir string, files []starterFile) error {
	var there []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if _, err := os.Lstat(p); err == nil {
			there = append(there, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(there) > 0 {
		return usageError{fmt.Errorf("init: %s already there: init writes nothing over existing files (choose another folder, or move them away)", strings.Join(there, ", "))}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		// O_EXCL: a file that appeared since the check is not overwritten
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = w.Write(f.data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
