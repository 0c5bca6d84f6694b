package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		s    Server
		want string // "" for no error
	}{
		{"starttls", Server{Host: "smtp.example.org", User: "u", Password: "p"}, ""},
		{"no host", Server{}, "no SMTP server"},
		{"no tls on loopback", Server{Host: "127.0.0.1", TLS: NoTLS}, ""},
		{"no tls on localhost", Server{Host: "localhost", TLS: NoTLS}, ""},
		{"no tls on ::1", Server{Host: "::1", TLS: NoTLS}, ""},
		{"no tls elsewhere", Server{Host: "smtp.example.org", TLS: NoTLS}, "allowed only for a server on this machine"},
		{"no tls on a LAN address", Server{Host: "192.168.1.2", TLS: NoTLS}, "allowed only for a server on this machine"},
		{"bad tls", Server{Host: "h", TLS: "ssl"}, `smtp tls "ssl"`},
		{"user without password", Server{Host: "h", User: "u"}, "CAREPRINT_SMTP_PASSWORD is not"},
		{"bad port", Server{Host: "h", Port: 70000}, "smtp port"},
	} {
		err := tc.s.Check()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestWriteEML: the draft is a MIME message with the body in its
// language, the PDF attached byte for byte and the reminder.
func TestWriteEML(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.4\n\x00\xff binary")
	ics := ICS("Tu plan: RPS", "Hola", time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC), 8*time.Hour, 7, "x@careprint")
	m := &Message{From: "care@demo.example", To: "ana@example.com", Subject: "Tu plan de cuidados de Demo Clínica",
		Body: "Hola, Ana:\n\nTu plan.", FileName: "careplan.pdf", PDF: pdf, ICS: ics}
	var buf bytes.Buffer
	if err := m.WriteEML(&buf); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); subj != m.Subject {
		t.Errorf("subject %q", subj)
	}
	if msg.Header.Get("X-Unsent") != "1" {
		t.Error("not marked as a draft")
	}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	mr := multipart.NewReader(msg.Body, params["boundary"])
	got := map[string][]byte{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p) // multipart decodes quoted-printable; base64 below
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			data = decode64(t, data)
		}
		got[ct] = data
	}
	if !bytes.Equal(got["application/pdf"], pdf) {
		t.Errorf("PDF attachment %q", got["application/pdf"])
	}
	if !strings.Contains(string(got["text/plain"]), "Hola, Ana:") {
		t.Errorf("body %q", got["text/plain"])
	}
	cal := string(got["text/calendar"])
	for _, want := range []string{"DTSTART:20261130T080000Z", "RRULE:FREQ=DAILY;COUNT=7", "SUMMARY:Tu plan: RPS"} {
		if !strings.Contains(cal, want) {
			t.Errorf("reminder lacks %q:\n%s", want, cal)
		}
	}
}

func TestICSFolds(t *testing.T) {
	t.Parallel()
	ics := string(ICS(strings.Repeat("á", 60), "d", time.Now(), 0, 1, "u"))
	for _, l := range strings.Split(ics, "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	if !strings.Contains(strings.ReplaceAll(ics, "\r\n ", ""), "SUMMARY:"+strings.Repeat("á", 60)) {
		t.Error("unfolded summary differs")
	}
}

func decode64(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
