package cli

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"image"
	_ "image/png"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/careprint/careprint/internal/pdftest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"careprint": func() { os.Exit(Exec()) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: each holds its
// config and routines inline and asserts exit codes, messages and files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"checkpdf":     checkPDF,
			"checkpdftext": checkPDFText,
			"checkpng":     checkPNG,
			"checktree":    checkTree,
			"checkgallery": checkGallery,
			"cmpdir":       cmpDir,
			"sha256check":  sha256Check,
			"waitfor":      waitFor,
			"killbuilds":   killBuilds,
		},
	})
}

// checkPDF validates a PDF and checks its page count (N, or <=N) and text:
// checkpdf FILE PAGES [TEXT...]
func checkPDF(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: checkpdf file pages [text...]")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	doc, err := pdftest.Read(data)
	if neg {
		if err == nil {
			ts.Fatalf("%s: valid PDF, want invalid", args[0])
		}
		return
	}
	ts.Check(err)
	if max, ok := strings.CutPrefix(args[1], "<="); ok {
		n, _ := strconv.Atoi(max)
		if doc.Pages > n {
			ts.Fatalf("%s: %d pages, want at most %d", args[0], doc.Pages, n)
		}
	} else if want, _ := strconv.Atoi(args[1]); doc.Pages != want {
		ts.Fatalf("%s: %d pages, want %d", args[0], doc.Pages, want)
	}
	text := strings.Join(strings.Fields(doc.AllText()), " ")
	for _, s := range args[2:] {
		if !strings.Contains(text, s) {
			ts.Fatalf("%s: no %q in text:\n%s", args[0], s, text)
		}
	}
}

// checkPNG decodes a PNG and checks its size and that it is not blank:
// checkpng FILE WIDTH HEIGHT
func checkPNG(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: checkpng file width height")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	img, format, err := image.Decode(f)
	ts.Check(err)
	b := img.Bounds()
	got := fmt.Sprintf("%s %dx%d", format, b.Dx(), b.Dy())
	want := fmt.Sprintf("png %sx%s", args[1], args[2])
	if (got == want) == neg {
		ts.Fatalf("%s: %s, want %s", args[0], got, want)
	}
	if !neg && inkFraction(img) < 0.02 {
		ts.Fatalf("%s: almost blank (%.3f of pixels differ from the background)", args[0], inkFraction(img))
	}
}

// inkFraction is the share of pixels that differ from the top-left pixel.
func inkFraction(img image.Image) float64 {
	b := img.Bounds()
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if absDiff(r, r0)+absDiff(g, g0)+absDiff(bl, b0) > 3*0x1000 {
				n++
			}
		}
	}
	return float64(n) / float64((b.Dx()/2)*(b.Dy()/2))
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// checkTree checks that every file below a folder is complete: no
// temporary file is left, every PDF validates and every PNG decodes.
// checktree DIR
func checkTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: checktree dir")
	}
	n, err := treeComplete(ts.MkAbs(args[0]), false)
	ts.Check(err)
	ts.Logf("checktree: %d files complete", n)
}

// treeComplete checks every file below dir: every PDF validates, every
// PNG decodes, and (unless tmpOK) no temporary file is left. It returns
// how many files it checked.
func treeComplete(dir string, tmpOK bool) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			if tmpOK {
				return nil
			}
			return fmt.Errorf("temporary file left: %s", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".pdf":
			if _, err := pdftest.Read(data); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		case ".png":
			if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		case ".json":
			if !json.Valid(data) {
				return fmt.Errorf("%s: not JSON", p)
			}
		}
		n++
		return nil
	})
	return n, err
}

// killBuilds runs `careprint ARGS...` once to time it, then N times more,
// each killed (SIGKILL: no chance to clean up) at a random moment within
// that time, and checks after each kill that every file below DIR is
// complete (temporary files aside): killbuilds [-term] N DIR ARGS...
// It stops early, after at least 3 kills, once 10 s have passed.
// With -term it sends SIGTERM instead: careprint must then stop within
// a few seconds, leaving no temporary file.
func killBuilds(ts *testscript.TestScript, neg bool, args []string) {
	sig := os.Signal(syscall.SIGKILL)
	if len(args) > 0 && args[0] == "-term" {
		sig, args = syscall.SIGTERM, args[1:]
	}
	if neg || len(args) < 3 {
		ts.Fatalf("usage: killbuilds [-term] n dir args...")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	dir := ts.MkAbs(args[1])
	run := func() *exec.Cmd {
		cmd := exec.Command("careprint", args[2:]...)
		cmd.Dir = ts.MkAbs(".")
		ts.Check(cmd.Start())
		return cmd
	}
	start := time.Now()
	ts.Check(run().Wait())
	whole := time.Since(start)
	killed := 0
	// bounded: N kills, or as many as fit in 10 s on a slow (or -race)
	// machine, at least 3
	budget := time.Now().Add(10 * time.Second)
	for i := 0; i < n && (i < 3 || time.Now().Before(budget)); i++ {
		cmd := run()
		delay := time.Duration(rand.Int64N(int64(whole)))
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		sent := time.Now()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				killed++
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			ts.Fatalf("careprint did not stop within 10 s of %v", sig)
		}
		if sig == syscall.SIGTERM {
			ts.Logf("stopped %v after %v", sig, time.Since(sent).Round(time.Millisecond))
		}
		files, err := treeComplete(dir, sig == syscall.SIGKILL)
		if err != nil {
			ts.Fatalf("after a kill at %v of %v: %v", delay.Round(time.Millisecond), whole.Round(time.Millisecond), err)
		}
		ts.Logf("kill at %v of %v: %d files complete", delay.Round(time.Millisecond), whole.Round(time.Millisecond), files)
	}
	if killed == 0 {
		ts.Fatalf("no build was killed before it ended")
	}
}

// cmpDir checks that two folders hold the same files with the same bytes:
// cmpdir DIR1 DIR2
func cmpDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cmpdir dir1 dir2")
	}
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		ts.Check(err)
		return files
	}
	a, b := read(ts.MkAbs(args[0])), read(ts.MkAbs(args[1]))
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			ts.Fatalf("%s: only in %s", name, args[0])
		case !bytes.Equal(data, other):
			ts.Fatalf("%s: differs between %s and %s", name, args[0], args[1])
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			ts.Fatalf("%s: only in %s", name, args[1])
		}
	}
	if len(a) == 0 {
		ts.Fatalf("%s: no files", args[0])
	}
	ts.Logf("cmpdir: %d files identical", len(a))
}

// sha256Check verifies the SHA256SUMS of an output folder, like
// `sha256sum -c`. sha256check DIR
func sha256Check(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sha256check dir")
	}
	dir := ts.MkAbs(args[0])
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	ts.Check(err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			ts.Fatalf("bad line %q", sc.Text())
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		ts.Check(err)
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			ts.Fatalf("%s: sha256 mismatch", name)
		}
		n++
	}
	if n == 0 {
		ts.Fatalf("SHA256SUMS lists no file")
	}
}

// checkGallery checks DIR/index.html against DIR/SHA256SUMS: every link
// and picture is a file the build listed, and every PDF and PNG listed is
// linked: checkgallery DIR
func checkGallery(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: checkgallery dir")
	}
	dir := ts.MkAbs(args[0])
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	ts.Check(err)
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	ts.Check(err)
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		_, name, _ := strings.Cut(line, "  ")
		listed[name] = true
	}
	if !listed["index.html"] {
		ts.Fatalf("SHA256SUMS does not list index.html")
	}
	linked := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"#][^"]*)"`).FindAllStringSubmatch(string(page), -1) {
		u, err := url.PathUnescape(html.UnescapeString(m[1]))
		ts.Check(err)
		if !listed[u] {
			ts.Fatalf("index.html links %s, which the build did not list", u)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(u))); err != nil {
			ts.Fatalf("index.html links %s: %v", u, err)
		}
		linked[u] = true
	}
	for name := range listed {
		if ext := filepath.Ext(name); (ext == ".pdf" || ext == ".png") && !linked[name] {
			ts.Fatalf("index.html does not link %s", name)
		}
	}
	ts.Logf("checkgallery: %d files linked", len(linked))
}

// checkPDFText checks that a PDF's text holds every string (or, negated,
// none of them): checkpdftext FILE TEXT...
func checkPDFText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: checkpdftext file text...")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	doc, err := pdftest.Read(data)
	ts.Check(err)
	text := strings.Join(strings.Fields(doc.AllText()), " ")
	for _, s := range args[1:] {
		if strings.Contains(text, s) == neg {
			if neg {
				ts.Fatalf("%s: %q found, want it gone", args[0], s)
			}
			ts.Fatalf("%s: no %q in text:\n%s", args[0], s, text)
		}
	}
}

// waitFor waits until a path exists (a build has started writing), at
// most 60 s: waitfor PATH
func waitFor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfor path")
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("%s did not appear in 60 s", args[0])
}
