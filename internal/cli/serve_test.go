package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe starts careprint serve on a free loopback port: it answers,
// and stops cleanly (exit 0) when its context ends, as on Ctrl-C.
func TestServe(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--out", t.TempDir()}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v (stderr: %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	u := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if u == "" {
		t.Fatalf("no address in %q", line)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `<form method="post" action="plan"`) {
		t.Fatalf("status %d: %.300s", resp.StatusCode, page)
	}
	cancel()
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("exit %d, want 0", c)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still serving 20 s after Ctrl-C")
	}
}

func TestServeBadAddr(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if c := Main(context.Background(), []string{"serve", "--addr", "8080"}, &stdout, &stderr); c != ExitUsage {
		t.Errorf("exit %d, want %d", c, ExitUsage)
	}
	if !strings.Contains(stderr.String(), `--addr "8080": write host:port, e.g. 127.0.0.1:8080`) {
		t.Errorf("stderr: %s", stderr.String())
	}
}
