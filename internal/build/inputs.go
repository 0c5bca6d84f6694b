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

	"github.com/careprint/careprint/internal/yamlx"
)

// inputsHash is the sha256 of everything job j reads: the program, the
// clinic's config section, the routine, its translations and the
// interface words in the fallback chain, and the clinic's images.
func (p *Project) inputsHash(j Job, program string) (string, error) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	clinic := *j.Clinic
	// what only decides which jobs exist, or where the clinic stands in
	// config.yaml, changes nothing a job makes
	clinic.Pos = yamlx.Pos{}
	clinic.Routines, clinic.Languages, clinic.Formats = nil, nil, nil
	parts := []any{Version, program, j.Format, j.Large, j.Lang, j.Words, clinic, j.Routine}
	chain := append(contentChain(j.Words), "en")
	for _, l := range chain {
		if t := p.Translations[l][j.Routine.ID]; t != nil {
			parts = append(parts, t)
		}
	}
	cat, _ := p.Catalogs.Lookup(j.Words)
	en, _ := p.Catalogs.Lookup("en")
	parts = append(parts, en) // fallback strings are filled in English
	parts = append(parts, cat)
	for _, v := range parts {
		if err := enc.Encode(v); err != nil {
			return "", fmt.Errorf("%s: hashing inputs: %w", j.Name(), err)
		}
	}
	if l := p.Logos[j.Clinic.ID]; l != nil {
		h.Write(l.Data)
	}
	for _, name := range slices.Sorted(maps.Keys(p.Images)) {
		h.Write([]byte(name))
		h.Write(p.Images[name].Data)
	}
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
