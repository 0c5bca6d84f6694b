// Package mail sends a PDF to a client: as a MIME draft (.eml) that any
// mail program opens, or through an SMTP server with STARTTLS and
// authentication (github.com/wneessen/go-mail). Nothing is retried: a
// refused recipient, a refused password or a dropped connection is an
// error, and the message is not sent to anyone when any recipient is
// refused.
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"
)

// Message is one mail with a PDF attached.
type Message struct {
	From, To      string
	Subject, Body string // plain text
	FileName      string // the attachment's name, e.g. careplan.pdf
	PDF           []byte
	// ICS, if set, is attached as reminder.ics (text/calendar).
	ICS []byte
}

func (m *Message) msg() (*gomail.Msg, error) {
	g := gomail.NewMsg()
	if err := g.From(m.From); err != nil {
		return nil, fmt.Errorf("sender %q: %w", m.From, err)
	}
	if err := g.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.To, err)
	}
	g.Subject(m.Subject)
	g.SetDate()
	g.SetMessageID()
	g.SetBodyString(gomail.TypeTextPlain, m.Body)
	g.AttachReadSeeker(m.FileName, bytes.NewReader(m.PDF), gomail.WithFileContentType("application/pdf"))
	if len(m.ICS) > 0 {
		g.AttachReadSeeker("reminder.ics", bytes.NewReader(m.ICS), gomail.WithFileContentType("text/calendar; charset=utf-8; method=PUBLISH"))
	}
	return g, nil
}

// WriteEML writes m as a MIME message, a draft a mail program opens.
func (m *Message) WriteEML(w io.Writer) error {
	g, err := m.msg()
	if err != nil {
		return err
	}
	// a draft: the mail program marks it unsent
	g.SetGenHeader("X-Unsent", "1")
	_, err = g.WriteTo(w)
	return err
}

// TLS modes of a server.
const (
	StartTLS = "starttls" // the session must be upgraded before AUTH
	NoTLS    = "none"     // plain text: only for a server on a loopback address
)

// Server is an SMTP server's settings. Password comes from the
// environment only.
type Server struct {
	Host     string
	Port     int // default 587
	User     string
	Password string
	TLS      string // StartTLS (default) or NoTLS
	CAFile   string // PEM roots to trust instead of the system's
	Timeout  time.Duration
}

// Check reports settings that cannot work or are not safe: no host, a
// user without a password, or TLS off for a server that is not on a
// loopback address.
func (s Server) Check() error {
	switch {
	case s.Host == "":
		return errors.New("no SMTP server: set smtp.host in config.yaml or CAREPRINT_SMTP_HOST")
	case s.TLS != "" && s.TLS != StartTLS && s.TLS != NoTLS:
		return fmt.Errorf("smtp tls %q: use starttls, or none for a server on this machine", s.TLS)
	case s.Port < 0 || s.Port > 65535:
		return errors.New("smtp port: use a number from 1 to 65535 (CAREPRINT_SMTP_PORT or smtp.port)")
	case s.TLS == NoTLS && !loopback(s.Host):
		return fmt.Errorf("smtp tls none is allowed only for a server on this machine (localhost, 127.0.0.1, ::1), not %q: use starttls", s.Host)
	case s.User != "" && s.Password == "":
		return errors.New("smtp user is set but CAREPRINT_SMTP_PASSWORD is not: the password comes from the environment only")
	}
	return nil
}

// loopback reports a host name or address on this machine.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send delivers m through s, once. The error says what went wrong
// (connection, TLS, authentication or a refused recipient); nothing is
// retried.
func Send(ctx context.Context, s Server, m *Message) error {
	if err := s.Check(); err != nil {
		return err
	}
	g, err := m.msg()
	if err != nil {
		return err
	}
	port := s.Port
	if port == 0 {
		port = 587
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(timeout)}
	if s.TLS == NoTLS {
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	} else {
		tc := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
		if s.CAFile != "" {
			pem, err := os.ReadFile(s.CAFile)
			if err != nil {
				return fmt.Errorf("smtp ca_file: %w", err)
			}
			tc.RootCAs = x509.NewCertPool()
			if !tc.RootCAs.AppendCertsFromPEM(pem) {
				return fmt.Errorf("smtp ca_file %s: no PEM certificate in it", s.CAFile)
			}
		}
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tc))
	}
	if s.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(s.User), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, g); err != nil {
		return fmt.Errorf("smtp %s:%d: not sent: %s: %w", s.Host, port, hint(err, m.To), err)
	}
	return nil
}

// hint says in plain words what a send error means and what to do.
func hint(err error, to string) string {
	msg := err.Error()
	switch {
	case errors.Is(err, &gomail.SendError{Reason: gomail.ErrSMTPRcptTo}):
		return fmt.Sprintf("the server refused the address %s: check it", to)
	case strings.Contains(msg, "SMTP AUTH failed"):
		return "the server refused the user name or password: check smtp.user and CAREPRINT_SMTP_PASSWORD"
	case strings.Contains(msg, "does not support STARTTLS"):
		return "the server does not offer STARTTLS, and careprint sends a client's data only encrypted"
	case strings.Contains(msg, "certificate"):
		return "the server's certificate is not trusted: check smtp.host, or set smtp.ca_file"
	}
	return "the connection failed or was dropped before the server took the message: check smtp.host and smtp.port, then send again"
}

// ICS is a calendar reminder: a daily event at the time of day at (in
// loc) for days days from start, with summary and description, for the
// mail program to add to the client's calendar.
func ICS(summary, description string, start time.Time, at time.Duration, days int, uid string) []byte {
	first := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location()).Add(at).UTC()
	esc := func(s string) string {
		return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
	}
	stamp := first.Format("20060102T150405Z")
	lines := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//careprint//plan//EN", "METHOD:PUBLISH",
		"BEGIN:VEVENT",
		"UID:" + uid,
		"DTSTAMP:" + stamp,
		"DTSTART:" + stamp,
		"DURATION:PT15M",
		fmt.Sprintf("RRULE:FREQ=DAILY;COUNT=%d", days),
		"SUMMARY:" + esc(summary),
		"DESCRIPTION:" + esc(description),
		"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "DESCRIPTION:" + esc(summary), "END:VALARM",
		"END:VEVENT", "END:VCALENDAR",
	}
	var b strings.Builder
	for _, l := range lines {
		// lines longer than 75 octets are folded (RFC 5545 3.1), never
		// inside a UTF-8 character
		for len(l) > 75 {
			cut := 75
			for cut > 0 && !utf8.RuneStart(l[cut]) {
				cut--
			}
			b.WriteString(l[:cut] + "\r\n ")
			l = l[cut:]
		}
		b.WriteString(l + "\r\n")
	}
	return []byte(b.String())
}
