package publish

import (
	"io/fs"
	"os"
	"time"
)

// CheckedName is the folder's check stamp. Its modification time is when
// the last build (or merge) that checked every file the manifest it wrote
// lists took its last look at them (see Check.Finish); its content is the
// sha256 of that manifest.json. A file the stamp vouches for is not read
// again to tell that it is intact (see Stamp).
const CheckedName = ".careprint-checked"

// Stamp is what a folder's check stamp vouches for: that every file the
// manifest lists whose status change time (ctime) and modification time
// are both older than the stamp, on the stamp's filesystem, has the
// sha256 the manifest gives it. It holds because
//   - the stamp's time was taken from the filesystem itself (a file
//     created before the build's last look at every file, see
//     Check.Finish), so it is on the clock and in the units that stamp
//     the files, whatever their granularity: an edit made after that
//     look, even in the same clock tick, gives the file a ctime no older
//     than the stamp, and the file is hashed;
//   - nothing sets a ctime back (touch and utimes set it to now), a
//     rename or a new link changes it, and an edit in place changes it
//     whatever its size or mtime afterwards;
//   - the stamp names the exact manifest it was checked against: a
//     manifest changed since (another build, a merge, a hand edit) or
//     shard manifests beside it void it, and every file is hashed.
//
// What it cannot see: a system clock set back between two builds, or a
// file system that does not keep ctime. The zero Stamp vouches for
// nothing.
type Stamp struct {
	time time.Time // the stamp's mtime
	dev  uint64
	ok   bool
}

// vouches reports whether s vouches for the file fi describes.
func (s Stamp) vouches(fi fs.FileInfo) bool {
	if !s.ok {
		return false
	}
	dev, mtime, ctime, ok := fileTimes(fi)
	return ok && dev == s.dev && mtime.Before(s.time) && ctime.Before(s.time)
}

// readStamp reads r's check stamp and returns it when it names the
// manifest whose sha256 is sum.
func (d Dir) readStamp(r *os.Root, sum string) Stamp {
	data, err := d.readRegular(r, CheckedName, 1024)
	if err != nil || string(data) != sum+"\n" {
		return Stamp{}
	}
	fi, err := r.Lstat(CheckedName)
	if err != nil || !fi.Mode().IsRegular() {
		return Stamp{}
	}
	dev, mtime, _, ok := fileTimes(fi)
	return Stamp{time: mtime, dev: dev, ok: ok}
}

// Check is a check stamp being made: begun before the build checks
// anything, finished with a last look at every file (Finish), put in
// place with the manifest it checked (WriteManifest).
type Check struct {
	d    Dir
	tmp  string
	time time.Time
	dev  uint64
}

// BeginCheck starts a check stamp: a build that will check every file of
// the manifest it writes calls it before it checks any, and gives what
// Finish returns to WriteManifest. Where the filesystem keeps no times careprint
// can read, it returns nil: no stamp, every file is hashed.
func (d Dir) BeginCheck() (*Check, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tmp := tmpName(CheckedName)
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	f.Close()
	if err != nil {
		r.Remove(tmp)
		return nil, err
	}
	dev, mtime, _, ok := fileTimes(fi)
	if !ok {
		r.Remove(tmp)
		return nil, nil
	}
	return &Check{d: d, tmp: tmp, time: mtime, dev: dev}, nil
}

// Finish checks again, at the end of the build that began c, every file
// m lists: one changed before c began (older ctime and mtime) was checked
// by the build and is as it was; any other (written by the build, or
// changed while it ran) is hashed. It returns a Check begun before this
// second look, for WriteManifest, so that the files the build wrote are
// vouched for by the next build too (with c, they would be read again
// once); nil, with no stamp, if a file is not as m says.
func (c *Check) Finish(m *Manifest) (*Check, error) {
	if c == nil {
		return nil, nil
	}
	next, err := c.d.BeginCheck()
	if err != nil || next == nil {
		return nil, err
	}
	c.Abort()
	began := Stamp{time: c.time, dev: c.dev, ok: true}
	for _, j := range m.Jobs {
		if !c.d.Intact(j, began) {
			next.Abort()
			return nil, nil
		}
	}
	return next, nil
}

// commit puts the stamp in place for the manifest whose sha256 is sum,
// with the time the check began.
func (c *Check) commit(sum string) error {
	r, err := c.d.open()
	if err != nil {
		return err
	}
	defer r.Close()
	if _, err := c.d.regularOrAbsent(r, CheckedName); err != nil {
		return err
	}
	err = r.WriteFile(c.tmp, []byte(sum+"\n"), 0o644)
	if err == nil {
		err = r.Chtimes(c.tmp, c.time, c.time)
	}
	if err == nil {
		err = r.Rename(c.tmp, CheckedName)
	}
	if err != nil {
		r.Remove(c.tmp)
	}
	return err
}

// Abort removes a stamp that was begun: the build did not check every
// file. The stamp already in place, if any, stays: it still vouches for
// what it did.
func (c *Check) Abort() {
	if c == nil {
		return
	}
	if r, err := c.d.open(); err == nil {
		r.Remove(c.tmp) // if it fails, the next build removes the leftover
		r.Close()
	}
}
