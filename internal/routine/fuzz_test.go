package routine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/careprint/careprint/internal/yamlx"
)

// addFiles adds every file matching pattern as a seed.
func addFiles(f *testing.F, pattern string) {
	names, _ := filepath.Glob(pattern)
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
}

// FuzzParse: no routine file panics, hangs or takes unbounded memory; a
// refused one is a positioned error. Seeds: testdata/fuzz/FuzzParse and
// the built-in routines.
func FuzzParse(f *testing.F) {
	addFiles(f, "../../templates/routines/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("r.yaml", data)
		if err == nil {
			if len(r.Steps) == 0 {
				t.Fatal("a routine without steps passed")
			}
			for _, s := range r.Steps {
				if d := s.Duration; d != nil && !(d.Min > 0 && d.Min < 1e6 && (d.Max == 0 || d.Max >= d.Min)) {
					t.Fatalf("duration %+v passed", *d)
				}
				if rp := s.Repeat; rp != nil && (rp.Count < 1 || rp.Count > 10000) {
					t.Fatalf("repeat %+v passed", *rp)
				}
			}
			return
		}
		var ye *yamlx.Error
		if !errors.As(err, &ye) || ye.Pos.File != "r.yaml" {
			t.Fatalf("error without its file: %v", err)
		}
	})
}

// FuzzParseTranslation: no translation file panics, hangs or takes
// unbounded memory; a refused one is a positioned error.
func FuzzParseTranslation(f *testing.F) {
	addFiles(f, "../../templates/translations/*/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseTranslation("t.yaml", data)
		if err == nil {
			return
		}
		var ye *yamlx.Error
		if !errors.As(err, &ye) || ye.Pos.File != "t.yaml" {
			t.Fatalf("error without its file: %v", err)
		}
	})
}
