package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// decoys makes a folder outside the output folder with files a careless
// or hostile output folder might point at, and returns a check that every
// one of them is still there, byte for byte, and nothing was added.
func decoys(t *testing.T, dir string) func() {
	t.Helper()
	files := map[string]string{
		"decoy.txt":        "the user's own notes\n",
		"manifest.json":    `{"name": "my app"}` + "\n",
		"SHA256SUMS":       "0000  decoy.txt\n",
		"sub/precious.pdf": "%PDF-1.4 not careprint's\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		t.Helper()
		got := readTree(t, dir)
		if !maps.Equal(got, files) {
			t.Errorf("files outside the output folder changed:\ngot  %q\nwant %q", got, files)
		}
	}
}

// readTree returns every regular file below dir (slash paths) and its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// setup returns an output folder and a decoy folder beside it.
func setup(t *testing.T) (out, outside string, check func()) {
	t.Helper()
	base := t.TempDir()
	out, outside = filepath.Join(base, "out"), filepath.Join(base, "outside")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out, outside, decoys(t, outside)
}

const sumA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func TestSymlinksAreNeverFollowed(t *testing.T) {
	t.Parallel()
	out, outside, check := setup(t)
	d := Dir{Root: out}
	// a folder link and a file link that lead out of out/
	must(t, os.Symlink(outside, filepath.Join(out, "clinic")))
	must(t, os.Symlink(filepath.Join(outside, "decoy.txt"), filepath.Join(out, "a.pdf")))
	must(t, os.Symlink(filepath.Join(outside, "sub"), filepath.Join(out, "inner")))
	for _, rel := range []string{"clinic/decoy.txt", "clinic/new.pdf", "a.pdf", "inner/precious.pdf"} {
		if err := d.WriteFile(rel, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) through a link: no error", rel)
		}
		if err := d.Remove(rel); err == nil && rel != "clinic/new.pdf" {
			t.Errorf("Remove(%q) through a link: no error", rel)
		}
	}
	if d.Intact(ManifestJob{Inputs: sumA, Files: map[string]string{"a.pdf": Sum([]byte("the user's own notes\n"))}}, Stamp{}) {
		t.Error("Intact follows a link to a file outside")
	}
	// the manifest and SHA256SUMS themselves as links out
	must(t, os.Symlink(filepath.Join(outside, "manifest.json"), filepath.Join(out, ManifestName)))
	must(t, os.Symlink(filepath.Join(outside, "SHA256SUMS"), filepath.Join(out, SumsName)))
	if _, err := d.Acquire(); err == nil {
		t.Error("Acquire: a linked manifest is taken for careprint's")
	}
	if err := d.WriteManifest(&Manifest{Jobs: map[string]ManifestJob{}}, "", nil); err == nil {
		t.Error("WriteManifest writes through a link")
	}
	check()
}

func TestManifestPathsOutsideAreRefused(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"../outside/decoy.txt", "/etc/passwd", "a/../../outside/decoy.txt", "./a.pdf", "a//b.pdf", `..\outside\decoy.txt`, "", ManifestName, SumsName, LockName, ".a.pdf.tmp-123"} {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			out, _, check := setup(t)
			d := Dir{Root: out}
			man := `{"generator":"careprint","version":"0.1.0","jobs":{"x.pdf":{"inputs":"` + sumA + `","files":{` + quote(p) + `:"` + sumA + `"}}}}`
			must(t, os.WriteFile(filepath.Join(out, ManifestName), []byte(man), 0o644))
			must(t, os.WriteFile(filepath.Join(out, LockName), nil, 0o644))
			_, err := d.ReadManifest()
			var merr *ManifestError
			if !errors.As(err, &merr) || merr.Foreign || !strings.Contains(err.Error(), filepath.Join(out, ManifestName)) || !strings.Contains(err.Error(), "--force") {
				t.Errorf("ReadManifest: %v, want a damaged-manifest error naming it and --force", err)
			}
			if err := d.Remove(p); err == nil {
				t.Errorf("Remove(%q): no error", p)
			}
			if err := d.WriteFile(p, []byte("x")); err == nil {
				t.Errorf("WriteFile(%q): no error", p)
			}
			check()
		})
	}
}

func TestSpecialFilesAreNotRemoved(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	must(t, syscall.Mkfifo(filepath.Join(out, "pipe.pdf"), 0o644))
	must(t, os.MkdirAll(filepath.Join(out, "dir.pdf", "keep"), 0o755))
	for _, rel := range []string{"pipe.pdf", "dir.pdf"} {
		if err := d.Remove(rel); err == nil || !strings.Contains(err.Error(), "move it away") {
			t.Errorf("Remove(%q): %v, want a refusal", rel, err)
		}
		if d.Intact(ManifestJob{Inputs: sumA, Files: map[string]string{rel: sumA}}, Stamp{}) {
			t.Errorf("Intact(%q): true", rel)
		}
		if _, err := os.Lstat(filepath.Join(out, rel)); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
	}
	check()
}

func TestForeignFolderIsRefused(t *testing.T) {
	t.Parallel()
	for name, files := range map[string]map[string]string{
		"their manifest":       {ManifestName: `{"name": "my app", "version": "2"}`},
		"not JSON":             {ManifestName: "hello"},
		"sums only":            {SumsName: "0000  notes.txt\n"},
		"jobs without sha256s": {ManifestName: `{"version":"1","jobs":{"a":{"inputs":"x","files":{"notes.txt":"y"}}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, _, check := setup(t)
			for n, data := range files {
				must(t, os.WriteFile(filepath.Join(out, n), []byte(data), 0o644))
			}
			files["notes.txt"] = "mine\n"
			must(t, os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine\n"), 0o644))
			_, err := Dir{Root: out}.Acquire()
			var merr *ManifestError
			if !errors.As(err, &merr) || !merr.Foreign || !strings.Contains(err.Error(), "not written by careprint") {
				t.Fatalf("Acquire: %v, want a foreign-folder error", err)
			}
			if got := readTree(t, out); !maps.Equal(got, files) {
				t.Errorf("the folder changed:\ngot  %q\nwant %q", got, files)
			}
			check()
		})
	}
}

func TestLockAndLeftovers(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	must(t, os.MkdirAll(filepath.Join(out, "c", "en"), 0o755))
	must(t, os.WriteFile(filepath.Join(out, "c", "en", ".tbml.pdf.tmp-1a2b"), []byte("half"), 0o644))
	release, err := d.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "c", "en", ".tbml.pdf.tmp-1a2b")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("leftover temporary file not removed: %v", err)
	}
	if _, err := d.Acquire(); err == nil || !strings.Contains(err.Error(), "another careprint build is writing to") {
		t.Errorf("second Acquire: %v, want a refusal", err)
	}
	release()
	release2, err := d.Acquire()
	if err != nil {
		t.Fatalf("Acquire after release: %v", err)
	}
	release2()
	if _, err := (Dir{}).Acquire(); err == nil {
		t.Error("Acquire with no folder: no error")
	}
	check()
}

func TestSumsSetRightAfterAKill(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	must(t, d.WriteFile("c/a.pdf", []byte("A")))
	m := &Manifest{Version: "1", Jobs: map[string]ManifestJob{"c/a.pdf": {Inputs: sumA, Files: map[string]string{"c/a.pdf": Sum([]byte("A"))}}}}
	must(t, d.WriteManifest(m, "", nil))
	// a build killed between the manifest and SHA256SUMS
	must(t, os.WriteFile(filepath.Join(out, SumsName), []byte("stale\n"), 0o644))
	got, err := d.ReadManifest()
	must(t, err)
	must(t, d.WriteManifest(got, "", nil))
	data, _ := os.ReadFile(filepath.Join(out, SumsName))
	if want := Sum([]byte("A")) + "  c/a.pdf\n"; string(data) != want {
		t.Errorf("SHA256SUMS = %q, want %q", data, want)
	}
	must(t, d.Remove("c/a.pdf"))
	if _, err := os.Stat(filepath.Join(out, "c")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("empty folder left after Remove")
	}
	check()
}

func quote(s string) string {
	b := strings.Builder{}
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestManifestEncodedAsMarshalIndent: the manifest, written a job at a
// time, has the bytes json.MarshalIndent gives the whole.
func TestManifestEncodedAsMarshalIndent(t *testing.T) {
	t.Parallel()
	many := map[string]ManifestJob{}
	for i := range 50 {
		key := fmt.Sprintf("c%d/l<&>/r\u00e9%d.pdf", i%7, i)
		many[key] = ManifestJob{Inputs: sumA, Files: map[string]string{key: sumA, key + ".thumb.png": sumA, fmt.Sprintf("c/%d\"q\".png", i): sumA}}
	}
	for name, m := range map[string]*Manifest{
		"nil jobs":   {Generator: Generator, Version: "1"},
		"no jobs":    {Generator: Generator, Version: "1", Jobs: map[string]ManifestJob{}},
		"nil files":  {Generator: Generator, Jobs: map[string]ManifestJob{"a/b/c.pdf": {Inputs: sumA}}},
		"no files":   {Generator: Generator, Jobs: map[string]ManifestJob{"a/b/c.pdf": {Inputs: sumA, Files: map[string]string{}}}},
		"many":       {Generator: Generator, Version: "0.1.0", Jobs: many},
		"html, tabs": {Generator: "<x>", Version: "1\t2", Jobs: map[string]ManifestJob{"index.html": {Inputs: "&", Files: map[string]string{"index.html": "\u2028"}}}},
	} {
		want, err := json.MarshalIndent(m, "", "  ")
		must(t, err)
		want = append(want, '\n')
		var got bytes.Buffer
		must(t, m.encode(&got))
		if got.String() != string(want) {
			t.Errorf("%s:\ngot  %s\nwant %s", name, got.String(), want)
		}
	}
}
