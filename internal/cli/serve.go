package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/mail"
	"github.com/careprint/careprint/internal/plan"
	"github.com/careprint/careprint/internal/serve"
)

// smtpMailer sends plans from the page as careprint send does.
type smtpMailer struct {
	proj *build.Project
	srv  mail.Server
	from string
}

func (m smtpMailer) Send(ctx context.Context, r plan.Request, pdf []byte, name, to string) error {
	subject, body, err := plan.MailText(m.proj, r.Clinic, r.Lang, r.Client, false)
	if err != nil {
		return err
	}
	return mail.Send(ctx, m.srv, &mail.Message{From: m.from, To: to, Subject: subject, Body: body, FileName: name, PDF: pdf})
}

func newServeCommand(stdout, stderr io.Writer) *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("CAREPRINT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a local web page to make, download and send a client's plan, and the gallery of the last build",
		Long: `serve starts a web page on this computer for consultants who do not use a
terminal: a form (routines, language, client's name, side, when, days, note)
that previews a client's plan, downloads its PDF or sends it (with the smtp
settings of careprint send), and the gallery of the last build (out/index.html).

It listens on 127.0.0.1:8080 (this computer only) unless --addr says
otherwise; it needs no network and no JavaScript. Forms sent from another
site are refused. Nothing about a client is kept: no file is written and the
log names no one. Ctrl-C stops it.` + "\n" + exitStatus,
		Example: `  careprint serve                      # then open http://127.0.0.1:8080/
  careprint serve --addr 127.0.0.1:9000 --out /srv/handouts`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := build.Load(v.GetString("config"), careprint.Files)
			if err != nil {
				return usageError{err}
			}
			out := proj.Config.Out
			if v.IsSet("out") {
				out = v.GetString("out")
			}
			addr := v.GetString("addr")
			if _, _, err := net.SplitHostPort(addr); err != nil {
				return usageError{fmt.Errorf("--addr %q: write host:port, e.g. %s", addr, serve.DefaultAddr)}
			}
			if !serve.Loopback(addr) {
				fmt.Fprintf(stderr, "careprint: warning: %s is reachable from other computers; anyone who can reach it can make plans with your clinic's handouts\n", addr)
			}
			o := serve.Options{Out: out, Log: stderr}
			// the smtp settings of careprint send; without them the page
			// says sending is off
			var sf sendFlags
			if srv, from, err := sf.server(proj); err != nil {
				fmt.Fprintf(stderr, "careprint: sending from the page is off: %v\n", err)
			} else {
				o.Mail = smtpMailer{proj: proj, srv: srv, from: from}
			}
			h := serve.New(proj, o)
			return serve.ListenAndServe(cmd.Context(), addr, h, func(a net.Addr) {
				fmt.Fprintf(stdout, "careprint serve: open http://%s/ in a browser (Ctrl-C stops)\n", a)
			})
		},
	}
	fl := cmd.Flags()
	fl.String("config", "", "config file (default: ./config.yaml, else the built-in default)")
	fl.String("addr", serve.DefaultAddr, "address to listen on (host:port); the default is this computer only")
	fl.String("out", "", "the build's output folder, whose gallery is served (default: the config's out, \"out\")")
	if err := v.BindPFlags(fl); err != nil {
		panic(err) // flags are static: this cannot fail at run time
	}
	return cmd
}
