package cli

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/mail"
	"github.com/careprint/careprint/internal/plan"
)

// sendFlags say where and how a PDF is sent.
type sendFlags struct {
	config, clinic, lang, client string
	to, eml, remind              string
	days                         int
}

func addSendFlags(fl *pflag.FlagSet, f *sendFlags) {
	fl.StringVar(&f.to, "to", "", "the client's email address")
	fl.StringVar(&f.eml, "eml", "", "write the mail as a draft to this .eml file instead of sending it")
	fl.StringVar(&f.remind, "remind", "", "attach a calendar reminder at this time of day (HH:MM), every day of the plan")
}

func (f *sendFlags) check() error {
	if f.to == "" {
		return usageError{fmt.Errorf("--to: give the client's email address")}
	}
	if f.remind != "" {
		if _, err := time.Parse("15:04", f.remind); err != nil {
			return usageError{fmt.Errorf("--remind %q: write a time of day as HH:MM, e.g. 08:30", f.remind)}
		}
	}
	return nil
}

func newSendCommand(stdout io.Writer) *cobra.Command {
	var f sendFlags
	cmd := &cobra.Command{
		Use:   "send --to ADDRESS --lang LANG --client NAME FILE.pdf",
		Short: "Email a plan or handout PDF to a client, or write the mail as a draft",
		Long: `send mails a PDF to one client, with a short message in the handout's
language. With --eml it writes a draft (MIME, the PDF attached) that any
mail program opens; otherwise it sends through the clinic's SMTP server.

SMTP settings come from config.yaml (smtp: host, port, user, from, tls,
ca_file) and CAREPRINT_SMTP_HOST, _PORT, _USER, _FROM, _TLS, _CA_FILE; the
password from CAREPRINT_SMTP_PASSWORD only. The session must use STARTTLS
unless tls is none, which is accepted only for a server on this machine.
A refused recipient, a refused password or a dropped connection is an
error (exit 1) and nothing is retried.` + "\n" + exitStatus,
		Example: `  careprint send --to ana@example.com --lang es --client Ana careplan-2026-11-30-es.pdf
  careprint send --to ana@example.com --lang es --client Ana --eml draft.eml --remind 08:00 --days 7 plan.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.check(); err != nil {
				return err
			}
			if f.lang == "" || f.client == "" {
				return usageError{fmt.Errorf("--lang and --client: the message is written in the client's language and greets her by name")}
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return usageError{err}
			}
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				return usageError{fmt.Errorf("%s is not a PDF", args[0])}
			}
			proj, err := build.Load(f.config, careprint.Files)
			if err != nil {
				return usageError{err}
			}
			locked := bytes.Contains(data, []byte("/Encrypt"))
			return deliver(cmd, proj, &f, data, filepath.Base(args[0]), locked, nil, time.Now(), stdout)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "config file (default: ./config.yaml, else the built-in default)")
	fl.StringVar(&f.clinic, "clinic", "", "clinic id (default: the config's first clinic)")
	fl.StringVar(&f.lang, "lang", "", "the language of the message")
	fl.StringVar(&f.client, "client", "", "the client's name, for the greeting")
	fl.IntVar(&f.days, "days", plan.DefaultDays, "days of the calendar reminder (with --remind)")
	addSendFlags(fl, &f)
	return cmd
}

// deliver mails data (named name) as f says: a draft with --eml, else
// through the SMTP server.
func deliver(cmd *cobra.Command, proj *build.Project, f *sendFlags, data []byte, name string, locked bool, titles []string, start time.Time, stdout io.Writer) error {
	subject, body, err := plan.MailText(proj, f.clinic, f.lang, f.client, locked)
	if err != nil {
		return usageError{err}
	}
	srv, from, err := f.server(proj)
	if err != nil {
		return err
	}
	m := &mail.Message{From: from, To: f.to, Subject: subject, Body: body, FileName: name, PDF: data}
	if f.remind != "" {
		at, _ := time.Parse("15:04", f.remind)
		days := f.days
		if days == 0 {
			days = plan.DefaultDays
		}
		m.ICS = mail.ICS(plan.Reminder(proj, f.lang, titles), subject, start.Local(), time.Duration(at.Hour())*time.Hour+time.Duration(at.Minute())*time.Minute, days, rand.Text()+"@careprint")
	}
	if f.eml != "" {
		var buf bytes.Buffer
		if err := m.WriteEML(&buf); err != nil {
			return usageError{err}
		}
		if err := writeFile(f.eml, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "wrote draft "+f.eml)
		return nil
	}
	if err := mail.Send(cmd.Context(), srv, m); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "sent "+name) // no address: output may end up in a log
	return nil
}

// server returns the SMTP server (checked, unless the mail is only a
// draft) and the sender.
func (f *sendFlags) server(proj *build.Project) (mail.Server, string, error) {
	srv := smtpSettings(proj)
	if f.eml == "" {
		if err := srv.Check(); err != nil {
			return srv, "", usageError{err}
		}
	}
	from := os.Getenv("CAREPRINT_SMTP_FROM")
	if from == "" {
		from = proj.Config.SMTP.From
	}
	if cl := plan.Clinic(proj, f.clinic); from == "" && f.eml != "" && cl != nil {
		from = cl.Contact.Email // a draft may come from the clinic's address
	}
	if from == "" {
		return srv, "", usageError{fmt.Errorf("no sender: set smtp.from in config.yaml or CAREPRINT_SMTP_FROM")}
	}
	return srv, from, nil
}

// smtpSettings layers CAREPRINT_SMTP_* over the config's smtp section.
func smtpSettings(proj *build.Project) mail.Server {
	c := proj.Config.SMTP
	s := mail.Server{Host: c.Host, Port: c.Port, User: c.User, TLS: c.TLS, CAFile: c.CAFile}
	env := func(key string, dst *string) {
		if v, ok := os.LookupEnv("CAREPRINT_SMTP_" + key); ok {
			*dst = v
		}
	}
	env("HOST", &s.Host)
	env("USER", &s.User)
	env("TLS", &s.TLS)
	env("CA_FILE", &s.CAFile)
	env("PASSWORD", &s.Password)
	if v := os.Getenv("CAREPRINT_SMTP_PORT"); v != "" {
		if p, err := strconv.Atoi(v); err == nil {
			s.Port = p
		} else {
			s.Port = -1 // Check reports it
		}
	}
	return s
}
