package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// listKinds are what list can print.
func listKinds() []string {
	return []string{"routines", "languages", "marks", "landmarks", "variants"}
}

// listItem is one line of list's output; JSON prints the same fields.
type listItem struct {
	Name string `json:"name"`
	// Title is a routine's title; Description what a mark draws, where a
	// landmark is, or what a variant chooses.
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	File        string   `json:"file,omitempty"`            // a routine's file
	Steps       []string `json:"step_ids,omitempty"`        // a routine's step ids
	Needs       []string `json:"landmark_keys,omitempty"`   // a mark's landmark keys: at, or from and to
	Choices     []string `json:"choices,omitempty"`         // a variant's choices, the default first
	Default     string   `json:"default,omitempty"`         // a variant's default choice
	Languages   []string `json:"translated_into,omitempty"` // a routine's translations
}

func newListCommand(stdout io.Writer) *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("CAREPRINT")
	v.AutomaticEnv()
	cmd := &cobra.Command{
		Use:   "list routines|languages|marks|landmarks|variants",
		Short: "List the names a config or routine file can use: routines, languages, marks, landmarks, variants",
		Long: `List the names a config or routine file can use:

  routines   the routines (built-in and the clinic's own), with their step ids
  languages  the languages careprint has words for
  marks      the marks a step's illustration can draw, and the landmarks each needs
  landmarks  the named places on the body model
  variants   the choices a clinic makes where sources disagree, default first

docs/ shows each mark and landmark in a picture.
`,
		Example: `  careprint list marks
  careprint list routines --json | jq '.[].name'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || !slices.Contains(listKinds(), args[0]) {
				what := strings.Join(args, " ")
				if what == "" {
					return usageError{fmt.Errorf("list: say what to list: %s", strings.Join(listKinds(), ", "))}
				}
				return usageError{fmt.Errorf("list %q: say what to list: %s%s", what, strings.Join(listKinds(), ", "), yamlx.Suggest(what, listKinds()))}
			}
			return nil
		},
		ValidArgs: listKinds(),
		RunE: func(_ *cobra.Command, args []string) error {
			items, err := listOf(args[0], v.GetString("config"))
			if err != nil {
				return err
			}
			if v.GetBool("json") {
				data, err := json.MarshalIndent(items, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(stdout, "%s\n", data)
				return err
			}
			return writeList(stdout, items)
		},
	}
	fl := cmd.Flags()
	fl.String("config", "", "config file, for routines and languages (default: ./config.yaml, else the built-in default)")
	fl.Bool("json", false, "print a JSON array")
	if err := v.BindPFlags(fl); err != nil {
		panic(err) // flags are static: this cannot fail at run time
	}
	return cmd
}

// listOf returns the items of kind; routines and languages load the
// project of config.
func listOf(kind, config string) ([]listItem, error) {
	var out []listItem
	switch kind {
	case "marks":
		kinds := routine.MarkKinds()
		for _, name := range sortedNames(kinds) {
			k := kinds[name]
			it := listItem{Name: name, Description: k.Doc}
			switch {
			case k.FromTo:
				it.Needs = []string{"from", "to"}
			case k.At:
				it.Needs = []string{"at"}
			}
			out = append(out, it)
		}
	case "landmarks":
		for _, name := range routine.Landmarks() {
			out = append(out, listItem{Name: name, Description: routine.LandmarkDoc(name)})
		}
	case "variants":
		opts := routine.VariantOptions()
		for _, name := range sortedNames(opts) {
			out = append(out, listItem{Name: name, Description: routine.VariantDoc(name), Choices: opts[name], Default: opts[name][0]})
		}
	case "routines", "languages":
		p, err := build.Load(config, careprint.Files)
		if err != nil {
			return nil, usageError{err}
		}
		if kind == "languages" {
			for _, l := range p.Languages() {
				out = append(out, listItem{Name: l, Description: build.LanguageName(l)})
			}
			break
		}
		for _, r := range p.Routines {
			it := listItem{Name: r.ID, Title: r.Title, File: r.File}
			for _, s := range r.Steps {
				it.Steps = append(it.Steps, s.ID)
			}
			for _, l := range sortedNames(p.Translations) {
				if p.Translations[l][r.ID] != nil {
					it.Languages = append(it.Languages, l)
				}
			}
			out = append(out, it)
		}
	}
	return out, nil
}

// writeList prints items as aligned columns.
func writeList(w io.Writer, items []listItem) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, it := range items {
		var cols []string
		switch {
		case it.Title != "":
			cols = append(cols, it.Title, "steps: "+strings.Join(it.Steps, ", "))
		case len(it.Choices) > 0:
			cols = append(cols, strings.Join(it.Choices, " | ")+" (default "+it.Default+")", it.Description)
		case it.Needs != nil || it.Description != "":
			needs := "-"
			if len(it.Needs) > 0 {
				needs = strings.Join(it.Needs, ", ") + ":"
			}
			if _, isMark := routine.MarkKinds()[it.Name]; isMark {
				cols = append(cols, needs)
			}
			cols = append(cols, it.Description)
		}
		fmt.Fprintln(tw, it.Name+"\t"+strings.Join(cols, "\t"))
	}
	return tw.Flush()
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
