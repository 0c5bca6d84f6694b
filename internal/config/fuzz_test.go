package config

import (
	"errors"
	"os"
	"testing"

	"github.com/careprint/careprint/internal/yamlx"
)

// FuzzParse: no config, however broken, panics, hangs or takes unbounded
// memory; a refused one is a positioned error. Seeds: testdata/fuzz/FuzzParse
// and the default config.yaml.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("../../config.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("config.yaml", data)
		if err == nil {
			if len(c.Clinics) == 0 {
				t.Fatal("a config without clinics passed")
			}
			return
		}
		var ye *yamlx.Error
		if !errors.As(err, &ye) || ye.Pos.File != "config.yaml" {
			t.Fatalf("error without its file: %v", err)
		}
	})
}
