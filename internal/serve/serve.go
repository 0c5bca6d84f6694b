// Package serve is careprint's local web page for consultants: a form
// that makes a client's plan (the same Request, validation and rendering
// as careprint make), shows a preview of its first page, downloads the
// PDF or mails it, and the gallery of the last build. It needs no
// JavaScript and no network.
//
// Nothing about the client is kept: the plan is made in memory for one
// response and dropped; responses are not cached (Cache-Control:
// no-store); the access log names the method, path, status and time only.
package serve

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/plan"
)

// DefaultAddr is where serve listens unless told otherwise: this machine
// only.
const DefaultAddr = "127.0.0.1:8080"

// maxForm is the largest form body accepted, in bytes.
const maxForm = 64 << 10

// Options steer the handler.
type Options struct {
	// Out is the build's output folder: its gallery is served at
	// /gallery/.
	Out string
	// Mail, if set, sends plans; without it the form says how to turn
	// sending on.
	Mail Mailer
	// Renders is how many plans are made at once (default: one per
	// core); other requests wait their turn.
	Renders int
	// Log receives one line per request (method, path, status, time),
	// never a form value. Nil discards it.
	Log io.Writer
	// Now is the plans' date; nil means time.Now.
	Now func() time.Time
}

// Mailer sends a plan's PDF, as a file called name, to a client's
// address, with a message in the plan's language.
type Mailer interface {
	Send(ctx context.Context, r plan.Request, pdf []byte, name, to string) error
}

// FileName is the name a plan's PDF is downloaded or sent as: the date
// and the language, never the client's name.
func FileName(date time.Time, lang string) string {
	return "careplan-" + date.Format("2006-01-02") + "-" + lang + ".pdf"
}

// server holds what every request reads; nothing in it changes after New.
type server struct {
	p     *build.Project
	o     Options
	slots chan struct{} // one per plan being made
	log   *log.Logger
}

// New returns the web page's handler: the form at /, the plan at /plan,
// the gallery at /gallery/. Cross-origin form posts are refused.
func New(p *build.Project, o Options) http.Handler {
	if o.Renders <= 0 {
		o.Renders = runtime.NumCPU()
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &server{p: p, o: o, slots: make(chan struct{}, o.Renders), log: log.New(o.Log, "", log.LstdFlags)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.form)
	mux.HandleFunc("POST /plan", s.plan)
	mux.Handle("GET /gallery/", http.StripPrefix("/gallery/", galleryFiles(o.Out)))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(refuse))
	return s.logged(headers(cop.Handler(mux)))
}

// refuse answers a form posted from another site.
func refuse(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	from := r.Header.Get("Origin")
	if from == "" {
		from = "another site"
	}
	fmt.Fprintf(w, "careprint refused this request: the form was sent from %s, not from careprint's own page.\n"+
		"Open careprint's page (http://%s/) and send the form from there.\n", from, r.Host)
}

// headers sets what every response carries: no caching, no framing, no
// content from elsewhere.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		if !strings.HasPrefix(r.URL.Path, "/gallery/") {
			hd.Set("Cache-Control", "no-store")
		}
		h.ServeHTTP(w, r)
	})
}

// statusWriter remembers a response's status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logged writes one access line per request: method, path, status and
// time; never the query or the form.
func (s *server) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		s.log.Printf("%s %s %d %s", r.Method, r.URL.Path, sw.status, time.Since(start).Round(time.Millisecond))
	})
}

// ListenAndServe serves h on addr until ctx is done, then lets requests
// in flight finish (at most 10 s). ready, if set, is told the address it
// listens on. Slow or abandoned clients are cut off by timeouts.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	stopped := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		stopped <- srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-stopped
}

// Loopback reports whether addr (host:port) listens on this machine only.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// form shows the empty form.
func (s *server) form(w http.ResponseWriter, r *http.Request) {
	s.page(w, http.StatusOK, s.newForm(nil))
}

// plan makes the plan the form asks for: a preview, the PDF, or a mail.
func (s *server) plan(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "careprint could not read the form: "+err.Error(), http.StatusBadRequest)
		return
	}
	f := s.newForm(r.PostForm)
	action := r.PostForm.Get("action")
	if action != "preview" && action != "pdf" && action != "send" {
		f.Error = fmt.Sprintf("Unknown button %q: use Preview, Download PDF or Send.", action)
		s.page(w, http.StatusBadRequest, f)
		return
	}
	if action == "send" {
		if s.o.Mail == nil {
			f.Errors["email"] = "Sending is off: set smtp in config.yaml (and CAREPRINT_SMTP_PASSWORD) and start careprint serve again."
		} else if !strings.Contains(f.Email, "@") {
			f.Errors["email"] = "Give the client's email address."
		}
	}
	// every problem at once: the form's own, then the plan's rules
	req := f.request(s.o.Now())
	if err := req.Validate(s.p); err != nil {
		f.addErrors(err)
	}
	if len(f.Errors) > 0 || f.Error != "" {
		s.page(w, http.StatusUnprocessableEntity, f)
		return
	}
	// a bounded number of plans at a time; a client that gives up
	// leaves the queue
	select {
	case s.slots <- struct{}{}:
	case <-r.Context().Done():
		return
	}
	res, err := plan.Render(r.Context(), s.p, req, plan.Options{PNG: action == "preview"})
	<-s.slots
	var fe plan.Errors
	switch {
	case errors.As(err, &fe):
		f.addErrors(err)
		s.page(w, http.StatusUnprocessableEntity, f)
		return
	case err != nil:
		if r.Context().Err() != nil {
			return
		}
		// the error may quote the client's words: shown, never logged
		f.Error = "careprint could not make this plan: " + err.Error()
		s.page(w, http.StatusInternalServerError, f)
		return
	}
	switch action {
	case "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+FileName(req.Date, res.Lang)+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(res.PDF)))
		w.Write(res.PDF)
	case "preview":
		f.Preview = previewURL(res.PNG)
		f.Notes, f.Titles = res.Notes, res.Titles
		s.page(w, http.StatusOK, f)
	case "send":
		if err := s.o.Mail.Send(r.Context(), req, res.PDF, FileName(req.Date, res.Lang), f.Email); err != nil {
			f.Errors["email"] = "Not sent: " + err.Error()
			s.page(w, http.StatusBadGateway, f)
			return
		}
		f.Notes, f.Titles = res.Notes, res.Titles
		f.Sent = f.Email
		s.page(w, http.StatusOK, f)
	}
}

// previewURL is a PNG as a data: URL, so the preview is part of the page
// and no copy stays on the server for a second request.
func previewURL(png []byte) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
}
