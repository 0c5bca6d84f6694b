// Package build runs careprint's stages: load and validate everything, plan
// the jobs (clinic × language × routine × format), render them in a
// bounded worker pool and publish the files.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw/pdf"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/inputfs"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// Version is careprint's version; it goes into every handout's metadata.
const Version = "0.1.0"

// Project is everything loaded and validated for a run.
type Project struct {
	Config   *config.Config
	Routines []*routine.Routine // sorted by id
	Catalogs *i18n.Bundle
	// Translations of routines: language -> routine id -> translation.
	Translations map[string]map[string]*routine.Translation
	Fonts        *fonts.Set
	Shaper       *i18n.Shaper
	Logos        map[string]*layout.Logo // by clinic id
	Images       map[string]*layout.Logo // clinics' own step pictures, by path
	// PDFShared keeps the PNGs the PDF backend has decoded (the logos),
	// shared by the workers; nil decodes them for every document.
	PDFShared *pdf.Shared
}

// Routine returns the routine with id, or nil.
func (p *Project) Routine(id string) *routine.Routine {
	for _, r := range p.Routines {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Load reads the config at configPath, or, when configPath is "" and there
// is no config.yaml in the working folder, the built-in default. Built-in
// routines and catalogs come from builtin; the config's templates folder
// adds to them or replaces them by id.
func Load(configPath string, builtin fs.FS) (*Project, error) {
	return LoadContext(context.Background(), configPath, builtin)
}

// LoadContext is Load that stops, between files, once ctx is done
// (Ctrl-C while loading).
func LoadContext(ctx context.Context, configPath string, builtin fs.FS) (*Project, error) {
	var (
		data  []byte
		name  string
		local fs.FS // where the config's relative paths point
		err   error
	)
	switch {
	case configPath != "":
		data, err = inputfs.ReadFile(configPath, inputfs.MaxYAML)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: check the --config path", configPath, unwrapPath(err))
		}
		name, local = configPath, inputfs.FS{Dir: filepath.Dir(configPath)}
	default:
		if data, err = inputfs.ReadFile("config.yaml", inputfs.MaxYAML); err == nil {
			name, local = "config.yaml", inputfs.FS{Dir: "."}
		} else if errors.Is(err, fs.ErrNotExist) {
			data, err = fs.ReadFile(builtin, "config.yaml")
			if err != nil {
				return nil, err
			}
			name, local = "config.yaml (built-in)", builtin
		} else {
			return nil, fmt.Errorf("config.yaml: %w", unwrapPath(err))
		}
	}
	cfg, err := config.Parse(name, data)
	if err != nil {
		return nil, err
	}
	if configPath != "" && cfg.Out != "" && !filepath.IsAbs(cfg.Out) {
		// like every path in the config, out: is relative to its folder
		cfg.Out = filepath.Join(filepath.Dir(configPath), cfg.Out)
	}
	if pos := cfg.Pos("templates"); pos != cfg.Pos() && cfg.Templates != config.Default().Templates {
		// a templates folder the config names must be there: a wrong
		// path would otherwise build the built-in routines in silence
		// (the default, templates, may be missing: no routines of the
		// clinic's own)
		if fi, err := fs.Stat(local, path.Clean(cfg.Templates)); err != nil || !fi.IsDir() {
			return nil, yamlx.Errorf(pos, "templates: %q is not a folder: check the path (it is relative to the config file)", cfg.Templates)
		}
	}
	stop := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted while loading: nothing was written")
		}
		return nil
	}
	// the fonts do not depend on anything below: parsed meanwhile
	type parsedFonts struct {
		set *fonts.Set
		err error
	}
	fontsDone := make(chan parsedFonts, 1)
	go func() {
		set, err := fonts.Builtin(builtin)
		fontsDone <- parsedFonts{set, err}
	}()
	p := &Project{Config: cfg, Logos: map[string]*layout.Logo{}, Images: map[string]*layout.Logo{}, Shaper: i18n.NewShaper(), PDFShared: &pdf.Shared{}}
	// the routines, catalogs and translations are read independently:
	// every file's problem is reported in one run
	var errs []error
	if p.Routines, err = loadRoutines(builtin, local, cfg.Templates); err != nil {
		errs = append(errs, err)
	}
	if err := stop(); err != nil {
		return nil, err
	}
	if p.Catalogs, err = loadCatalogs(builtin, local, cfg.Templates); err != nil {
		errs = append(errs, err)
	}
	if err := stop(); err != nil {
		return nil, err
	}
	if p.Translations, err = loadTranslations(builtin, local, cfg.Templates); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	if err := stop(); err != nil {
		return nil, err
	}
	if err := p.checkWords(); err != nil {
		return nil, err
	}
	ids := p.routineIDs()
	for i := range cfg.Clinics {
		if err := stop(); err != nil {
			return nil, err
		}
		if err := p.loadClinic(local, ids, i); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	if err := stop(); err != nil {
		return nil, err
	}
	f := <-fontsDone
	if f.err != nil {
		return nil, f.err
	}
	p.Fonts = f.set
	return p, nil
}

// routineIDs lists the ids of the routines, sorted.
func (p *Project) routineIDs() []string {
	ids := make([]string, len(p.Routines))
	for i, r := range p.Routines {
		ids[i] = r.ID
	}
	return ids
}

// checkWords checks the words of every routine and translation: the
// plural forms of each {count} in its language, and each translation
// against its routine (placeholders, numbers, reference markers, steps).
func (p *Project) checkWords() error {
	for _, r := range p.Routines {
		if err := r.CheckPlurals(i18n.PluralCategories("en")); err != nil {
			return err
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(p.Translations)) {
		for _, id := range slices.Sorted(maps.Keys(p.Translations[lang])) {
			t := p.Translations[lang][id]
			r := p.Routine(id)
			if r == nil {
				return yamlx.Errorf(t.Pos("routine"), "translation of unknown routine %q%s", id, yamlx.Suggest(id, p.routineIDs()))
			}
			if err := r.CheckTranslation(t, i18n.PluralCategories(lang)); err != nil {
				return err
			}
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadRoutines reads the built-in routines, then the local ones over them.
func loadRoutines(builtin, local fs.FS, templates string) ([]*routine.Routine, error) {
	byID := map[string]*routine.Routine{}
	for _, src := range []struct {
		fsys fs.FS
		dir  string
	}{{builtin, "templates/routines"}, {local, path.Join(templates, "routines")}} {
		rs, err := routine.LoadDir(src.fsys, src.dir)
		if err != nil {
			return nil, err
		}
		mine := map[string]*routine.Routine{}
		for _, r := range rs {
			if prev := mine[r.ID]; prev != nil {
				return nil, yamlx.Errorf(r.Pos("id"), "a second routine with id %q (the first is %s): give each routine its own id", r.ID, prev.File)
			}
			mine[r.ID] = r
			byID[r.ID] = r // a local routine replaces the built-in one
		}
	}
	out := make([]*routine.Routine, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func loadCatalogs(builtin, local fs.FS, templates string) (*i18n.Bundle, error) {
	dir := path.Join(templates, "i18n")
	if _, err := fs.Stat(local, dir); err == nil {
		return i18n.LoadDir(local, dir)
	}
	return i18n.LoadDir(builtin, "templates/i18n")
}

func loadTranslations(builtin, local fs.FS, templates string) (map[string]map[string]*routine.Translation, error) {
	out, err := routine.LoadTranslations(builtin, "templates/translations")
	if err != nil {
		return nil, err
	}
	mine, err := routine.LoadTranslations(local, path.Join(templates, "translations"))
	if err != nil {
		return nil, err
	}
	for lang, byID := range mine {
		if out[lang] == nil {
			out[lang] = map[string]*routine.Translation{}
		}
		for id, t := range byID {
			out[lang][id] = t
		}
	}
	return out, nil
}

// loadClinic checks clinic i of the config against the routines and
// languages loaded, and reads its logo and pictures.
func (p *Project) loadClinic(local fs.FS, ids []string, i int) error {
	cfg := p.Config
	var err error
	cl := &cfg.Clinics[i]
	for k, id := range cl.Routines {
		if p.Routine(id) == nil {
			return yamlx.Errorf(cfg.Pos("clinics", i, "routines", k), "clinic %q: unknown routine %q%s", cl.ID, id, yamlx.Suggest(id, ids))
		}
	}
	for k, l := range cl.Languages {
		if _, err := p.MatchLanguage(l); err != nil {
			return yamlx.Errorf(cfg.Pos("clinics", i, "languages", k), "clinic %q: %v", cl.ID, err)
		}
	}
	if err := p.checkClinic(cl); err != nil {
		return err
	}
	if cl.Logo != "" {
		logo, err := loadImage(local, cl, cfg.Pos("clinics", i, "logo"), "logo", cl.Logo)
		if err != nil {
			return err
		}
		p.Logos[cl.ID] = logo
	}
	for _, id := range slices.Sorted(maps.Keys(cl.Overrides)) {
		for _, sid := range slices.Sorted(maps.Keys(cl.Overrides[id].Steps)) {
			if img := cl.Overrides[id].Steps[sid].Image; img != "" && p.Images[img] == nil {
				if p.Images[img], err = loadImage(local, cl, cfg.Pos("clinics", i, "overrides", id, "steps", sid, "image"), "image", img); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// maxInputErrors caps how many input errors one run reports.
const maxInputErrors = 20

// joinErrors joins errs, one a line, each once, at most maxInputErrors.
func joinErrors(errs []error) error {
	var lines []string
	seen := map[string]bool{}
	for _, e := range errs {
		for _, line := range strings.Split(e.Error(), "\n") {
			if !seen[line] {
				seen[line] = true
				lines = append(lines, line)
			}
		}
	}
	if len(lines) > maxInputErrors {
		lines = append(lines[:maxInputErrors], fmt.Sprintf("… and %d more", len(lines)-maxInputErrors))
	}
	if len(lines) == 1 && len(errs) == 1 {
		return errs[0] // keeps its type: a *yamlx.Error stays one
	}
	return errors.New(strings.Join(lines, "\n"))
}
