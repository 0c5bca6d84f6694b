package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
)

// Part is one manifest file of an output folder: the manifest of a whole
// build, or of one shard.
type Part struct {
	Path         string // the manifest file, for messages
	Shard, Count int    // i of n for manifest.shard-i-of-n.json; 0, 0 for manifest.json
	*Manifest
}

// Parts reads Root's manifest files one by one (manifest.json first, then
// the shard manifests by name), each checked as ReadManifest checks it,
// without merging them. A folder with none is an error: it is not a
// careprint output folder.
func (d Dir) Parts() ([]Part, error) {
	r, err := d.open()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such folder", d.Root)
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	shards, err := shardNames(r)
	if err != nil {
		return nil, err
	}
	var parts []Part
	for _, name := range append([]string{ManifestName}, shards...) {
		data, err := d.readRegular(r, name, maxManifestSize)
		if err == nil && data == nil {
			continue
		}
		p := Part{Path: d.display(name)}
		if err == nil {
			p.Manifest, err = parseManifest(data)
		}
		if err != nil {
			return nil, &ManifestError{Path: d.display(name), Err: err}
		}
		if name != ManifestName {
			if n, _ := fmt.Sscanf(name, "manifest.shard-%d-of-%d.json", &p.Shard, &p.Count); n != 2 ||
				name != fmt.Sprintf("manifest.shard-%d-of-%d.json", p.Shard, p.Count) {
				return nil, fmt.Errorf("%s: not a shard manifest name (manifest.shard-I-of-N.json)", d.display(name))
			}
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%s: no %s or manifest.shard-*.json: not a careprint output folder", filepath.Clean(d.Root), ManifestName)
	}
	return parts, nil
}
