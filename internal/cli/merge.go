package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
)

func newMergeCommand(stdout io.Writer) *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("CAREPRINT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	cmd := &cobra.Command{
		Use:   "merge [--out DIR] [--config F] SHARD_DIR...",
		Short: "Merge the output folders of shard builds (--shard) into one output folder",
		Long: `Merge the output folders of shard builds (--shard) into one output folder.

Every file the shards' manifests list is checked against its sha256 and
copied into --out; then the gallery (index.html) of the whole, from the
config the shards were built from, and one manifest.json and SHA256SUMS:
the same bytes a single build of all the jobs writes. The shards must
come from the same careprint, none may be missing or given twice, and a job
built two ways is refused; nothing is written until all of this is checked.
The merged shards are the whole catalog: files of --out's last manifest that
no shard has are removed. --out may be one of the shard folders.`,
		Example: `  careprint build --shard 1/2 --out shard-1
  careprint build --shard 2/2 --out shard-2
  careprint merge --out out shard-1 shard-2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			out := v.GetString("out")
			proj, err := build.LoadContext(cmd.Context(), v.GetString("config"), careprint.Files)
			if err != nil {
				return usageError{err}
			}
			sum, err := proj.Merge(out, dirs)
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintf(stdout, "%d jobs merged: %d written, %d unchanged, %d removed (%s)\n", sum.Jobs, sum.Written, sum.Unchanged, sum.Removed, out)
			return nil
		},
	}
	cmd.Flags().String("out", "out", "the output folder to merge into")
	cmd.Flags().String("config", "", "the config the shards were built from, for the gallery's titles (default: ./config.yaml, else the built-in default)")
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		panic(err) // flags are static: this cannot fail at run time
	}
	return cmd
}
