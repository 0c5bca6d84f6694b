// Package e2e runs careprint make and send against an SMTP server
// started by the test on 127.0.0.1 (emersion/go-smtp, STARTTLS with a
// test certificate, AUTH PLAIN). It is its own package: it is slower than
// the unit tests and needs a network listener.
package e2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/careprint/careprint/internal/cli"
	"github.com/careprint/careprint/internal/pdftest"
)

const (
	user     = "care@demo.example"
	password = "s3cret-pass"
	client   = "Ana Zyxwvutsrq" // a name to search for
	refused  = "nobody@demo.example"
)

// server is an SMTP server on 127.0.0.1 that requires STARTTLS before
// AUTH, and keeps the messages it accepts.
type server struct {
	addr   string
	caFile string
	mu     sync.Mutex
	got    []received
}

type received struct {
	from, to string
	tls      bool
	data     []byte
}

func startServer(t *testing.T) *server {
	t.Helper()
	dir := t.TempDir()
	cert, caPEM := testCert(t)
	s := &server{caFile: filepath.Join(dir, "ca.pem")}
	if err := os.WriteFile(s.caFile, caPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.AllowInsecureAuth = false // AUTH only after STARTTLS
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

type session struct {
	srv      *server
	conn     *smtp.Conn
	authed   bool
	from, to string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, u, p string) error {
		if u != user || p != password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == refused {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = to
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, received{from: s.from, to: s.to, tls: isTLS, data: data})
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", "" }
func (s *session) Logout() error { return nil }

func (s *server) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// testCert makes a self-signed certificate for 127.0.0.1 and returns it
// with its PEM, which the client trusts through smtp.ca_file.
func testCert(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "careprint test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	cert, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}))
	if err != nil {
		t.Fatal(err)
	}
	return cert, certPEM
}

// writeConfig writes a config whose smtp section points at addr.
func writeConfig(t *testing.T, dir, addr, caFile, extra string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cfg := fmt.Sprintf(`out: out
clinics:
  - id: demo
    name: Demo Clinic
    contact: {phone: (555) 010-0100, email: care@demo.example}
    languages: [en, es]
    routines: [rps, tbml]
    review: {date: 2026-01-02}
smtp:
  host: %s
  port: %s
  user: %s
  from: care@demo.example
  ca_file: %s
%s`, host, port, user, caFile, extra)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = cli.Main(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// attachment returns the message's PDF attachment, decoded.
func attachment(t *testing.T, raw []byte) (subject string, body string, pdf []byte) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			data, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
			if err != nil {
				t.Fatal(err)
			}
		}
		ct := p.Header.Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "application/pdf"):
			pdf = data
		case strings.HasPrefix(ct, "text/plain"):
			body = string(data)
		}
	}
	return subject, body, pdf
}

// TestMakeThenSend: make writes a plan, send delivers it over STARTTLS
// with AUTH; the PDF arrives byte for byte with the client's name in its
// text and a message in the client's language.
func TestMakeThenSend(t *testing.T) {
	srv := startServer(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, srv.addr, srv.caFile, "")
	t.Setenv("CAREPRINT_SMTP_PASSWORD", password)
	pdfPath := filepath.Join(dir, "plan.pdf")
	if code, _, stderr := run(t, "make", "--config", cfg, "--routine", "rps,tbml", "--lang", "es", "--client", client, "--side", "left", "-o", pdfPath); code != 0 {
		t.Fatalf("make: exit %d: %s", code, stderr)
	}
	sent, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "send", "--config", cfg, "--to", "ana@example.com", "--lang", "es", "--client", client, pdfPath)
	if code != 0 {
		t.Fatalf("send: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "sent plan.pdf\n") {
		t.Errorf("stdout = %q", stdout)
	}
	msgs := srv.messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(msgs))
	}
	m := msgs[0]
	if !m.tls || m.from != "care@demo.example" || m.to != "ana@example.com" {
		t.Errorf("arrived from %q to %q over TLS %v", m.from, m.to, m.tls)
	}
	subject, body, pdf := attachment(t, m.data)
	if !bytes.Equal(pdf, sent) {
		t.Fatalf("the PDF arrived changed: %d bytes, sent %d", len(pdf), len(sent))
	}
	doc, err := pdftest.Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text[0], client) {
		t.Errorf("the client's name is not in the PDF's text:\n%s", doc.Text[0])
	}
	if subject != "Tu plan de cuidados de Demo Clinic" {
		t.Errorf("subject %q", subject)
	}
	if !strings.Contains(body, "Hola, "+client) || strings.Contains(body, "contraseña") {
		t.Errorf("body %q", body)
	}
}

// TestMakeEmailProtected: make --protect --email sends a locked PDF and
// writes no file; the body says the password comes separately.
func TestMakeEmailProtected(t *testing.T) {
	srv := startServer(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, srv.addr, srv.caFile, "")
	t.Setenv("CAREPRINT_SMTP_PASSWORD", password)
	t.Setenv("CAREPRINT_PDF_PASSWORD", "a-long-password")
	t.Chdir(dir)
	code, _, stderr := run(t, "make", "--config", cfg, "--routine", "rps", "--lang", "en", "--client", client, "--protect", "--email", "--to", "ana@example.com")
	if code != 0 {
		t.Fatalf("make --email: exit %d: %s", code, stderr)
	}
	msgs := srv.messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	_, body, pdf := attachment(t, msgs[0].data)
	if !bytes.Contains(pdf, []byte("/Encrypt")) {
		t.Error("the PDF is not encrypted")
	}
	if _, err := pdftest.Read(pdf); err == nil {
		t.Error("the locked PDF opened without its password")
	}
	if !strings.Contains(body, "We will send you the password in a separate message.") {
		t.Errorf("body %q does not say the password comes separately", body)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(entries) > 0 {
		t.Errorf("make --email wrote %v", entries)
	}
}

// TestSendFailures: a refused password, a refused recipient and a
// dropped connection each fail with a clear error and exit 1, once; a
// server without STARTTLS is refused, unless tls: none on 127.0.0.1.
func TestSendFailures(t *testing.T) {
	srv := startServer(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, srv.addr, srv.caFile, "")
	pdfPath := filepath.Join(dir, "plan.pdf")
	if code, _, stderr := run(t, "make", "--config", cfg, "--routine", "rps", "--lang", "en", "--client", client, "-o", pdfPath); code != 0 {
		t.Fatalf("make: %s", stderr)
	}
	send := func(cfg, to string) (int, string) {
		code, _, stderr := run(t, "send", "--config", cfg, "--to", to, "--lang", "en", "--client", client, pdfPath)
		t.Logf("send --to %s: exit %d: %s", to, code, stderr)
		return code, stderr
	}

	t.Setenv("CAREPRINT_SMTP_PASSWORD", "wrong")
	if code, stderr := send(cfg, "ana@example.com"); code != 1 || !strings.Contains(stderr, "refused the user name or password") || !strings.Contains(stderr, "535") {
		t.Errorf("bad password: exit %d: %s", code, stderr)
	}

	t.Setenv("CAREPRINT_SMTP_PASSWORD", password)
	if code, stderr := send(cfg, refused); code != 1 || !strings.Contains(stderr, "550") || !strings.Contains(stderr, "refused the address "+refused) {
		t.Errorf("refused recipient: exit %d: %s", code, stderr)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("%d messages arrived after the failures", n)
	}

	// a server that greets, then drops the connection
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted sync.WaitGroup
	accepts := 0
	var mu sync.Mutex
	accepted.Add(1)
	go func() {
		defer accepted.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			accepts++
			mu.Unlock()
			fmt.Fprint(c, "220 localhost ESMTP\r\n")
			buf := make([]byte, 512)
			c.Read(buf) // EHLO
			c.Close()
		}
	}()
	dropCfg := writeConfig(t, t.TempDir(), l.Addr().String(), srv.caFile, "")
	code, stderr := send(dropCfg, "ana@example.com")
	if code != 1 || !strings.Contains(stderr, "not sent: the connection failed or was dropped") {
		t.Errorf("dropped connection: exit %d: %s", code, stderr)
	}
	l.Close()
	accepted.Wait()
	if accepts != 1 {
		t.Errorf("the dropped connection was tried %d times, want once (no retry)", accepts)
	}

	// STARTTLS is required: a server without it is refused before AUTH
	plain := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{srv: srv, conn: c}, nil }))
	plain.Domain, plain.AllowInsecureAuth = "localhost", true
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go plain.Serve(pl)
	defer plain.Close()
	code, stderr = send(writeConfig(t, t.TempDir(), pl.Addr().String(), srv.caFile, ""), "ana@example.com")
	if code != 1 || !strings.Contains(strings.ToLower(stderr), "starttls") {
		t.Errorf("no STARTTLS: exit %d: %s", code, stderr)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("%d messages arrived without TLS", n)
	}

	// tls: none is accepted for a server on this machine
	t.Setenv("CAREPRINT_SMTP_TLS", "none")
	code, stderr = send(writeConfig(t, t.TempDir(), pl.Addr().String(), srv.caFile, ""), "ana@example.com")
	if got := srv.messages(); code != 0 || len(got) != 1 || got[0].tls {
		t.Errorf("tls none on 127.0.0.1: exit %d, %d messages: %s", code, len(got), stderr)
	}
}
