// Package e2e holds careprint's slow suites: a real browser (Debian's
// chromium, driven by chromedp) on the gallery and on careprint serve,
// and a loopback load test of serve.
//
// Under plain `go test ./...` the browser tests skip when chromium is not
// installed; CI (.ci/run) installs it and sets CAREPRINT_BROWSER=1, which
// makes a missing browser a failure. Screenshots go to
// $CAREPRINT_SCREENSHOTS, else to a temporary folder named in the log.
package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/serve"
)

// browserPath finds chromium, or skips (fails under CAREPRINT_BROWSER=1).
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium on PATH: install it (apt-get install -y chromium) to run the browser tests"
	if os.Getenv("CAREPRINT_BROWSER") == "1" {
		t.Fatal(msg + " (CAREPRINT_BROWSER=1 requires them)")
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless chromium with a fresh profile and returns
// a tab's context; everything stops when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := browserPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start it
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// within bounds one step of a test (the browser outlives it).
func within(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return c
}

// shotDir is where screenshots go.
func shotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CAREPRINT_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func saveShot(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	if len(png) == 0 {
		t.Fatalf("screenshot %s is empty", name)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// buildLangs builds the default's handouts, cards and posters in langs
// into a new folder, one filtered build per language (the gallery lists
// them all). Under the race detector only one routine's cards and poster
// are made (the handouts all are): pictures are slow there.
func buildLangs(t *testing.T, langs ...string) string {
	t.Helper()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, l := range langs {
		opts := []build.Options{{Out: out, Lang: l}}
		if raceDetector {
			opts = []build.Options{{Out: out, Lang: l, Format: "pdf"}, {Out: out, Lang: l, Format: "png", Routine: "tbml"}}
		}
		for _, o := range opts {
			jobs, err := p.Plan(o)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Run(context.Background(), jobs, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// link is a link or picture of a page, as the browser resolved it.
type link struct {
	Href  string `json:"href"`
	Text  string `json:"text"`
	Width int    `json:"width"` // a picture's naturalWidth
}

// TestGalleryInBrowser opens out/index.html from disk: every link leads
// to a file of the build, every thumbnail loads, Arabic runs right to
// left.
func TestGalleryInBrowser(t *testing.T) {
	t.Parallel()
	out := buildLangs(t, "en", "ar")
	ctx := newBrowser(t)
	shots := shotDir(t)
	page := "file://" + filepath.ToSlash(filepath.Join(out, "index.html"))
	c := within(t, ctx)
	if err := chromedp.Do(c, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#riverside-ar"))); err != nil {
		t.Fatal(err)
	}
	// wait for every picture, then list links and pictures
	links, err := chromedp.Run(c, chromedp.Evaluate[[]link](`(async () => {
		await Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
		return [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, text: a.textContent.trim(), width: 0}));
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := chromedp.Run(c, chromedp.Evaluate[[]link](`[...document.images].map(i => ({href: i.src, text: i.alt, width: i.naturalWidth}))`))
	if err != nil {
		t.Fatal(err)
	}
	handouts := map[string]bool{}
	for _, l := range links {
		if strings.HasSuffix(l.Href, ".pdf") {
			handouts[l.Href] = true
		}
	}
	if len(handouts) != 2*6 || len(imgs) != 2*6 {
		t.Fatalf("%d handouts and %d pictures: want 6 routines in 2 languages, each with a thumbnail", len(handouts), len(imgs))
	}
	files := 0
	for _, l := range links {
		u, err := url.Parse(l.Href)
		if err != nil {
			t.Fatal(err)
		}
		if u.Scheme != "file" {
			t.Errorf("link %q (%s) leaves the folder", l.Href, l.Text)
			continue
		}
		if u.Fragment != "" && strings.TrimPrefix(page, "file://") == u.Path {
			n, err := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll('[id="`+u.Fragment+`"]').length`))
			if err != nil || n != 1 {
				t.Errorf("link %s: no one element with id %q", l.Href, u.Fragment)
			}
			continue
		}
		rel, err := filepath.Rel(out, filepath.FromSlash(u.Path))
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("link %s leaves the output folder", l.Href)
			continue
		}
		if fi, err := os.Stat(u.Path); err != nil || fi.Size() == 0 {
			t.Errorf("link %s (%s): %v", rel, l.Text, err)
		}
		files++
	}
	for _, img := range imgs {
		if img.Width != 240 {
			t.Errorf("thumbnail %s (%s): naturalWidth %d, want 240", img.Href, img.Text, img.Width)
		}
	}
	dir, err := chromedp.Run(c, chromedp.Evaluate[string](`getComputedStyle(document.getElementById('riverside-ar')).direction`))
	if err != nil || dir != "rtl" {
		t.Errorf("the Arabic section's direction is %q (%v), want rtl", dir, err)
	}
	name, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("#riverside-ar h3")))
	if err != nil || !strings.Contains(name, "العربية") {
		t.Errorf("the Arabic section is headed %q (%v), want its own name", name, err)
	}
	t.Logf("%d links to files, %d thumbnails checked", files, len(imgs))
	for _, s := range []struct{ name, sel string }{{"gallery-en.png", "#riverside-en"}, {"gallery-ar.png", "#riverside-ar"}} {
		png, err := chromedp.Run(c, chromedp.Screenshot(chromedp.CSS(s.sel)))
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, shots, s.name, png)
	}
	png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, shots, "gallery-full.png", png)
}

// startServe serves the default's form on a loopback server.
func startServe(t *testing.T, out string) *httptest.Server {
	t.Helper()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.New(p, serve.Options{Out: out}))
	t.Cleanup(srv.Close)
	return srv
}

// TestForeignOriginInBrowser posts careprint's form from a page of
// another origin: careprint refuses it and says why.
func TestForeignOriginInBrowser(t *testing.T) {
	t.Parallel()
	srv := startServe(t, t.TempDir())
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><form method="post" action="` + srv.URL + `/plan">
<input name="routine" value="tbml"><input name="lang" value="en"><input name="client" value="Someone">
<button id="go" name="action" value="pdf">Go</button></form>`))
	}))
	t.Cleanup(evil.Close)
	ctx := newBrowser(t)
	c := within(t, ctx)
	if err := chromedp.Do(c, chromedp.Navigate(evil.URL), chromedp.Click(chromedp.CSS("#go"))); err != nil {
		t.Fatal(err)
	}
	// a plain-text answer shows as a <pre>, which the form page has not
	text, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("pre")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "careprint refused this request: the form was sent from "+evil.URL) {
		t.Errorf("refusal page says:\n%s", text)
	}
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, shotDir(t), "serve-refused.png", png)
}
