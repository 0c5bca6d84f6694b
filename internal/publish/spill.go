package publish

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Records holds the manifest records of the jobs a build finishes, in a
// temporary file in the output folder instead of in memory, until the
// build writes its manifest: a catalog of many clinics makes tens of
// thousands of them. The file is removed when the build is done (or, left
// by a killed build, by the next one).
type Records struct {
	d   Dir
	tmp string
	f   *os.File
	w   *bufio.Writer
	enc *json.Encoder
	n   int
}

// record is one line of the file.
type record struct {
	Key string      `json:"key"`
	Job ManifestJob `json:"job"`
}

// NewRecords starts an empty Records in Root.
func (d Dir) NewRecords() (*Records, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tmp := tmpName("records")
	f, err := r.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	w := bufio.NewWriter(f)
	return &Records{d: d, tmp: tmp, f: f, w: w, enc: json.NewEncoder(w)}, nil
}

// Add records job key's record.
func (rs *Records) Add(key string, j ManifestJob) error {
	rs.n++
	return rs.enc.Encode(record{key, j})
}

// Len is the number of records added.
func (rs *Records) Len() int { return rs.n }

// Each calls fn with every record, in the order they were added.
func (rs *Records) Each(fn func(key string, j ManifestJob)) error {
	if err := rs.w.Flush(); err != nil {
		return err
	}
	if _, err := rs.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	dec := json.NewDecoder(bufio.NewReader(rs.f))
	for {
		var r record
		err := dec.Decode(&r)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("publish: reading back the build's records: %w", err)
		}
		fn(r.Key, r.Job)
	}
	_, err := rs.f.Seek(0, io.SeekEnd)
	return err
}

// Close removes the file.
func (rs *Records) Close() {
	rs.f.Close()
	if r, err := rs.d.open(); err == nil {
		r.Remove(rs.tmp)
		r.Close()
	}
}
