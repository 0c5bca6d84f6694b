// Package build runs careprint's stages: load and validate everything, plan
// the jobs (clinic × language × routine × format), render them in a
// bounded worker pool and publish the files.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
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
	var (
		data  []byte
		name  string
		local fs.FS // where the config's relative paths point
		err   error
	)
	switch {
	case configPath != "":
		data, err = os.ReadFile(configPath)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: check the --config path", configPath, unwrapPath(err))
		}
		name, local = configPath, os.DirFS(filepath.Dir(configPath))
	default:
		if data, err = os.ReadFile("config.yaml"); err == nil {
			name, local = "config.yaml", os.DirFS(".")
		} else if errors.Is(err, fs.ErrNotExist) {
			data, err = fs.ReadFile(builtin, "config.yaml")
			if err != nil {
				return nil, err
			}
			name, local = "config.yaml (built-in)", builtin
		} else {
			return nil, err
		}
	}
	cfg, err := config.Parse(name, data)
	if err != nil {
		return nil, err
	}
	p := &Project{Config: cfg, Logos: map[string]*layout.Logo{}, Images: map[string]*layout.Logo{}, Shaper: i18n.NewShaper()}
	if p.Routines, err = loadRoutines(builtin, local, cfg.Templates); err != nil {
		return nil, err
	}
	if p.Catalogs, err = loadCatalogs(builtin, local, cfg.Templates); err != nil {
		return nil, err
	}
	if p.Translations, err = loadTranslations(builtin, local, cfg.Templates); err != nil {
		return nil, err
	}
	if err := p.checkWords(); err != nil {
		return nil, err
	}
	ids := p.routineIDs()
	for i := range cfg.Clinics {
		cl := &cfg.Clinics[i]
		for k, id := range cl.Routines {
			if p.Routine(id) == nil {
				return nil, yamlx.Errorf(cfg.Pos("clinics", i, "routines", k), "clinic %q: unknown routine %q%s", cl.ID, id, yamlx.Suggest(id, ids))
			}
		}
		for k, l := range cl.Languages {
			if _, err := p.MatchLanguage(l); err != nil {
				return nil, yamlx.Errorf(cfg.Pos("clinics", i, "languages", k), "clinic %q: %v", cl.ID, err)
			}
		}
		if err := p.checkClinic(cl); err != nil {
			return nil, err
		}
		if cl.Logo != "" {
			logo, err := loadImage(local, cl, "logo", cl.Logo)
			if err != nil {
				return nil, err
			}
			p.Logos[cl.ID] = logo
		}
		for _, id := range sortedKeys(cl.Overrides) {
			for _, sid := range sortedKeys(cl.Overrides[id].Steps) {
				if img := cl.Overrides[id].Steps[sid].Image; img != "" && p.Images[img] == nil {
					if p.Images[img], err = loadImage(local, cl, "image", img); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	if p.Fonts, err = fonts.Builtin(builtin); err != nil {
		return nil, err
	}
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
	for _, lang := range sortedKeys(p.Translations) {
		for _, id := range sortedKeys(p.Translations[lang]) {
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
		for _, r := range rs {
			byID[r.ID] = r
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

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// loadImage reads a clinic's PNG or JPEG (what names its use in errors).
func loadImage(local fs.FS, cl *config.Clinic, what, file string) (*layout.Logo, error) {
	var data []byte
	var err error
	if filepath.IsAbs(file) {
		data, err = os.ReadFile(file)
	} else {
		data, err = fs.ReadFile(local, path.Clean(file))
	}
	if err != nil {
		return nil, yamlx.Errorf(cl.Pos, "clinic %q: %s %q: %v: check the path (it is relative to the config file)", cl.ID, what, file, unwrapPath(err))
	}
	cfgImg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, yamlx.Errorf(cl.Pos, "clinic %q: %s %q is not a PNG or JPEG image", cl.ID, what, file)
	}
	if format == "jpeg" {
		format = "jpg"
	}
	return &layout.Logo{
		Name:   what + "-" + cl.ID + "-" + strings.TrimSuffix(path.Base(file), path.Ext(file)),
		Data:   data,
		Format: format,
		W:      cfgImg.Width,
		H:      cfgImg.Height,
	}, nil
}
