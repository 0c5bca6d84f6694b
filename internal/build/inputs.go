package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// inputs hashes what jobs read, each input once: a job's inputs hash is
// the sha256 of the digests of everything it reads (the program, the
// clinic's config section and logo, the routine, its translations and
// the interface words in the fallback chain, the clinics' own pictures).
// Made before the workers start, then read-only.
type inputs struct {
	program string
	digest  map[any]string // *config.Clinic, *routine.Routine, *routine.Translation, *i18n.Catalog -> sha256
	images  string
}

// inputs digests the inputs of jobs; program is programHash's.
func (p *Project) inputs(jobs []Job, program string) (*inputs, error) {
	in := &inputs{program: program, digest: map[any]string{}}
	add := func(key, v any, extra []byte) error {
		if _, ok := in.digest[key]; ok {
			return nil
		}
		h := sha256.New()
		if err := json.NewEncoder(h).Encode(v); err != nil {
			return fmt.Errorf("hashing inputs: %w", err)
		}
		h.Write(extra)
		in.digest[key] = hex.EncodeToString(h.Sum(nil))
		return nil
	}
	for _, j := range jobs {
		clinic := *j.Clinic
		// what only decides which jobs exist, or where the clinic stands
		// in config.yaml, changes nothing a job makes
		clinic.Pos = yamlx.Pos{}
		clinic.Routines, clinic.Languages, clinic.Formats = nil, nil, nil
		var logo []byte
		if l := p.Logos[j.Clinic.ID]; l != nil {
			logo = l.Data
		}
		if err := add(j.Clinic, clinic, logo); err != nil {
			return nil, err
		}
		if err := add(j.Routine, j.Routine, nil); err != nil {
			return nil, err
		}
		for _, t := range p.translations(j) {
			if err := add(t, t, nil); err != nil {
				return nil, err
			}
		}
		for _, c := range p.catalogs(j) {
			if err := add(c, c, nil); err != nil {
				return nil, err
			}
		}
	}
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(p.Images)) {
		h.Write([]byte(name))
		h.Write(p.Images[name].Data)
	}
	in.images = hex.EncodeToString(h.Sum(nil))
	return in, nil
}

// translations are the translations of j's routine in its fallback chain.
func (p *Project) translations(j Job) []*routine.Translation {
	var out []*routine.Translation
	for _, l := range append(contentChain(j.Words), "en") {
		if t := p.Translations[l][j.Routine.ID]; t != nil {
			out = append(out, t)
		}
	}
	return out
}

// catalogs are the interface words j reads: English (fallback strings
// are filled in English) and its language's.
func (p *Project) catalogs(j Job) []*i18n.Catalog {
	cat, _ := p.Catalogs.Lookup(j.Words)
	en, _ := p.Catalogs.Lookup("en")
	return []*i18n.Catalog{en, cat}
}

// hash is the sha256 of everything job j reads (p made in).
func (in *inputs) hash(p *Project, j Job) (string, error) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	if err := enc.Encode([]any{Version, in.program, j.Format, j.Large, j.Lang, j.Words}); err != nil {
		return "", fmt.Errorf("%s: hashing inputs: %w", j.Name(), err)
	}
	parts := []any{j.Clinic, j.Routine}
	for _, t := range p.translations(j) {
		parts = append(parts, t)
	}
	for _, c := range p.catalogs(j) {
		parts = append(parts, c)
	}
	for _, k := range parts {
		d, ok := in.digest[k]
		if !ok {
			return "", fmt.Errorf("%s: hashing inputs: %T not digested", j.Name(), k)
		}
		h.Write([]byte(d))
	}
	h.Write([]byte(in.images))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// programHash identifies the running program, so a new careprint build
// (new code, new fonts) rebuilds everything: the Go build ID the linker
// writes into the executable (its last part is a hash of the linked
// program, embedded files included), read from the ELF note without
// reading the 18 MB file; else, or when the ID is not of go build's
// four-part form (a build with -ldflags=-buildid=...), the sha256 of the
// whole executable.
func programHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return Version, nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return Version, nil
	}
	defer f.Close()
	if id := goBuildID(f); id != "" {
		return "go-build-id:" + id, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// goBuildID returns the Go build ID of the ELF executable f, or "".
func goBuildID(f *os.File) string {
	ef, err := elf.NewFile(f)
	if err != nil {
		return ""
	}
	sec := ef.Section(".note.go.buildid")
	if sec == nil || sec.Size > 1024 {
		return ""
	}
	note, err := sec.Data()
	// an ELF note: name size, description size, type 4, "Go\0\0", the ID
	if err != nil || len(note) < 16 || ef.ByteOrder.Uint32(note) != 4 || ef.ByteOrder.Uint32(note[8:]) != 4 || string(note[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := int(ef.ByteOrder.Uint32(note[4:]))
	if n > len(note)-16 {
		return ""
	}
	id := strings.TrimRight(string(note[16:16+n]), "\x00")
	if parts := strings.Split(id, "/"); len(parts) != 4 || slices.Contains(parts, "") {
		return ""
	}
	return id
}

// shard keeps the i-th of n stable shares of jobs ("i/n", 1-based): a job's
// share depends only on its name and format, so shards run anywhere split
// the catalog the same way.
func shard(jobs []Job, spec string) ([]Job, error) {
	i, n, err := parseShard(spec)
	if err != nil {
		return nil, err
	}
	var out []Job
	for _, j := range jobs {
		if shardOf(j.key(), n) == i {
			out = append(out, j)
		}
	}
	return out, nil
}
