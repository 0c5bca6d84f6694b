package cli

import (
	"context"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/careprint/careprint/internal/pdftest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"careprint": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the txtar scripts in testdata/script: each holds its
// config and routines inline and asserts exit codes, messages and files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"checkpdf": checkPDF,
			"checkpng": checkPNG,
		},
	})
}

// checkPDF validates a PDF and checks its page count and text:
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
	want, _ := strconv.Atoi(args[1])
	if doc.Pages != want {
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
