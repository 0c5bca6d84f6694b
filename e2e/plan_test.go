package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/careprint/careprint/internal/pdftest"
)

// TestPlanInBrowser fills careprint serve's form in a real browser, in
// English and in Arabic: the preview shows page 1, the PDF downloads and
// holds the client's name; a form without a routine comes back with the
// message beside the routines.
func TestPlanInBrowser(t *testing.T) {
	t.Parallel()
	srv := startServe(t, t.TempDir())
	ctx := newBrowser(t)
	shots := shotDir(t)
	downloads := t.TempDir()
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true),
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, client, times, note string
	}{
		{"en", "Maria Quintero", "before each feed", "Call us on Friday."},
		{"ar", "Layla Haddad", "قبل كل رضعة", "اتصلي بنا يوم الجمعة."},
	} {
		c := within(t, ctx)
		fill := chromedp.Steps(
			chromedp.Navigate(srv.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("#client")),
			chromedp.Click(chromedp.CSS(`input[name=routine][value=tbml]`)),
			chromedp.Click(chromedp.CSS(`input[name=routine][value=rps]`)),
			chromedp.SetValue(chromedp.CSS("#lang"), tc.lang),
			chromedp.SendKeys(chromedp.CSS("#client"), tc.client),
			chromedp.SetValue(chromedp.CSS("#side"), "left"),
			chromedp.SendKeys(chromedp.CSS("#times"), tc.times),
			chromedp.SetValue(chromedp.CSS("#days"), "5"),
			chromedp.SendKeys(chromedp.CSS("#note"), tc.note),
		)
		// preview
		if err := chromedp.Do(c, fill, chromedp.Click(chromedp.CSS(`button[value=preview]`)), chromedp.WaitVisible(chromedp.CSS(".preview img"))); err != nil {
			t.Fatalf("%s: preview: %v", tc.lang, err)
		}
		w, err := chromedp.Run(c, chromedp.Evaluate[int](`(async () => { const i = document.querySelector('.preview img'); await i.decode(); return i.naturalWidth; })()`, chromedp.EvalAwaitPromise))
		if err != nil || w < 600 {
			t.Errorf("%s: the preview is %d px wide (%v)", tc.lang, w, err)
		}
		kept, err := chromedp.Run(c, chromedp.Value(chromedp.CSS("#client")))
		if err != nil || kept != tc.client {
			t.Errorf("%s: the form lost the client's name: %q", tc.lang, kept)
		}
		png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, shots, "serve-preview-"+tc.lang+".png", png)
		// download: the form still holds what was typed
		progress := chromedp.Events(c, browser.DownloadProgress)
		if err := chromedp.Do(c, chromedp.Click(chromedp.CSS(`button[value=pdf]`))); err != nil {
			t.Fatalf("%s: download: %v", tc.lang, err)
		}
		var file string
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("%s: download: %v", tc.lang, err)
			}
			if ev.State == browser.DownloadProgressStateCanceled {
				t.Fatalf("%s: download canceled", tc.lang)
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				file = filepath.Join(downloads, ev.GUID)
				break
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pdftest.Read(data)
		if err != nil {
			t.Fatalf("%s: the PDF downloaded: %v", tc.lang, err)
		}
		text := strings.Join(strings.Fields(doc.AllText()), " ")
		if !strings.Contains(text, tc.client) {
			t.Errorf("%s: no %q in the PDF's text:\n%.1500s", tc.lang, tc.client, text)
		}
		os.Remove(file)
		t.Logf("%s: %d pages, %d bytes, the client's name found", tc.lang, doc.Pages, len(data))
	}
	// a bad value: no routine chosen
	c := within(t, ctx)
	if err := chromedp.Do(c,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#client"), "Maria Quintero"),
		chromedp.Click(chromedp.CSS(`button[value=preview]`)),
		chromedp.WaitVisible(chromedp.CSS("#routine-msg")),
	); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("#routine-msg")))
	if err != nil || !strings.Contains(msg, "Name at least one routine") {
		t.Errorf("message beside the routines: %q (%v)", msg, err)
	}
	png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, shots, "serve-error-en.png", png)
}

func ptr[T any](v T) *T { return &v }
