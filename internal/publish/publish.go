// Package publish is the only writer of the output folder. Every file is
// written to a temporary name in its own folder and renamed into place, so
// a failed or interrupted build never leaves a half-written file.
//
// Nothing outside the output folder is ever written or removed: every path
// is a clean relative path below Root, opened through an os.Root (which
// refuses to leave it), and careprint neither writes nor removes through a
// symbolic link or over anything but a regular file.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Dir writes files below Root.
type Dir struct {
	Root string
}

// tmpMark is in the name of every temporary file: .<name>.tmp-<random>.
const tmpMark = ".tmp-"

// ValidPath reports whether rel is a path careprint may write or remove
// below the output folder: relative, forward slashes, clean (no "." or
// ".." element, no empty element), no backslash or control character, and
// not one of the folder's own bookkeeping files.
func ValidPath(rel string) error {
	bad := func(why string) error {
		return fmt.Errorf("%q is not a path inside the output folder: %s", rel, why)
	}
	switch {
	case rel == "":
		return bad("it is empty")
	case strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "":
		return bad("it is absolute")
	case strings.ContainsAny(rel, "\\\x00"):
		return bad("it holds a backslash or NUL")
	case path.Clean(rel) != rel:
		return bad("it is not clean")
	}
	for _, e := range strings.Split(rel, "/") {
		if e == ".." || e == "." {
			return bad("it leaves the folder")
		}
		for _, r := range e {
			if r < 0x20 || r == 0x7f {
				return bad("it holds a control character")
			}
		}
		if strings.Contains(e, tmpMark) && strings.HasPrefix(e, ".") {
			return bad("it is named like a temporary file")
		}
	}
	if rel == ManifestName || rel == SumsName || rel == LockName || rel == CheckedName || isShardManifest(rel) {
		return bad("it is the folder's own bookkeeping file")
	}
	return nil
}

// open opens Root as an os.Root: no path below it can lead out of it.
func (d Dir) open() (*os.Root, error) {
	if d.Root == "" {
		return nil, errors.New("publish: no output folder given (--out is empty)")
	}
	r, err := os.OpenRoot(d.Root)
	if err != nil {
		return nil, fmt.Errorf("publish: output folder: %w", err)
	}
	return r, nil
}

// display is rel as the user sees it: below Root.
func (d Dir) display(rel string) string { return filepath.Join(d.Root, filepath.FromSlash(rel)) }

// mkdirs creates the folders of rel (below r) one by one, refusing any
// that exists as something other than a real folder (a link, a file).
func (d Dir) mkdirs(r *os.Root, rel string) error {
	dir := path.Dir(rel)
	if dir == "." {
		return nil
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		fi, err := r.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			if err := r.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			fi, err = r.Lstat(p)
		}
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s is %s, not a folder: careprint does not write through it; move it away", d.display(p), kind(fi))
		}
	}
	return nil
}

// kind names what a non-regular file is, for messages.
func kind(fi fs.FileInfo) string {
	switch m := fi.Mode(); {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsRegular():
		return "a file"
	}
	return "a special file"
}

// regularOrAbsent checks that rel, below r, is a regular file or absent.
func (d Dir) regularOrAbsent(r *os.Root, rel string) (exists bool, err error) {
	fi, err := r.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return true, fmt.Errorf("%s is %s: careprint writes and removes only its own regular files; move it away", d.display(rel), kind(fi))
	}
	return true, nil
}

// tmpName is a temporary name for rel, in its folder: .<name>.tmp-<random>.
func tmpName(rel string) string {
	var rnd [6]byte
	rand.Read(rnd[:])
	return path.Join(path.Dir(rel), "."+path.Base(rel)+tmpMark+hex.EncodeToString(rnd[:]))
}

// WriteFile atomically writes data to Root/rel (rel uses forward slashes).
func (d Dir) WriteFile(rel string, data []byte) error {
	if err := ValidPath(rel); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return d.writeFile(rel, data)
}

// writeFile is WriteFile without the name check, for the bookkeeping files.
func (d Dir) writeFile(rel string, data []byte) error {
	r, err := d.open()
	if err != nil {
		return err
	}
	defer r.Close()
	if err := d.mkdirs(r, rel); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if _, err := d.regularOrAbsent(r, rel); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp := tmpName(rel)
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = r.Rename(tmp, rel)
	}
	if werr != nil {
		r.Remove(tmp)
		return fmt.Errorf("publish %s: %w", d.display(rel), werr)
	}
	return nil
}
