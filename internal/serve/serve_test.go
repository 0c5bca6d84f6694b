package serve

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"html"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/pdftest"
	"github.com/careprint/careprint/internal/plan"
)

// lockedBuffer is a log both the server and the test read.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start serves the built-in default on a real loopback server; out is
// the gallery's folder.
func start(t *testing.T, out string) (*httptest.Server, *lockedBuffer) {
	t.Helper()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	day := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(New(p, Options{Out: out, Log: log, Now: func() time.Time { return day }}))
	t.Cleanup(srv.Close)
	return srv, log
}

func post(t *testing.T, srv *httptest.Server, form url.Values, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", srv.URL+"/plan", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func planForm(action string) url.Values {
	return url.Values{
		"routine": {"tbml", "engorgement"}, "lang": {"en"}, "client": {"Maria Quintero"},
		"side": {"left"}, "times": {"before each feed"}, "days": {"5"}, "note": {"Call me on Friday."},
		"consultant": {"Ana Ruiz"}, "action": {action},
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	srv, log := start(t, t.TempDir())
	resp, body := post(t, srv, planForm("pdf"), map[string]string{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d %s: %.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="careplan-2026-11-30-en.pdf"` {
		t.Errorf("Content-Disposition %q", got)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", resp.Header.Get("Cache-Control"))
	}
	doc, err := pdftest.Read(body)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(doc.AllText()), " ")
	for _, want := range []string{"Maria Quintero", "before each feed", "Call me on Friday.", "Therapeutic breast massage"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the PDF's text:\n%.2000s", want, text)
		}
	}
	noClient(t, srv, log)
}

// noClient fails when the log names the client or repeats her note. It
// closes srv first: the access line is written when a handler returns,
// which can be after the client has read a body of known length.
func noClient(t *testing.T, srv *httptest.Server, lb *lockedBuffer) {
	t.Helper()
	srv.Close()
	log := lb.String()
	if log == "" {
		t.Error("the access log is empty")
	}
	for _, s := range []string{"Maria", "Quintero", "Friday", "feed", "Ana Ruiz", "example.org"} {
		if strings.Contains(log, s) {
			t.Errorf("the log holds %q:\n%s", s, log)
		}
	}
}

func TestPreview(t *testing.T) {
	t.Parallel()
	srv, log := start(t, t.TempDir())
	resp, body := post(t, srv, planForm("preview"), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %.500s", resp.StatusCode, body)
	}
	m := regexp.MustCompile(`<img src="data:image/png;base64,([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no preview picture in:\n%.3000s", body)
	}
	data, err := base64.StdEncoding.DecodeString(html.UnescapeString(string(m[1])))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dy() <= b.Dx() {
		t.Errorf("preview is %v: want a page, at least 600 px wide", b)
	}
	// what was typed is still in the form
	for _, want := range []string{`value="Maria Quintero"`, `value="tbml" checked`, `value="engorgement" checked`, `<option value="left" selected>`, `>Call me on Friday.</textarea>`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("no %s in the form", want)
		}
	}
	noClient(t, srv, log)
}

func TestBadValues(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, t.TempDir())
	f := planForm("pdf")
	f.Set("client", "")
	f.Set("days", "99")
	f.Set("side", "up")
	f["routine"] = []string{"nosuch"}
	resp, body := post(t, srv, f, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d %s, want the form back (422)", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, field := range []string{"client", "days", "side", "routine"} {
		if !regexp.MustCompile(`id="` + field + `-msg">[^<]+<`).Match(body) {
			t.Errorf("no message beside %s", field)
		}
	}
	if !bytes.Contains(body, []byte(`id="routine-msg">Clinic &#34;riverside&#34; does not hand out &#34;nosuch&#34;`)) {
		t.Errorf("routine message: %s", regexp.MustCompile(`id="routine-msg">[^<]*`).Find(body))
	}
	if !bytes.Contains(body, []byte(`value="Call me on Friday."`)) && !bytes.Contains(body, []byte(`>Call me on Friday.</textarea>`)) {
		t.Error("the note typed is lost")
	}
	// sending without mail settings says how to turn it on
	f = planForm("send")
	f.Set("email", "maria@example.org")
	resp, body = post(t, srv, f, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !bytes.Contains(body, []byte(`id="email-msg">Sending is off: set smtp in config.yaml`)) {
		t.Errorf("send without smtp: status %d, %s", resp.StatusCode, regexp.MustCompile(`id="email-msg">[^<]*`).Find(body))
	}
}

// fakeMail records what the page sends.
type fakeMail struct {
	mu   sync.Mutex
	sent []string // "to name client"
	pdf  []byte
	err  error
}

func (m *fakeMail) Send(_ context.Context, r plan.Request, pdf []byte, name, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.sent = append(m.sent, to+" "+name+" "+r.Client)
	m.pdf = pdf
	return nil
}

func TestSend(t *testing.T) {
	t.Parallel()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	m := &fakeMail{}
	log := &lockedBuffer{}
	day := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(New(p, Options{Out: t.TempDir(), Mail: m, Log: log, Now: func() time.Time { return day }}))
	defer srv.Close()
	f := planForm("send")
	f.Set("email", "maria@example.org")
	resp, body := post(t, srv, f, nil)
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("Sent to maria@example.org.")) {
		t.Fatalf("status %d: %s", resp.StatusCode, regexp.MustCompile(`class="(ok|msg|alert)"[^<]*`).FindAll(body, -1))
	}
	m.mu.Lock()
	sent, pdf := m.sent, m.pdf
	m.err = errors.New("recipient refused") // the next one is refused
	m.mu.Unlock()
	if len(sent) != 1 || sent[0] != "maria@example.org careplan-2026-11-30-en.pdf Maria Quintero" {
		t.Errorf("sent %q", sent)
	}
	if doc, err := pdftest.Read(pdf); err != nil || !strings.Contains(doc.AllText(), "Maria Quintero") {
		t.Errorf("the PDF sent: %v", err)
	}
	resp, body = post(t, srv, f, nil)
	if resp.StatusCode != http.StatusBadGateway || !bytes.Contains(body, []byte(`id="email-msg">Not sent: recipient refused`)) {
		t.Errorf("refused mail: status %d, %s", resp.StatusCode, regexp.MustCompile(`id="email-msg">[^<]*`).Find(body))
	}
	// no address
	f.Set("email", "")
	resp, body = post(t, srv, f, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !bytes.Contains(body, []byte(`id="email-msg">Give the client&#39;s email address.`)) {
		t.Errorf("no address: status %d, %s", resp.StatusCode, regexp.MustCompile(`id="email-msg">[^<]*`).Find(body))
	}
	noClient(t, srv, log)
}

func TestCrossOriginRefused(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, t.TempDir())
	for _, h := range []map[string]string{
		{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
		{"Origin": "http://127.0.0.1:1"}, // another origin, an older browser
	} {
		resp, body := post(t, srv, planForm("pdf"), h)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%v: status %d, want 403", h, resp.StatusCode)
		}
		if !bytes.Contains(body, []byte("careprint refused this request: the form was sent from "+h["Origin"])) {
			t.Errorf("%v: refusal does not say why: %s", h, body)
		}
	}
	// the form's own page may post
	resp, _ := post(t, srv, planForm("pdf"), map[string]string{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != 200 {
		t.Errorf("same origin: status %d", resp.StatusCode)
	}
}

func TestGallery(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	srv, _ := start(t, out)
	get := func(path string) (int, string) {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/gallery/"); code != 404 || !strings.Contains(body, "run careprint build") {
		t.Errorf("no build yet: %d %q", code, body)
	}
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	o := build.Options{Out: out, Routine: "rps", Lang: "en", Format: "pdf"}
	jobs, err := p.Plan(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(context.Background(), jobs, o); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "private.txt"), []byte("x"), 0o644)
	if code, body := get("/gallery/"); code != 200 || !strings.Contains(body, `href="riverside/en/rps.pdf"`) {
		t.Errorf("gallery: %d %.300q", code, body)
	}
	if code, body := get("/gallery/riverside/en/rps.pdf"); code != 200 || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("handout: %d", code)
	}
	for _, path := range []string{"/gallery/private.txt", "/gallery/manifest.json", "/gallery/../go.mod", "/gallery/riverside/"} {
		if code, _ := get(path); code != 404 {
			t.Errorf("%s: status %d, want 404 (not a file of the build)", path, code)
		}
	}
}

func TestListenAndServeStops(t *testing.T) {
	t.Parallel()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, "127.0.0.1:0", New(p, Options{Out: t.TempDir()}), func(a net.Addr) { addrc <- a.String() })
	}()
	addr := <-addrc
	// a client that opens a connection and says nothing does not hold
	// up others
	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cancel() // Ctrl-C
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stopped with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("did not stop 20 s after the context ended")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("still answering after it stopped")
	}
}

func TestLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.5:80": false, "nonsense": false,
	} {
		if got := Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestNothingKept makes, previews and sends plans, then finds no file
// anywhere careprint could write on its own: the temporary, cache, config
// and home folders and the output folder are as they were, and the log
// names no one. (Not parallel: it points those folders elsewhere.)
func TestNothingKept(t *testing.T) {
	dirs := map[string]string{}
	for _, v := range []string{"TMPDIR", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"} {
		dirs[v] = t.TempDir()
		t.Setenv(v, dirs[v])
	}
	out := t.TempDir()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	srv := httptest.NewServer(New(p, Options{Out: out, Log: log, Mail: &fakeMail{}}))
	defer srv.Close()
	for _, action := range []string{"preview", "pdf", "send"} {
		f := planForm(action)
		f.Set("email", "maria@example.org")
		if resp, body := post(t, srv, f, nil); resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %.300s", action, resp.StatusCode, body)
		}
	}
	dirs["out"] = out
	for name, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && path != dir {
				t.Errorf("%s holds %s after serving plans", name, path)
			}
			return nil
		})
	}
	noClient(t, srv, log)
}

// TestFormPage: the form needs no script and nothing from the network,
// and is not cached.
func TestFormPage(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, t.TempDir())
	resp, err := srv.Client().Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, bad := range []string{"<script", "http://", "https://", "javascript:"} {
		if bytes.Contains(body, []byte(bad)) {
			t.Errorf("the form page holds %q", bad)
		}
	}
	for _, want := range []string{`name="routine" value="tbml"`, `<option value="ar" lang="ar" dir="rtl">العربية (Arabic)</option>`, `name="client"`, `name="side"`, `name="times"`, `name="days"`, `name="note"`, `value="preview"`, `value="pdf"`, `value="send"`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("no %s in the form", want)
		}
	}
	if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", got)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
}
