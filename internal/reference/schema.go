// Package reference generates what a clinic admin reads or their editor
// uses instead of the Go code: JSON Schemas of config.yaml, routine,
// translation and catalog files (schema/*.json), and the reference in docs/
// with its key tables and pictures of every mark and landmark. Both are
// generated from the Go types and the mark registry, and kept in the
// repository; tests fail when they are out of date (-update refreshes).
package reference

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/routine"
)

// Kind is one kind of file careprint reads.
type Kind struct {
	Name   string // config, routine, translation, catalog
	Title  string // what the file is, for the docs
	Schema string // its schema's path in the repository
	Glob   string // the shipped files of this kind
	// Up is the way from a file of this kind up to the folder that holds
	// schema/: "" for config.yaml, "../../" for a routine file.
	Up    string
	value any // a pointer to the Go type the file decodes into
}

// SchemaLine is the first line of a file of this kind, naming its schema.
func (k Kind) SchemaLine() string {
	return "# yaml-language-server: $schema=" + k.Up + k.Schema
}

// Kinds lists the kinds of files, in the order of the docs.
func Kinds() []Kind {
	return []Kind{
		{"config", "config.yaml: the clinics", "schema/config.json", "config.yaml", "", &config.Config{}},
		{"routine", "Routine files: templates/routines/<id>.yaml", "schema/routine.json", "templates/routines/*.yaml", "../../", &routine.Routine{}},
		{"translation", "Translation files: templates/translations/<lang>/<routine>.yaml", "schema/translation.json", "templates/translations/*/*.yaml", "../../../", &routine.Translation{}},
		{"catalog", "Interface words: templates/i18n/<lang>.yaml", "schema/catalog.json", "templates/i18n/*.yaml", "../../", &i18n.Catalog{}},
	}
}

// Generate returns the JSON Schema of k, with the Go doc comments of the
// types under src (the repository's root) as descriptions, and the key
// notes of keys.go: the enums of the registry, defaults and examples.
func (k Kind) Generate(src string) (*jsonschema.Schema, error) {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true, // every key may be left out: the loader checks what is needed
		Mapper:                     mapper,
	}
	r.CommentMap = map[string]string{}
	for _, dir := range []string{"internal/config", "internal/routine", "internal/i18n"} {
		if err := addComments(r, src, dir); err != nil {
			return nil, err
		}
	}
	s := r.Reflect(k.value)
	s.ID, s.Title = "", k.Title
	var errs []error
	for name, def := range s.Definitions {
		def.Description = strings.Join(strings.Fields(def.Description), " ")
		errs = append(errs, annotate(name, def)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// JSON is the schema as the file schema/<name>.json holds it.
func JSON(s *jsonschema.Schema) ([]byte, error) {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// mapper gives the types that decode more than one shape their schema.
func mapper(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[config.Words]():
		return &jsonschema.Schema{
			Description: "One text, taken to be English, or a text per language tag: {en: ..., es: ...}",
			OneOf: []*jsonschema.Schema{
				{Type: "string"},
				{Type: "object", AdditionalProperties: &jsonschema.Schema{Type: "string"}},
			},
		}
	case reflect.TypeFor[routine.Status]():
		return &jsonschema.Schema{
			Description: "The translation's review state: draft or reviewed, alone (status: draft) or with who reviewed it and when",
			OneOf: []*jsonschema.Schema{
				{Type: "string", Enum: []any{"draft", "reviewed"}},
				statusObject(),
			},
		}
	case reflect.TypeFor[i18n.Status]():
		s := statusObject()
		s.Description = "The catalog's review state"
		return s
	}
	return nil
}

func statusObject() *jsonschema.Schema {
	props := jsonschema.NewProperties()
	props.Set("state", &jsonschema.Schema{Type: "string", Enum: []any{"draft", "reviewed"}, Description: "draft or reviewed"})
	props.Set("by", &jsonschema.Schema{Type: "string", Description: "who reviewed it", Examples: []any{"Lactation team, IBCLC"}})
	props.Set("date", &jsonschema.Schema{Type: "string", Description: "when, as YYYY-MM-DD", Pattern: `^\d{4}-\d{2}-\d{2}$`, Examples: []any{"2026-11-01"}})
	return &jsonschema.Schema{Type: "object", Properties: props, AdditionalProperties: jsonschema.FalseSchema, Required: []string{"state"}}
}

// variantsObject is the schema of a set of variant choices (option ->
// value); list makes each value a list of values (a step's only:).
func variantsObject(list bool) *jsonschema.Schema {
	props := jsonschema.NewProperties()
	opts := routine.VariantOptions()
	names := make([]string, 0, len(opts))
	for k := range opts {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := &jsonschema.Schema{Type: "string", Enum: anys(opts[k]), Description: routine.VariantDoc(k)}
		if list {
			v = &jsonschema.Schema{Type: "array", Items: v, Description: v.Description}
		}
		props.Set(k, v)
	}
	return &jsonschema.Schema{Type: "object", Properties: props, AdditionalProperties: jsonschema.FalseSchema}
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// annotate sets the enums, patterns, defaults, examples and missing
// descriptions of the properties of def (named name) from keys().
func annotate(name string, def *jsonschema.Schema) (errs []error) {
	if def.Properties == nil {
		return nil
	}
	for p := def.Properties.Oldest(); p != nil; p = p.Next() {
		note, ok := keys()[name+"."+p.Key]
		if !ok {
			errs = append(errs, fmt.Errorf("reference: no note for %s.%s in keys.go: add its description, default and example", name, p.Key))
			continue
		}
		s := p.Value
		if note.schema != nil {
			desc := s.Description
			*s = *note.schema()
			if desc != "" {
				s.Description = desc
			}
		}
		target := s
		if s.Type == "array" && s.Items != nil {
			target = s.Items
		}
		if note.enum != nil {
			target.Enum = anys(note.enum)
		}
		if note.pattern != "" {
			target.Pattern = note.pattern
		}
		if note.desc != "" {
			s.Description = note.desc // the admin's words over the Go comment
		}
		s.Description = strings.Join(strings.Fields(s.Description), " ")
		if s.Description == "" {
			errs = append(errs, fmt.Errorf("reference: %s.%s has no description: add a doc comment or a desc in keys.go", name, p.Key))
		}
		if note.def != nil {
			s.Default = note.def
		}
		if note.example == nil {
			errs = append(errs, fmt.Errorf("reference: %s.%s has no example in keys.go", name, p.Key))
			continue
		}
		s.Examples = []any{note.example}
	}
	return errs
}

// addComments is AddGoComments for dir below src; AddGoComments names a
// package by the path it walks, so it walks the absolute path, and the
// names are turned into import paths.
func addComments(r *jsonschema.Reflector, src, dir string) error {
	tmp := &jsonschema.Reflector{}
	abs, err := filepath.Abs(filepath.Join(src, dir))
	if err != nil {
		return err
	}
	if err := tmp.AddGoComments("", abs); err != nil {
		return err
	}
	prefix := "github.com/careprint/careprint/" + dir
	for k, v := range tmp.CommentMap {
		// keys are <abs dir>.<Type>[.<Field>]
		if rest, ok := cutPrefix(k, abs); ok {
			r.CommentMap[prefix+rest] = v
		}
	}
	return nil
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}
