// Package publish is the only writer of the output folder. Every file is
// written to a temporary name in its own folder and renamed into place, so
// a failed or interrupted build never leaves a half-written file.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Dir writes files below Root.
type Dir struct {
	Root string
}

// WriteFile atomically writes data to Root/rel (rel uses forward slashes).
func (d Dir) WriteFile(rel string, data []byte) error {
	if filepath.IsAbs(rel) || strings.Contains(rel, "..") {
		return fmt.Errorf("publish: %q is not a path inside the output folder", rel)
	}
	dst := filepath.Join(d.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, dst)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("publish %s: %w", dst, werr)
	}
	return nil
}
