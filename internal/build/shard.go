package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// ShardEnv is the variable a Kubernetes Indexed Job sets in each pod: the
// pod's completion index, 0 to completions-1.
const ShardEnv = "JOB_COMPLETION_INDEX"

// ResolveShard turns what the command line was given into a shard spec
// "i/n" (1-based), or "" for no sharding. spec is --shard: "i/n", or "i"
// with the count from shards (--shards, CAREPRINT_SHARDS). With shards set
// and no spec, the index is a Kubernetes Indexed Job's completion index
// (index, 0-based, from JOB_COMPLETION_INDEX).
func ResolveShard(spec string, shards int, index string) (string, error) {
	if shards < 0 {
		return "", fmt.Errorf("--shards %d: give the number of shards, 1 or more", shards)
	}
	if spec == "" {
		if shards == 0 {
			return "", nil
		}
		if index == "" {
			return "", fmt.Errorf("--shards %d: which shard is this? give --shard i (1 to %d), or run as a Kubernetes Indexed Job (it sets %s)", shards, shards, ShardEnv)
		}
		k, err := strconv.Atoi(index)
		if err != nil || k < 0 || k >= shards {
			return "", fmt.Errorf("%s=%q: want 0 to %d for --shards %d (set the Indexed Job's completions to the shard count)", ShardEnv, index, shards-1, shards)
		}
		return fmt.Sprintf("%d/%d", k+1, shards), nil
	}
	if !strings.Contains(spec, "/") && shards > 0 {
		spec += "/" + strconv.Itoa(shards)
	}
	_, n, err := parseShard(spec)
	if err != nil {
		return "", err
	}
	if shards > 0 && n != shards {
		return "", fmt.Errorf("--shard %s and --shards %d disagree on the number of shards", spec, shards)
	}
	return spec, nil
}

// parseShard reads "i/n" with 1 <= i <= n.
func parseShard(spec string) (i, n int, err error) {
	a, b, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: write it as i/n with 1 <= i <= n, e.g. 2/4 (or i with --shards n)", spec)
	}
	return i, n, nil
}

// shardOf returns the share (1 to n) a job's manifest key belongs to: from
// a sha256 of the key, as every bit of it mixes every byte of the key
// (FNV-1a modulo a power of two depends on the keys' low bits only).
func shardOf(key string, n int) int {
	h := sha256.Sum256([]byte(key))
	return int(binary.BigEndian.Uint64(h[:8])%uint64(n)) + 1
}
