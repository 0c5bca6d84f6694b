package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"golang.org/x/term"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/publish"
	"github.com/careprint/careprint/internal/yamlx"
)

// buildFlags are the build command's settings after flags, environment and
// config are layered.
type buildFlags struct {
	config, out, clinic, lang, routine, format string
	shard, completionIndex                     string
	jobs, shards                               int
	quiet, large, force                        bool
}

func newBuildCommand(stdout, stderr io.Writer) *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("CAREPRINT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Render the configured handouts (PDF) and step cards (PNG) into the output folder",
		Example: `  careprint build                         # config.yaml (or the built-in default) into out/
  careprint build --clinic riverside --lang es --routine tbml --format pdf
  CAREPRINT_OUT=/tmp/handouts careprint build
  careprint build --shard 2/4 --out shard-2   # then: careprint merge --out out shard-*
  CAREPRINT_SHARDS=4 careprint build          # in a Kubernetes Indexed Job of 4 completions`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := buildFlags{
				config: v.GetString("config"), out: v.GetString("out"),
				clinic: v.GetString("clinic"), lang: v.GetString("lang"),
				routine: v.GetString("routine"), format: v.GetString("format"),
				jobs: v.GetInt("jobs"), quiet: v.GetBool("quiet"), large: v.GetBool("large-print"),
				force: v.GetBool("force"), shard: v.GetString("shard"),
				shards: v.GetInt("shards"), completionIndex: v.GetString("completion-index"),
			}
			return runBuild(cmd, f, v.IsSet("out"), stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.String("config", "", "config file (default: ./config.yaml, else the built-in default)")
	fl.String("out", "", "output folder (default: the config's out, \"out\")")
	fl.String("clinic", "", "build only this clinic id")
	fl.String("lang", "", "build only this language")
	fl.String("routine", "", "build only this routine id")
	fl.String("format", "", "build only this format: pdf or png")
	fl.Int("jobs", 0, "parallel workers (default: one per core)")
	fl.BoolP("quiet", "q", false, "print only errors and the summary")
	fl.Bool("large-print", false, "large print for every clinic: 18 pt text, one column, larger pictures")
	fl.Bool("force", false, "rebuild everything, even what is unchanged since the last build")
	fl.String("shard", "", "build only share i of n of the jobs (i/n, or i with --shards n), e.g. for a CI matrix; merge the shards with careprint merge")
	fl.Int("shards", 0, "the number of shards; without --shard, this pod's share is a Kubernetes Indexed Job's JOB_COMPLETION_INDEX")
	if err := v.BindPFlags(fl); err != nil {
		panic(err) // flags are static: this cannot fail at run time
	}
	if err := v.BindEnv("completion-index", build.ShardEnv); err != nil {
		panic(err) // a static key: this cannot fail at run time
	}
	return cmd
}

func runBuild(cmd *cobra.Command, f buildFlags, outSet bool, stdout, stderr io.Writer) error {
	if f.format != "" && f.format != "pdf" && f.format != "png" {
		return usageError{fmt.Errorf("--format %q: use pdf or png", f.format)}
	}
	shard, err := build.ResolveShard(f.shard, f.shards, f.completionIndex)
	if err != nil {
		return usageError{err}
	}
	proj, err := build.LoadContext(cmd.Context(), f.config, careprint.Files)
	if err != nil {
		return usageError{err} // a config, routine or catalog file, or a logo, needs fixing
	}
	opts := build.Options{
		Out: proj.Config.Out, Clinic: f.clinic, Lang: f.lang,
		Routine: f.routine, Format: f.format, Jobs: f.jobs, Large: f.large,
		Force: f.force, Shard: shard,
	}
	if outSet {
		opts.Out = f.out
	}
	if opts.Out == "" {
		if outSet {
			return usageError{errors.New("--out is empty: name the output folder, e.g. --out out")}
		}
		return usageError{yamlx.Errorf(proj.Config.Pos("out"), "out: is empty: name the output folder, e.g. out: out")}
	}
	if !f.quiet {
		opts.Progress = newProgress(stdout, isTerminal(stdout))
	}
	opts.Note = func(n string) { fmt.Fprintln(stderr, "note: "+n) }
	jobs, err := proj.Plan(opts)
	if err != nil {
		return usageError{err}
	}
	// every input error before any job runs, each once; then what falls
	// back to another language, one line a handout
	notes, err := proj.CheckBuild(jobs, opts)
	for _, n := range notes {
		fmt.Fprintln(stderr, "note: "+n)
	}
	if err != nil {
		return usageError{err}
	}
	sum, err := proj.Run(cmd.Context(), jobs, opts)
	var merr *publish.ManifestError
	if errors.As(err, &merr) {
		return usageError{err} // nothing was built: the folder needs a look
	}
	fmt.Fprintf(stdout, "%d written, %d unchanged, %d removed, %d of %d jobs failed, in %.2fs (%s)\n",
		sum.Written, sum.Unchanged, sum.Removed, sum.Failed, sum.Jobs, sum.Elapsed.Seconds(), opts.Out)
	return err
}

// plural is "1 file", "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a progress display: a bar redrawn in place on a
// terminal, one plain line per job otherwise (logs, CI).
func newProgress(w io.Writer, tty bool) func(build.Event) {
	start := time.Now()
	return func(e build.Event) {
		if !tty {
			state := "built"
			switch {
			case e.Err != nil:
				state = "FAILED"
			case e.Skipped:
				state = "unchanged"
			}
			fmt.Fprintf(w, "[%d/%d] %s %s.%s (%s)\n", e.Done, e.Total, state, e.Job.Name(), e.Job.Format, plural(e.Files, "file"))
			return
		}
		const width = 30
		filled := width * e.Done / e.Total
		rate := float64(e.Done) / time.Since(start).Seconds()
		fmt.Fprintf(w, "\r[%s%s] %d/%d jobs %.1f jobs/s ", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), e.Done, e.Total, rate)
		if e.Done == e.Total {
			fmt.Fprintln(w)
		}
	}
}
