package build

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/careprint/careprint/internal/publish"
)

// MergeSummary counts what a merge did.
type MergeSummary struct {
	Jobs      int // jobs in the merged manifest
	Written   int // files copied into the destination
	Unchanged int // files already there with the right content
	Removed   int // files of the destination's last manifest no input lists
}

// Merge gathers the output folders of shard builds (or of any builds)
// into dst: every file their manifests list, checked against its sha256,
// then the gallery of the whole (from p's config, as a build writes it),
// one manifest.json and SHA256SUMS: the same bytes a single build of all
// the jobs writes. The inputs must agree: one
// careprint version, no job built two ways, and, if they are shards, every
// shard of the count present. Nothing is written until every input is
// checked. The merged inputs are the whole catalog: files the
// destination's last manifest lists that no input has are removed, as a
// full build does. dst may be one of srcs.
func (p *Project) Merge(dst string, srcs []string) (MergeSummary, error) {
	var sum MergeSummary
	if len(srcs) == 0 {
		return sum, fmt.Errorf("merge: name the shard output folders to merge")
	}
	merged := &publish.Manifest{Jobs: map[string]publish.ManifestJob{}}
	from := map[string]string{} // job key -> source folder
	var version, versionFrom string
	count, countFrom := 0, ""
	seen := map[int]string{} // shard index -> manifest file
	for _, src := range srcs {
		parts, err := publish.Dir{Root: src}.Parts()
		if err != nil {
			return sum, err
		}
		for _, part := range parts {
			if version == "" {
				version, versionFrom = part.Version, part.Path
			} else if part.Version != version {
				return sum, fmt.Errorf("%s: careprint %s, but %s is careprint %s: build every shard with the same careprint", part.Path, part.Version, versionFrom, version)
			}
			if part.Count > 0 {
				if count == 0 {
					count, countFrom = part.Count, part.Path
				} else if part.Count != count {
					return sum, fmt.Errorf("%s: a shard of %d, but %s is a shard of %d: merge the shards of one build", part.Path, part.Count, countFrom, count)
				}
				if other, ok := seen[part.Shard]; ok {
					return sum, fmt.Errorf("%s: shard %d of %d is also in %s: give each shard once", part.Path, part.Shard, part.Count, other)
				}
				seen[part.Shard] = part.Path
			}
			for _, key := range slices.Sorted(maps.Keys(part.Jobs)) {
				if key == galleryKey {
					continue // the gallery of a part: the whole's is made below
				}
				job := part.Jobs[key]
				if part.Count > 0 && shardOf(key, part.Count) != part.Shard {
					return sum, fmt.Errorf("%s: job %s belongs to shard %d of %d, not %d: the folder holds an earlier build; build each shard into an empty folder", part.Path, key, shardOf(key, part.Count), part.Count, part.Shard)
				}
				if old, ok := merged.Jobs[key]; ok && !sameJob(old, job) {
					return sum, fmt.Errorf("%s: job %s differs from the one in %s: were the shards built from the same config and careprint?", part.Path, key, from[key])
				}
				merged.Jobs[key] = job
				from[key] = src
			}
		}
	}
	if count > 0 {
		var missing []string
		for i := 1; i <= count; i++ {
			if _, ok := seen[i]; !ok {
				missing = append(missing, fmt.Sprint(i))
			}
		}
		if len(missing) > 0 {
			return sum, fmt.Errorf("merge: shard %s of %d missing (found %d of %d): name every shard's folder", strings.Join(missing, ", "), count, len(seen), count)
		}
	}
	// every file present and intact before anything is written
	for _, key := range slices.Sorted(maps.Keys(merged.Jobs)) {
		for name, want := range merged.Jobs[key].Files {
			if _, err := readChecked(from[key], name, want); err != nil {
				return sum, err
			}
		}
	}
	out := publish.Dir{Root: dst}
	release, err := out.Acquire()
	if err != nil {
		return sum, err
	}
	defer release()
	// a merge checks every file it keeps, hashing it or writing it
	check, err := out.BeginCheck()
	if err != nil {
		return sum, err
	}
	defer check.Abort() // nothing left to remove once the stamp is in place
	prev, err := out.ReadManifest()
	if err != nil {
		return sum, err
	}
	for _, key := range slices.Sorted(maps.Keys(merged.Jobs)) {
		for _, name := range slices.Sorted(maps.Keys(merged.Jobs[key].Files)) {
			want := merged.Jobs[key].Files[name]
			if _, err := readChecked(dst, name, want); err == nil {
				sum.Unchanged++
				continue
			}
			data, err := readChecked(from[key], name, want)
			if err != nil {
				return sum, err
			}
			if err := out.WriteFile(name, data); err != nil {
				return sum, err
			}
			sum.Written++
		}
	}
	if err := p.publishGallery(out, merged); err != nil {
		return sum, err
	}
	keep := map[string]bool{}
	for _, f := range merged.Files() {
		keep[f[0]] = true
	}
	for _, f := range prev.Files() {
		if keep[f[0]] {
			continue
		}
		if err := out.Remove(f[0]); err != nil {
			return sum, err
		}
		sum.Removed++
	}
	merged.Version = version
	sum.Jobs = len(merged.Jobs) - 1 // the gallery is not a job
	if check, err = check.Finish(merged); err != nil {
		check = nil // no stamp: the next build reads the files again
	}
	defer check.Abort()
	return sum, out.WriteManifest(merged, "", check)
}

// readChecked reads the manifest path name below root and checks its sha256.
func readChecked(root, name, want string) ([]byte, error) {
	if filepath.IsAbs(name) || strings.Contains(name, "..") {
		return nil, fmt.Errorf("%s: manifest path %q is not inside the folder", root, name)
	}
	p := filepath.Join(root, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("merge: %w: the manifest lists it; rebuild that shard", err)
	}
	if publish.Sum(data) != want {
		return nil, fmt.Errorf("merge: %s: content differs from its manifest's sha256 (changed after the build?); rebuild that shard", p)
	}
	return data, nil
}

// sameJob reports whether two manifest records are the same build of a job.
func sameJob(a, b publish.ManifestJob) bool {
	return a.Inputs == b.Inputs && maps.Equal(a.Files, b.Files)
}
