package build

import (
	"strings"
	"testing"
)

func TestResolveShard(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, spec string
		shards     int
		index      string
		want, err  string
	}{
		{name: "none", want: ""},
		{name: "index ignored without a count", index: "3", want: ""},
		{name: "explicit", spec: "2/4", want: "2/4"},
		{name: "explicit agrees with count", spec: "2/4", shards: 4, want: "2/4"},
		{name: "index and count", spec: "3", shards: 5, want: "3/5"},
		{name: "indexed job first pod", shards: 4, index: "0", want: "1/4"},
		{name: "indexed job last pod", shards: 4, index: "3", want: "4/4"},
		{name: "index out of range", shards: 4, index: "4", err: `JOB_COMPLETION_INDEX="4": want 0 to 3`},
		{name: "index not a number", shards: 4, index: "x", err: "want 0 to 3"},
		{name: "count without index", shards: 4, err: "give --shard i (1 to 4)"},
		{name: "disagree", spec: "2/4", shards: 3, err: "disagree"},
		{name: "bad spec", spec: "5/4", err: "write it as i/n"},
		{name: "index without count", spec: "2", err: "write it as i/n"},
		{name: "negative count", shards: -1, err: "1 or more"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ResolveShard(c.spec, c.shards, c.index)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one with %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

// TestShardsSplitEvenly: every job is in exactly one shard, and the shares
// of a catalog are near equal.
func TestShardsSplitEvenly(t *testing.T) {
	t.Parallel()
	const n = 4
	counts := make([]int, n+1)
	for i := range 1000 {
		k := shardOf("clinic-"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+"/en/r"+string(rune('0'+i%10))+".pdf", n)
		if k < 1 || k > n {
			t.Fatalf("shard %d of %d", k, n)
		}
		counts[k]++
	}
	for k := 1; k <= n; k++ {
		if counts[k] < 150 || counts[k] > 350 {
			t.Errorf("shard %d holds %d of 1000 jobs", k, counts[k])
		}
	}
}
