package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Acquire makes Root ready for one build and returns a function that
// releases it. It refuses an empty Root; creates the folder; refuses a
// folder holding a manifest.json or SHA256SUMS that careprint did not
// write (a *ManifestError with Foreign set: --force does not change
// that); takes the folder's lock, so a second build into the same folder
// is refused while this one runs; and removes the temporary files a
// killed build left behind.
func (d Dir) Acquire() (release func(), err error) {
	if d.Root == "" {
		return nil, errors.New("the output folder is empty: give --out a folder (or set out: in the config)")
	}
	if err := os.MkdirAll(d.Root, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if _, err := r.Lstat(LockName); errors.Is(err, fs.ErrNotExist) {
		if err := d.refuseForeign(r); err != nil {
			return nil, err
		}
	}
	if _, err := d.regularOrAbsent(r, LockName); err != nil {
		return nil, err
	}
	f, err := r.OpenFile(LockName, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("another careprint build is writing to %s (it holds %s): wait for it to finish, or build into another --out folder", d.Root, d.display(LockName))
	}
	if err := d.removeLeftovers(r); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// refuseForeign refuses a folder without careprint's lock file that holds
// a manifest careprint cannot read as its own, or a SHA256SUMS without
// any manifest.
func (d Dir) refuseForeign(r *os.Root) error {
	data, err := d.readRegular(r, ManifestName, maxManifestSize)
	if err == nil && data != nil {
		_, err = parseManifest(data)
	}
	if err != nil {
		return &ManifestError{Path: d.display(ManifestName), Err: err, Foreign: true}
	}
	if data == nil {
		if _, err := r.Lstat(SumsName); err == nil {
			return &ManifestError{Path: d.display(SumsName), Err: errors.New("a SHA256SUMS without careprint's manifest"), Foreign: true}
		}
	}
	return nil
}

// removeLeftovers removes the temporary files (.<name>.tmp-<random>) of a
// build that was killed: regular files only, links are not followed.
func (d Dir) removeLeftovers(r *os.Root) error {
	return fs.WalkDir(r.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), tmpMark) {
			if err := r.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("removing a leftover temporary file: %w", err)
			}
		}
		return nil
	})
}
