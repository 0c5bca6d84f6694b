//go:build linux

package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// afterTick waits until the filesystem's clock, as it stamps files in
// dir, has moved past the ctime of the file at path (a clock tick is a
// few milliseconds, a second on some filesystems).
func afterTick(t *testing.T, dir, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	must(t, err)
	_, _, c, _ := fileTimes(fi)
	probe := filepath.Join(dir, "probe")
	for {
		must(t, os.WriteFile(probe, nil, 0o644))
		pi, err := os.Lstat(probe)
		must(t, err)
		if _, _, pc, _ := fileTimes(pi); pc.After(c) {
			must(t, os.Remove(probe))
			return
		}
	}
}

// checkedBuild writes files, then, as a build that checks them all, the
// manifest with its check stamp, and returns the stamp as read back.
func checkedBuild(t *testing.T, d Dir, files map[string]string) (*Manifest, Stamp) {
	t.Helper()
	m := &Manifest{Version: "1", Jobs: map[string]ManifestJob{}}
	for name, data := range files {
		must(t, d.WriteFile(name, []byte(data)))
		m.Jobs[name] = ManifestJob{Inputs: sumA, Files: map[string]string{name: Sum([]byte(data))}}
		afterTick(t, t.TempDir(), filepath.Join(d.Root, name))
	}
	c, err := d.BeginCheck()
	must(t, err)
	if c == nil {
		t.Fatal("BeginCheck: no stamp on linux")
	}
	must(t, d.WriteManifest(m, "", c))
	got, err := d.ReadManifest()
	must(t, err)
	return got, got.Stamp()
}

func TestStampVouchesForFilesCheckedBeforeIt(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	m, s := checkedBuild(t, d, map[string]string{"c/a.pdf": "AAAA", "c/b.pdf": "BBBB"})
	if !s.ok {
		t.Fatal("no stamp read back")
	}
	for _, name := range []string{"c/a.pdf", "c/b.pdf"} {
		fi, err := os.Lstat(filepath.Join(out, name))
		must(t, err)
		if !s.vouches(fi) {
			t.Errorf("%s: not vouched for", name)
		}
		if !d.Intact(m.Jobs[name], s) {
			t.Errorf("%s: not intact", name)
		}
	}
	// edited in place, same size, its mtime set back: the ctime tells
	p := filepath.Join(out, "c/a.pdf")
	fi, _ := os.Lstat(p)
	must(t, os.WriteFile(p, []byte("XXXX"), 0o644))
	must(t, os.Chtimes(p, fi.ModTime(), fi.ModTime()))
	fi, _ = os.Lstat(p)
	if s.vouches(fi) {
		t.Error("a file edited after the stamp is vouched for")
	}
	if d.Intact(m.Jobs["c/a.pdf"], s) {
		t.Error("a file edited after the stamp is intact")
	}
	// replaced by a copy of the other file renamed over it
	must(t, os.Link(filepath.Join(out, "c/b.pdf"), filepath.Join(out, "c/copy")))
	must(t, os.Rename(filepath.Join(out, "c/copy"), p))
	if d.Intact(m.Jobs["c/a.pdf"], s) {
		t.Error("a file replaced after the stamp is intact")
	}
	check()
}

func TestStampNamesItsManifest(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	m, s := checkedBuild(t, d, map[string]string{"c/a.pdf": "AAAA"})
	if !s.ok {
		t.Fatal("no stamp read back")
	}
	// a manifest written without a check (a filtered build) voids it
	m.Jobs["c/b.pdf"] = ManifestJob{Inputs: sumA, Files: map[string]string{"c/b.pdf": sumA}}
	must(t, d.WriteManifest(m, "", nil))
	got, err := d.ReadManifest()
	must(t, err)
	if got.Stamp().ok {
		t.Error("a stamp vouches for a manifest it did not check")
	}
	// so do shard manifests beside the one it names
	_, s = checkedBuild(t, d, map[string]string{"c/a.pdf": "AAAA"})
	if !s.ok {
		t.Fatal("no stamp read back")
	}
	must(t, d.WriteManifest(&Manifest{Version: "1", Jobs: map[string]ManifestJob{}}, "1/2", nil))
	got, err = d.ReadManifest()
	must(t, err)
	if got.Stamp().ok {
		t.Error("a stamp vouches with a shard manifest beside its manifest")
	}
	// an aborted check leaves no file behind, and the stamp in place
	c, err := d.BeginCheck()
	must(t, err)
	c.Abort()
	if _, err := os.Lstat(filepath.Join(out, CheckedName)); err != nil {
		t.Errorf("the stamp in place went with an aborted check: %v", err)
	}
	for name := range readTree(t, out) {
		if strings.Contains(name, tmpMark) {
			t.Errorf("%s left behind", name)
		}
	}
	if err := ValidPath(CheckedName); err == nil {
		t.Errorf("ValidPath(%q): no error", CheckedName)
	}
	check()
}

// TestFinishVouchesForWhatTheBuildWrote: files a build writes after its
// check began are looked at once more at its end, so the next build
// need not read them; one changed meanwhile leaves no stamp.
func TestFinishVouchesForWhatTheBuildWrote(t *testing.T) {
	t.Parallel()
	out, _, check := setup(t)
	d := Dir{Root: out}
	c, err := d.BeginCheck()
	must(t, err)
	m := &Manifest{Version: "1", Jobs: map[string]ManifestJob{}}
	for _, name := range []string{"c/a.pdf", "c/b.pdf"} {
		must(t, d.WriteFile(name, []byte(name)))
		m.Jobs[name] = ManifestJob{Inputs: sumA, Files: map[string]string{name: Sum([]byte(name))}}
	}
	afterTick(t, t.TempDir(), filepath.Join(out, "c/b.pdf"))
	next, err := c.Finish(m)
	must(t, err)
	if next == nil {
		t.Fatal("Finish: no stamp for intact files")
	}
	must(t, d.WriteManifest(m, "", next))
	got, err := d.ReadManifest()
	must(t, err)
	for name := range m.Jobs {
		fi, err := os.Lstat(filepath.Join(out, name))
		must(t, err)
		if !got.Stamp().vouches(fi) {
			t.Errorf("%s, written by the build, not vouched for", name)
		}
	}
	// a file changed while the build ran: no stamp
	c, err = d.BeginCheck()
	must(t, err)
	must(t, os.WriteFile(filepath.Join(out, "c/a.pdf"), []byte("changed"), 0o644))
	if next, err := c.Finish(m); err != nil || next != nil {
		t.Errorf("Finish over a changed file = %v, %v, want no stamp", next, err)
	}
	for name := range readTree(t, out) {
		if strings.Contains(name, tmpMark) {
			t.Errorf("%s left behind", name)
		}
	}
	check()
}
