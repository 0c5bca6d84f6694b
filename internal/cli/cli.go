// Package cli is careprint's command line: cobra commands built by
// constructors, with viper layering CAREPRINT_* environment variables and
// flags over config.yaml.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/build"
)

// softMemoryLimit is the Go heap's soft limit for a run, in bytes; the
// GOMEMLIMIT environment variable overrides it. A full build's live heap
// peaks at 45-48 MB (two workers rasterizing posters); at 60 MiB its peak
// RSS was 79.5 MiB (median of 5, up to 87), at 57 MiB 76.3 MiB (up to
// 77) for about 1% more CPU (see bench/RESULTS.md).
const softMemoryLimit = 57 << 20

// Exit codes, documented under EXIT STATUS in --help.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

const exitStatus = `
EXIT STATUS
  0  success
  1  a job failed (the jobs that succeeded are still written; every error
     is printed, one per line, naming its file)
  2  usage or config error (bad flag, unknown or misspelt key, missing file)
`

// usageError marks errors that exit with ExitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Exec runs careprint as a program: with the process's arguments, standard
// streams, and a context cancelled on Ctrl-C or SIGTERM. It returns the
// exit code.
func Exec() int {
	if os.Getenv("GOMEMLIMIT") == "" {
		// a soft limit: the collector works harder near it instead of
		// letting the heap double (full build: 96 -> 77 MiB RSS for about
		// 3% more time; see bench/RESULTS.md)
		debug.SetMemoryLimit(softMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// Main runs careprint with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, "careprint:", err)
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return ExitUsage
	case isFlagError(err):
		return ExitUsage
	}
	return ExitFailed
}

// isFlagError reports cobra's own usage errors (unknown command, bad args).
func isFlagError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "careprint",
		Short: "Render care routines into printable PDF handouts and PNG step cards",
		Long: `careprint turns configured care routines into illustrated, printable PDF
handouts and PNG step infographics, localized for each clinic.

Run "careprint build" to render config.yaml (or the built-in default when the
folder has none) into out/.` + "\n" + exitStatus,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuildCommand(stdout, stderr), newVersionCommand(stdout), newCheckCommand(stdout, stderr), newListCommand(stdout), newInitCommand(stdout),
		newMakeCommand(os.Stdin, stdout, stderr), newSendCommand(stdout), newServeCommand(stdout, stderr), newMergeCommand(stdout))
	for _, c := range root.Commands() {
		if c.Long == "" {
			c.Long = c.Short + "\n" + exitStatus
		}
	}
	return root
}

func newVersionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print careprint's version",
		Long:  "Print careprint's version.",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(stdout, "careprint", build.Version)
			return nil
		},
	}
}
