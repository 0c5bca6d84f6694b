package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/check"
)

// checkFlags are the check command's settings after flags and environment
// are layered.
type checkFlags struct {
	config, clinic, lang, routine string
	strict, json                  bool
}

func newCheckCommand(stdout, stderr io.Writer) *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("CAREPRINT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the config and routines (reading level, sentence and list length, fit, colour contrast) without writing files",
		Long: `Check the config and routines without writing files: reading level, sentence
and list length, text that does not fit, colour contrast, languages that
fall back to another language, and handouts that would not be tagged PDFs a
screen reader can read (a picture without a description is an error).

EXIT STATUS
  0  no errors (and, with --strict, no warnings)
  1  errors, or warnings with --strict
  2  usage or config error (bad flag, unknown or misspelt key, missing file)
`,
		Example: `  careprint check                         # config.yaml (or the built-in default)
  careprint check --strict                # warnings fail too (exit 1)
  careprint check --json --clinic riverside --lang en | jq '.[].reading_score'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return runCheck(checkFlags{
				config: v.GetString("config"), clinic: v.GetString("clinic"),
				lang: v.GetString("lang"), routine: v.GetString("routine"),
				strict: v.GetBool("strict"), json: v.GetBool("json"),
			}, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.String("config", "", "config file (default: ./config.yaml, else the built-in default)")
	fl.String("clinic", "", "check only this clinic id")
	fl.String("lang", "", "check only this language")
	fl.String("routine", "", "check only this routine id")
	fl.Bool("strict", false, "fail (exit 1) on warnings too")
	fl.Bool("json", false, "print the reports as one JSON array (the summary goes to stderr)")
	if err := v.BindPFlags(fl); err != nil {
		panic(err) // flags are static: this cannot fail at run time
	}
	return cmd
}

// runCheck prints a report per clinic, language and routine, then the
// summary, and fails on errors (or, with --strict, on warnings).
func runCheck(f checkFlags, stdout, stderr io.Writer) error {
	proj, err := build.Load(f.config, careprint.Files)
	if err != nil {
		return usageError{err}
	}
	reports, err := check.Project(proj, build.Options{Clinic: f.clinic, Lang: f.lang, Routine: f.routine})
	if err != nil {
		return usageError{err}
	}
	summary := stdout
	if f.json {
		err, summary = check.WriteJSON(stdout, reports), stderr
	} else {
		err = check.WriteText(stdout, reports)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(summary, check.Summary(reports))
	nWarn, nErr := check.Totals(reports)
	switch {
	case nErr > 0:
		return fmt.Errorf("check failed: %d error(s)", nErr)
	case f.strict && nWarn > 0:
		return fmt.Errorf("check failed: %d warning(s) with --strict", nWarn)
	}
	return nil
}
