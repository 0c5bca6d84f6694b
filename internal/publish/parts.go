package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Part is one manifest file of an output folder: the manifest of a whole
// build, or of one shard.
type Part struct {
	Path         string // the manifest file
	Shard, Count int    // i of n for manifest.shard-i-of-n.json; 0, 0 for manifest.json
	*Manifest
}

// Parts reads Root's manifest files one by one (manifest.json first, then
// the shard manifests by name), without merging them. A folder with none
// is an error: it is not a careprint output folder.
func (d Dir) Parts() ([]Part, error) {
	names, _ := filepath.Glob(filepath.Join(d.Root, "manifest.shard-*.json"))
	sort.Strings(names)
	var parts []Part
	for _, name := range append([]string{filepath.Join(d.Root, ManifestName)}, names...) {
		data, err := os.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		p := Part{Path: name, Manifest: &Manifest{}}
		if err := json.Unmarshal(data, p.Manifest); err != nil {
			return nil, fmt.Errorf("%s: %w: it is not a manifest careprint wrote", name, err)
		}
		if name != filepath.Join(d.Root, ManifestName) {
			base := filepath.Base(name)
			if n, _ := fmt.Sscanf(base, "manifest.shard-%d-of-%d.json", &p.Shard, &p.Count); n != 2 ||
				base != fmt.Sprintf("manifest.shard-%d-of-%d.json", p.Shard, p.Count) {
				return nil, fmt.Errorf("%s: not a shard manifest name (manifest.shard-I-of-N.json)", name)
			}
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%s: no %s or manifest.shard-*.json: not a careprint output folder", d.Root, ManifestName)
	}
	return parts, nil
}
