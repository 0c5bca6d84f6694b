package inputfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNotOrdinaryFilesRefused: named pipes, devices, folders and files
// over the limit are refused, naming the file, without blocking.
func TestNotOrdinaryFilesRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "big.yaml"), make([]byte, MaxYAML+1), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte("a: 1\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "folder.yaml"), 0o755)
	fsys := FS{Dir: dir}
	for _, tt := range []struct{ name, want string }{
		{"pipe.yaml", "read pipe.yaml: not a regular file (it is a named pipe)"},
		{"big.yaml", "read big.yaml: larger than the limit of 1024 KiB"},
		{"folder.yaml", "read folder.yaml: not a regular file (it is a folder)"},
		{"/dev/zero", "read /dev/zero: not a regular file (it is a device)"},
		{"missing.yaml", "missing.yaml: no such file or directory"},
		{"a/../ok.yaml", "invalid argument"},
	} {
		done := make(chan error, 1)
		go func() { _, err := fs.ReadFile(fsys, tt.name); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: reading blocks", tt.name)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "pipe.yaml"), MaxYAML); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(pipe): %v", err)
	}
	if data, err := fs.ReadFile(fsys, "ok.yaml"); err != nil || string(data) != "a: 1\n" {
		t.Errorf("ok.yaml: %q %v", data, err)
	}
	// folders named by the config may lie beside its own
	sub := FS{Dir: filepath.Join(dir, "folder.yaml")}
	if data, err := fs.ReadFile(sub, "../ok.yaml"); err != nil || string(data) != "a: 1\n" {
		t.Errorf("../ok.yaml: %q %v", data, err)
	}
}
