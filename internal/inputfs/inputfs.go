// Package inputfs reads careprint's input files (config, routines,
// translations, catalogs, logos, pictures) so that no input can hang a run
// or exhaust its memory: each is a regular file (a named pipe, a device
// or a folder is refused, naming the file, before it is opened for
// reading), of bounded size (checked on the open file and enforced while
// reading).
package inputfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// Size limits, in bytes.
const (
	// MaxYAML bounds a config, routine, translation or catalog file.
	MaxYAML = 1 << 20
	// MaxImage bounds a logo or picture file.
	MaxImage = 16 << 20
)

// Limit is the size limit of a file by its name.
func Limit(name string) int64 {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return MaxYAML
	}
	return MaxImage
}

// FS is the folder Dir as an fs.FS whose files are read by ReadFile's
// rules. Names are slash paths relative to Dir; unlike os.DirFS it takes
// names that start with "../" or are absolute, for folders the config
// names explicitly (templates: ../shared).
type FS struct {
	Dir string
}

func (f FS) path(op, name string) (string, error) {
	clean := path.Clean(name)
	if clean != name || strings.ContainsRune(name, 0) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if filepath.IsAbs(filepath.FromSlash(name)) {
		return filepath.FromSlash(name), nil
	}
	return filepath.Join(f.Dir, filepath.FromSlash(name)), nil
}

// Open opens a folder, or a file under ReadFile's rules.
func (f FS) Open(name string) (fs.File, error) {
	p, err := f.path("open", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, rename(err, name)
	}
	if fi.IsDir() {
		return os.Open(p)
	}
	file, _, err := open(p, name, Limit(name))
	if err != nil {
		return nil, err
	}
	return file, nil
}

// ReadFile reads name under ReadFile's rules, with Limit(name).
func (f FS) ReadFile(name string) ([]byte, error) {
	p, err := f.path("read", name)
	if err != nil {
		return nil, err
	}
	return read(p, name, Limit(name))
}

// ReadDir lists a folder.
func (f FS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := f.path("readdir", name)
	if err != nil {
		return nil, err
	}
	es, err := os.ReadDir(p)
	return es, rename(err, name)
}

// Stat returns a file's information (following links).
func (f FS) Stat(name string) (fs.FileInfo, error) {
	p, err := f.path("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(p)
	return fi, rename(err, name)
}

// rename makes a *fs.PathError name the file as the loader knows it.
func rename(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

// ReadFile reads the file at p: a regular file (links followed) of at most
// limit bytes. A named pipe or device is refused before it is opened, so
// reading never blocks on it; the file is opened without blocking and
// checked again once open, and read through a limit.
func ReadFile(p string, limit int64) ([]byte, error) {
	return read(p, p, limit)
}

func read(p, name string, limit int64) ([]byte, error) {
	f, size, err := open(p, name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, 0, size+1)
	buf := make([]byte, 32<<10)
	r := io.LimitReader(f, limit+1)
	for {
		n, err := r.Read(buf)
		data = append(data, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return data, nil
}

// ErrNotRegular is what a named pipe, device, socket or folder given as a
// file is refused with.
var ErrNotRegular = errors.New("not a regular file")

func open(p, name string, limit int64) (*os.File, int64, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, 0, rename(err, name)
	}
	if err := regular(fi, name, limit); err != nil {
		return nil, 0, err
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, rename(err, name)
	}
	// what was opened may not be what was looked at
	if fi, err = f.Stat(); err == nil {
		err = regular(fi, name, limit)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

func regular(fi fs.FileInfo, name string, limit int64) error {
	if !fi.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w (it is %s)", ErrNotRegular, kind(fi.Mode()))}
	}
	if fi.Size() > limit {
		return tooLarge(name, limit)
	}
	return nil
}

func tooLarge(name string, limit int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than the limit of %d KiB", limit>>10)}
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
