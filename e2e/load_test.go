package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/pdftest"
	"github.com/careprint/careprint/internal/serve"
)

// loadClients is how many plans are asked for at once.
const loadClients = 50

// loadRenders is how many plans the server makes at once in the test
// (the default is one per core): fixed, so the bound below holds on any
// machine.
const loadRenders = 2

// maxLoadHeap bounds the Go heap, in bytes, while the plans are made. With
// 2 plans made at a time the peak was 64 MiB; with all 50 at once, 245
// MiB (2 cores, November 2026): the bound catches a server that stops
// queueing.
const maxLoadHeap = 160 << 20

// TestLoad asks a loopback careprint serve for 50 plans at once, each for
// another client: every answer is a valid PDF with its own client's name,
// and the heap stays bounded. The time is logged, not asserted (bench/
// measures speed).
func TestLoad(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector makes 50 plans slow: go test ./e2e (without -race) runs this test")
	}
	p, err := build.Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.New(p, serve.Options{Out: t.TempDir(), Renders: loadRenders}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: loadClients, MaxIdleConnsPerHost: loadClients}, Timeout: 5 * time.Minute}

	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	start := time.Now()
	pdfs := make([][]byte, loadClients)
	errs := make([]error, loadClients)
	var wg sync.WaitGroup
	for i := range loadClients {
		wg.Go(func() {
			form := url.Values{"routine": {"tbml"}, "lang": {[]string{"en", "es", "ar", "zh-Hans", "ru"}[i%5]},
				"client": {fmt.Sprintf("Client %02d", i)}, "days": {"7"}, "action": {"pdf"}}
			resp, err := client.PostForm(srv.URL+"/plan", form)
			if err != nil {
				errs[i] = err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				errs[i] = err
				return
			}
			if resp.StatusCode != 200 {
				errs[i] = fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
				return
			}
			pdfs[i] = body
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	<-sampled
	for i, err := range errs {
		if err != nil {
			t.Errorf("client %02d: %v", i, err)
		}
	}
	if t.Failed() {
		return
	}
	// each answer is a PDF for its own client
	for i, data := range pdfs {
		doc, err := pdftest.Read(data)
		if err != nil {
			t.Errorf("client %02d: %v", i, err)
			continue
		}
		text := strings.Join(strings.Fields(doc.AllText()), " ")
		if want := fmt.Sprintf("Client %02d", i); !strings.Contains(text, want) {
			t.Errorf("client %02d: no %q in the PDF", i, want)
		}
	}
	t.Logf("%d plans in %v (%.1f plans/s), peak heap %.1f MiB", loadClients, elapsed.Round(time.Millisecond), float64(loadClients)/elapsed.Seconds(), float64(peak.Load())/(1<<20))
	if peak.Load() > maxLoadHeap {
		t.Errorf("peak heap %.1f MiB, over the bound of %d MiB", float64(peak.Load())/(1<<20), maxLoadHeap>>20)
	}
}
