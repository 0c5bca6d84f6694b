package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
)

// ManifestName is the manifest's file name in the output folder; SumsName
// lists the same files in `sha256sum -c` format; LockName is the lock a
// build holds while it writes, and marks the folder as careprint's.
const (
	ManifestName = "manifest.json"
	SumsName     = "SHA256SUMS"
	LockName     = ".careprint-lock"
	// Generator is the manifest's "generator": how careprint recognises
	// its own manifest before it trusts anything the manifest lists.
	Generator = "careprint"
	// maxManifestSize bounds what is read of a manifest, in bytes.
	maxManifestSize = 64 << 20
)

// Manifest records what careprint wrote: per job, the hash of its inputs
// and the sha256 of each file it produced. A job whose inputs hash is
// unchanged and whose files are intact is skipped; files no longer produced
// are removed, but only files the manifest lists.
type Manifest struct {
	Generator string                 `json:"generator"`
	Version   string                 `json:"version"`
	Jobs      map[string]ManifestJob `json:"jobs"`

	stamp Stamp // the folder's check stamp, when it names this manifest
}

// Stamp is the folder's check stamp when ReadManifest read a manifest.json
// (and no shard manifests) that the stamp names; else the zero Stamp.
func (m *Manifest) Stamp() Stamp { return m.stamp }

// ManifestJob is one job's record.
type ManifestJob struct {
	Inputs string            `json:"inputs"` // sha256 of everything the job reads
	Files  map[string]string `json:"files"`  // path below out/ -> sha256
}

// ManifestError is a manifest careprint cannot trust: damaged (careprint's
// own folder, but the file does not read back as a careprint manifest), or
// foreign (a folder careprint never wrote).
type ManifestError struct {
	Path    string
	Err     error
	Foreign bool
}

func (e *ManifestError) Error() string {
	if e.Foreign {
		return fmt.Sprintf("%s: %v: this folder was not written by careprint, and careprint does not replace files it did not write: choose another --out folder, or move the file away", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: damaged manifest: %v: run the build with --force to rebuild past it (or delete the file)", e.Path, e.Err)
}

func (e *ManifestError) Unwrap() error { return e.Err }

// Sum returns the hex sha256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func isShardManifest(name string) bool {
	return strings.HasPrefix(name, "manifest.shard-") && strings.HasSuffix(name, ".json") && !strings.Contains(name, "/")
}

func isSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// readRegular reads rel below r: a regular file of at most limit bytes.
// A missing file is (nil, nil).
func (d Dir) readRegular(r *os.Root, rel string, limit int64) ([]byte, error) {
	fi, err := r.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("it is %s, not a file", kind(fi))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("it is larger than %d bytes", limit)
	}
	data, err := r.ReadFile(rel)
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// parseManifest decodes a manifest strictly and checks every entry: it is
// careprint's (generator, or the older form without it), every path is a
// clean path below the folder, every hash a sha256.
func parseManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a careprint manifest: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a careprint manifest: more than one JSON value")
	}
	switch {
	case m.Generator == Generator:
	case m.Generator == "" && m.Version != "" && m.Jobs != nil:
		// written before manifests named their generator: trusted only
		// because every entry below checks out
	default:
		return nil, fmt.Errorf("not a careprint manifest (generator %q)", m.Generator)
	}
	for _, key := range slices.Sorted(maps.Keys(m.Jobs)) {
		j := m.Jobs[key]
		if !isSum(j.Inputs) {
			return nil, fmt.Errorf("job %q: inputs %q is not a sha256", key, j.Inputs)
		}
		for _, p := range slices.Sorted(maps.Keys(j.Files)) {
			if err := ValidPath(p); err != nil {
				return nil, fmt.Errorf("job %q: %w", key, err)
			}
			if !isSum(j.Files[p]) {
				return nil, fmt.Errorf("job %q: file %q: %q is not a sha256", key, p, j.Files[p])
			}
		}
	}
	if m.Jobs == nil {
		m.Jobs = map[string]ManifestJob{}
	}
	return &m, nil
}

// shardNames lists the shard manifests below r, sorted.
func shardNames(r *os.Root) ([]string, error) {
	entries, err := fs.ReadDir(r.FS(), ".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if isShardManifest(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// ReadManifest reads Root's manifest and merges any shard manifests
// (manifest.shard-*.json) into it. A missing manifest is an empty one; one
// that is not a careprint manifest, or lists a path outside the folder, is
// a *ManifestError.
func (d Dir) ReadManifest() (*Manifest, error) {
	m := &Manifest{Generator: Generator, Jobs: map[string]ManifestJob{}}
	r, err := d.open()
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	shards, err := shardNames(r)
	if err != nil {
		return nil, err
	}
	for _, name := range append([]string{ManifestName}, shards...) {
		data, err := d.readRegular(r, name, maxManifestSize)
		if err == nil && data == nil {
			continue
		}
		if name == ManifestName && len(shards) == 0 {
			m.stamp = d.readStamp(r, Sum(data))
		}
		var part *Manifest
		if err == nil {
			part, err = parseManifest(data)
		}
		if err != nil {
			return nil, &ManifestError{Path: d.display(name), Err: err}
		}
		for k, v := range part.Jobs {
			m.Jobs[k] = v
		}
		if part.Version != "" {
			m.Version = part.Version
		}
	}
	return m, nil
}

// WriteManifest writes m as the manifest (or, for a shard, as
// manifest.shard-I-of-N.json so shards sharing a folder do not clash) and
// the SHA256SUMS of all files it lists. A full build folds shard
// manifests in and removes them. A file whose content is already right
// is left alone; one that is not (a build killed between the two) is
// rewritten, so every build ends with a SHA256SUMS that verifies. check,
// if not nil, is the check stamp of a build that checked every file m
// lists: it is put in place last, naming this manifest. Both files are
// written as they are encoded, never whole in memory: a catalog of many
// clinics makes them megabytes.
func (d Dir) WriteManifest(m *Manifest, shard string, check *Check) error {
	m.Generator = Generator
	if shard != "" {
		check.Abort()
		_, err := d.writeStream("manifest.shard-"+strings.ReplaceAll(shard, "/", "-of-")+".json", false, m.encode)
		return err
	}
	sum, err := d.writeStream(ManifestName, true, m.encode)
	if err != nil {
		return err
	}
	r, err := d.open()
	if err != nil {
		return err
	}
	shards, err := shardNames(r)
	for _, n := range shards {
		if fi, err := r.Lstat(n); err == nil && fi.Mode().IsRegular() {
			r.Remove(n)
		}
	}
	r.Close()
	if err != nil {
		return err
	}
	if _, err := d.writeStream(SumsName, true, m.writeSums); err != nil {
		return err
	}
	if check != nil {
		return check.commit(sum)
	}
	return nil
}

// encode writes m as json.MarshalIndent(m, "", "  ") does, and a newline,
// one job at a time.
func (m *Manifest) encode(w io.Writer) error {
	str := func(s string) string {
		b, _ := json.Marshal(s) // a string always encodes
		return string(b)
	}
	if _, err := fmt.Fprintf(w, "{\n  \"generator\": %s,\n  \"version\": %s,\n  \"jobs\": ", str(m.Generator), str(m.Version)); err != nil {
		return err
	}
	switch {
	case m.Jobs == nil:
		_, err := io.WriteString(w, "null\n}\n")
		return err
	case len(m.Jobs) == 0:
		_, err := io.WriteString(w, "{}\n}\n")
		return err
	}
	sep := "{\n"
	for _, key := range slices.Sorted(maps.Keys(m.Jobs)) {
		job, err := json.MarshalIndent(m.Jobs[key], "    ", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s    %s: %s", sep, str(key), job); err != nil {
			return err
		}
		sep = ",\n"
	}
	_, err := io.WriteString(w, "\n  }\n}\n")
	return err
}

// writeSums writes the SHA256SUMS of m's files, in `sha256sum -c` format.
func (m *Manifest) writeSums(w io.Writer) error {
	for _, f := range m.Files() {
		if _, err := fmt.Fprintf(w, "%s  %s\n", f[1], f[0]); err != nil {
			return err
		}
	}
	return nil
}

// writeStream writes the bookkeeping file rel (at the top of Root) from
// write, atomically, and returns the sha256 of its content. With
// ifChanged, a file already there with that content is left alone.
func (d Dir) writeStream(rel string, ifChanged bool, write func(io.Writer) error) (string, error) {
	r, err := d.open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	if _, err := d.regularOrAbsent(r, rel); err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	tmp := tmpName(rel)
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if werr == nil && ifChanged && d.sumOf(r, rel) == sum {
		r.Remove(tmp)
		return sum, nil
	}
	if werr == nil {
		werr = r.Rename(tmp, rel)
	}
	if werr != nil {
		r.Remove(tmp)
		return "", fmt.Errorf("publish %s: %w", d.display(rel), werr)
	}
	return sum, nil
}

// sumOf returns the sha256 of the regular file rel below r, read a piece
// at a time, or "" if there is none.
func (d Dir) sumOf(r *os.Root, rel string) string {
	fi, err := r.Lstat(rel)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	f, err := r.Open(rel)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Files lists every (path, sha256) of the manifest, sorted by path.
func (m *Manifest) Files() [][2]string {
	var out [][2]string
	for _, j := range m.Jobs {
		for p, s := range j.Files {
			out = append(out, [2]string{p, s})
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i][0] < out[k][0] })
	return out
}

// Intact reports whether every file of j exists in Root, as a regular
// file, with its sha256. A file the check stamp s vouches for is not read.
func (d Dir) Intact(j ManifestJob, s Stamp) bool {
	if len(j.Files) == 0 {
		return false
	}
	r, err := d.open()
	if err != nil {
		return false
	}
	defer r.Close()
	for p, want := range j.Files {
		if ValidPath(p) != nil {
			return false
		}
		if fi, err := r.Lstat(p); err == nil && fi.Mode().IsRegular() && s.vouches(fi) {
			continue
		}
		data, err := d.readRegular(r, p, 1<<30)
		if err != nil || data == nil || Sum(data) != want {
			return false
		}
	}
	return true
}

// Remove deletes a file careprint wrote (rel is a manifest path) and any
// folders it leaves empty up to Root. It removes only a regular file,
// never a link or what a link points to.
func (d Dir) Remove(rel string) error {
	if err := ValidPath(rel); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	r, err := d.open()
	if err != nil {
		return err
	}
	defer r.Close()
	exists, err := d.regularOrAbsent(r, rel)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if exists {
		if err := r.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		fi, err := r.Lstat(dir)
		if err != nil || !fi.IsDir() || r.Remove(dir) != nil { // not empty
			break
		}
	}
	return nil
}
