package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the manifest's file name in the output folder; SumsName
// lists the same files in `sha256sum -c` format.
const (
	ManifestName = "manifest.json"
	SumsName     = "SHA256SUMS"
)

// Manifest records what careprint wrote: per job, the hash of its inputs
// and the sha256 of each file it produced. A job whose inputs hash is
// unchanged and whose files are intact is skipped; files no longer produced
// are removed, but only files the manifest lists.
type Manifest struct {
	Version string                 `json:"version"`
	Jobs    map[string]ManifestJob `json:"jobs"`
}

// ManifestJob is one job's record.
type ManifestJob struct {
	Inputs string            `json:"inputs"` // sha256 of everything the job reads
	Files  map[string]string `json:"files"`  // path below out/ -> sha256
}

// Sum returns the hex sha256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// ReadManifest reads Root's manifest and merges any shard manifests
// (manifest.shard-*.json) into it. A missing manifest is an empty one.
func (d Dir) ReadManifest() (*Manifest, error) {
	m := &Manifest{Jobs: map[string]ManifestJob{}}
	names, _ := filepath.Glob(filepath.Join(d.Root, "manifest.shard-*.json"))
	sort.Strings(names)
	for _, name := range append([]string{filepath.Join(d.Root, ManifestName)}, names...) {
		data, err := os.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var part Manifest
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("%s: %w: delete it and run with --force", name, err)
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
// manifests in and removes them.
func (d Dir) WriteManifest(m *Manifest, shard string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	name := ManifestName
	if shard != "" {
		name = "manifest.shard-" + strings.ReplaceAll(shard, "/", "-of-") + ".json"
	}
	if err := d.WriteFile(name, append(data, '\n')); err != nil {
		return err
	}
	if shard != "" {
		return nil
	}
	names, _ := filepath.Glob(filepath.Join(d.Root, "manifest.shard-*.json"))
	for _, n := range names {
		os.Remove(n)
	}
	var sums bytes.Buffer
	for _, f := range m.Files() {
		fmt.Fprintf(&sums, "%s  %s\n", f[1], f[0])
	}
	return d.WriteFile(SumsName, sums.Bytes())
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

// Intact reports whether every file of j exists in Root with its sha256.
func (d Dir) Intact(j ManifestJob) bool {
	if len(j.Files) == 0 {
		return false
	}
	for p, want := range j.Files {
		data, err := os.ReadFile(filepath.Join(d.Root, filepath.FromSlash(p)))
		if err != nil || Sum(data) != want {
			return false
		}
	}
	return true
}

// Remove deletes a file careprint wrote (rel is a manifest path) and any
// folders it leaves empty up to Root.
func (d Dir) Remove(rel string) error {
	if filepath.IsAbs(rel) || strings.Contains(rel, "..") {
		return fmt.Errorf("publish: %q is not a path inside the output folder", rel)
	}
	p := filepath.Join(d.Root, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	root := filepath.Clean(d.Root)
	for dir := filepath.Dir(p); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // not empty
			break
		}
	}
	return nil
}

// HasManifest reports whether Root has a manifest.
func (d Dir) HasManifest() bool {
	_, err := os.Stat(filepath.Join(d.Root, ManifestName))
	return err == nil
}
