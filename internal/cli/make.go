package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/pdfcrypt"
	"github.com/careprint/careprint/internal/plan"
	"github.com/careprint/careprint/internal/publish"
)

// makeFlags are the make command's settings.
type makeFlags struct {
	config, out, date string
	req               plan.Request
	steps             []string
	png, protect      bool
	email             bool
	send              sendFlags
}

func newMakeCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var f makeFlags
	cmd := &cobra.Command{
		Use:   "make",
		Short: "Make one client's plan: a plan page and the chosen handouts in one PDF",
		Long: `make writes one PDF for one client: a plan page (the client's name, the date,
the consultant, the routines with when and how often, a note and a tick
chart) followed by the clinic's handout of each routine, in the client's
language.

Nothing about the client is kept: no manifest entry, no cache, no log line;
the PDF's title, subject and keywords and the default file name carry no
name. With --protect the PDF is locked with AES-256; the password comes
from CAREPRINT_PDF_PASSWORD or is asked for on the terminal, never from a
flag. With --email the PDF goes to --to (see "careprint send --help")
and, unless -o is given, is not written to disk at all.` + "\n" + exitStatus,
		Example: `  careprint make --routine rps,tbml --lang es --client "Ana" --side left \
      --times "antes de cada toma" --days 7 --consultant "María" --note "..."
  careprint make --routine tbml --lang ar --client "ليلى" --steps tbml:1-3 -o plan.pdf
  CAREPRINT_PDF_PASSWORD=... careprint make --routine rps --lang en --client Ana \
      --protect --email --to ana@example.com`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMake(cmd, &f, stdin, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "config file (default: ./config.yaml, else the built-in default)")
	fl.StringVar(&f.req.Clinic, "clinic", "", "clinic id (default: the config's first clinic)")
	fl.StringSliceVar(&f.req.Routines, "routine", nil, "routine ids, in the plan's order (comma-separated)")
	fl.StringVar(&f.req.Lang, "lang", "", "the handout's language, one of the clinic's")
	fl.StringVar(&f.req.Client, "client", "", "the client's name (printed on the plan page only)")
	fl.StringVar(&f.req.Side, "side", "", "left, right or both")
	fl.StringVar(&f.req.Times, "times", "", "when to do the routines, in the client's language, e.g. \"before each feed\"")
	fl.IntVar(&f.req.Days, "days", plan.DefaultDays, fmt.Sprintf("days of the tick chart (1 to %d)", plan.MaxDays))
	fl.StringVar(&f.req.Note, "note", "", "a note to the client")
	fl.StringVar(&f.req.Consultant, "consultant", "", "the consultant's name")
	fl.StringArrayVar(&f.steps, "steps", nil, "keep only these steps of a routine, e.g. tbml:1,2,4 or tbml:1-3 (repeatable)")
	fl.StringVar(&f.date, "date", "", "the plan's date, YYYY-MM-DD (default: today)")
	fl.StringVarP(&f.out, "output", "o", "", "the PDF file (default: careplan-DATE-LANG.pdf here; none with --email)")
	fl.BoolVar(&f.png, "png", false, "also write the plan page as a PNG beside the PDF")
	fl.BoolVar(&f.protect, "protect", false, "lock the PDF with a password (AES-256) from CAREPRINT_PDF_PASSWORD or the terminal")
	fl.BoolVar(&f.email, "email", false, "send the PDF to --to (or write a draft with --eml)")
	addSendFlags(fl, &f.send)
	return cmd
}

func runMake(cmd *cobra.Command, f *makeFlags, stdin io.Reader, stdout, stderr io.Writer) error {
	var err error
	if f.req.Steps, err = plan.ParseSteps(f.steps); err != nil {
		return usageError{err}
	}
	if f.date != "" {
		if f.req.Date, err = time.Parse("2006-01-02", f.date); err != nil {
			return usageError{fmt.Errorf("--date %q: write it as YYYY-MM-DD", f.date)}
		}
	}
	if f.protect && f.png {
		return usageError{fmt.Errorf("--png with --protect: the picture of the plan page could not be locked; leave one out")}
	}
	if !f.email && (f.send.to != "" || f.send.eml != "") {
		return usageError{fmt.Errorf("--to and --eml go with --email")}
	}
	if f.email {
		if err := f.send.check(); err != nil {
			return err
		}
	}
	proj, err := build.Load(f.config, careprint.Files)
	if err != nil {
		return usageError{err}
	}
	if err := f.req.Validate(proj); err != nil {
		return usageError{err}
	}
	if f.email { // the mail settings before any work
		if _, _, err := f.send.server(proj); err != nil {
			return err
		}
	}
	password := ""
	if f.protect {
		if password, err = pdfPassword(stdin, stderr); err != nil {
			return usageError{err}
		}
	}
	res, err := plan.Render(cmd.Context(), proj, f.req, plan.Options{PNG: f.png})
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, "note: "+n)
	}
	data := res.PDF
	if f.protect {
		if data, err = pdfcrypt.Encrypt(data, password); err != nil {
			return err
		}
	}
	date := f.req.Date
	if date.IsZero() {
		date = time.Now()
	}
	name := fmt.Sprintf("careplan-%s-%s.pdf", date.Format("2006-01-02"), f.req.Lang)
	out := f.out
	if out == "" && !f.email {
		out = name
	}
	if out != "" {
		if err := writeFile(out, data); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "wrote "+out)
		if res.PNG != nil {
			png := strings.TrimSuffix(out, filepath.Ext(out)) + ".png"
			if err := writeFile(png, res.PNG); err != nil {
				return err
			}
			fmt.Fprintln(stdout, "wrote "+png)
		}
		name = filepath.Base(out)
	}
	if !f.email {
		return nil
	}
	f.send.lang, f.send.client, f.send.clinic, f.send.days = f.req.Lang, f.req.Client, f.req.Clinic, f.req.Days
	return deliver(cmd, proj, &f.send, data, name, f.protect, res.Titles, date, stdout)
}

// writeFile writes data to path atomically: a temporary file beside it,
// removed on any error, renamed into place.
func writeFile(path string, data []byte) error {
	return publish.Dir{Root: filepath.Dir(path)}.WriteFile(filepath.Base(path), data)
}

// pdfPassword is the PDF password: CAREPRINT_PDF_PASSWORD, else asked
// twice on the terminal. It is never a flag (flags show in the process
// list and the shell's history).
func pdfPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if pw := os.Getenv("CAREPRINT_PDF_PASSWORD"); pw != "" {
		return pw, checkPassword(pw)
	}
	in, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", fmt.Errorf("--protect needs a password: set CAREPRINT_PDF_PASSWORD or run on a terminal to be asked")
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(stderr, prompt)
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	pw, err := ask("PDF password: ")
	if err != nil {
		return "", err
	}
	again, err := ask("PDF password again: ")
	if err != nil {
		return "", err
	}
	if pw != again {
		return "", fmt.Errorf("the two passwords differ")
	}
	return pw, checkPassword(pw)
}

func checkPassword(pw string) error {
	if len([]rune(pw)) < pdfcrypt.MinPassword {
		return fmt.Errorf("the PDF password is shorter than %d characters: choose a longer one", pdfcrypt.MinPassword)
	}
	return nil
}
