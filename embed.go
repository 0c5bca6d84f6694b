// Package careprint holds the built-in content: the default clinic setup, the
// routine and translation templates, and the assets they name. It lets
// `careprint build` work from any folder, and `go install` users get the same
// result as a checkout.
package careprint

import (
	"embed"
	"io/fs"
	"unsafe"
)

// Files is the built-in content, rooted like a checkout: config.yaml,
// templates/..., assets/..., schema/... (the JSON Schemas careprint init copies).
var Files = builtin{files}

//go:embed config.yaml templates assets schema
var files embed.FS

// cjkFont is assets/fonts/DroidSansFallback.ttf (3.4 MB) as a string, so
// that it can be handed out without a copy (see builtin.ReadFileNoCopy).
//
//go:embed assets/fonts/DroidSansFallback.ttf
var cjkFont string

// builtin is the embedded files, with ReadFileNoCopy for the largest.
type builtin struct{ embed.FS }

// ReadFileNoCopy is ReadFile that returns the CJK font's bytes where the
// program holds them instead of a copy (a copy is 3.4 MB of every run's
// memory). The bytes are read-only: writing to them faults.
func (b builtin) ReadFileNoCopy(name string) ([]byte, error) {
	if name == "assets/fonts/DroidSansFallback.ttf" {
		return unsafe.Slice(unsafe.StringData(cjkFont), len(cjkFont)), nil
	}
	return fs.ReadFile(b.FS, name)
}
