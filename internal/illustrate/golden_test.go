package illustrate_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden (refused when CI is set)")

// goldenDir holds one drawing-record dump (.txt) and one small picture
// (.png) per illustration case.
const goldenDir = "testdata/golden"

// goldenPx is the side of a PNG golden in pixels: small, to keep the
// repository lean, but enough to see a mark move.
const goldenPx = 160

// PNG tolerance: a pixel differs when one of its channels differs by more
// than pngChannelTol; an image differs when more than pngPixelFrac of its
// pixels do. Anti-aliasing may change a little between versions of the
// rasteriser; a moved or missing mark changes far more.
const (
	pngChannelTol = 8
	pngPixelFrac  = 0.005
)

// howToUpdate is the line that tells a person how to refresh goldens.
const howToUpdate = "go test ./internal/illustrate -update"

// refuseUpdateUnderCI stops -update in CI: goldens are refreshed by a
// person who has looked at the pictures, never by the build.
func refuseUpdateUnderCI(t *testing.T) {
	t.Helper()
	if *update && os.Getenv("CI") != "" {
		t.Fatalf("-update refuses to run when CI is set (CI=%q): refresh goldens locally with %q, look at them, and commit them", os.Getenv("CI"), howToUpdate)
	}
}

// TestGoldenDump compares the drawing record of every illustration case
// with its text golden, exactly. The record is in millimetres on a 100 mm
// page, so one unit of the view is one millimetre.
func TestGoldenDump(t *testing.T) {
	refuseUpdateUnderCI(t)
	for _, c := range allCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			got := record(t, c.Il, 100, testColors()).Dump()
			path := filepath.Join(goldenDir, c.Name+".txt")
			if *update {
				writeGolden(t, path, []byte(got))
				return
			}
			want, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden %s: create it with %s (then look at it)", path, howToUpdate)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("drawing record differs from %s:\n%s\nif the change is intended, refresh with %s", path, firstDiff(string(want), got), howToUpdate)
			}
		})
	}
}

// TestGoldenPNG compares every illustration case, rendered at goldenPx, with
// its PNG golden: decoded, channel by channel, within the tolerance above.
func TestGoldenPNG(t *testing.T) {
	refuseUpdateUnderCI(t)
	fontSet := builtinFonts(t)
	for _, c := range allCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			got := render(t, fontSet, c.Il, goldenPx, testColors())
			path := filepath.Join(goldenDir, c.Name+".png")
			if *update {
				var b bytes.Buffer
				enc := png.Encoder{CompressionLevel: png.BestCompression}
				if err := enc.Encode(&b, got); err != nil {
					t.Fatal(err)
				}
				writeGolden(t, path, b.Bytes())
				return
			}
			data, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden %s: create it with %s (then look at it)", path, howToUpdate)
			}
			if err != nil {
				t.Fatal(err)
			}
			want, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("golden %s: %v", path, err)
			}
			if err := comparePNG(want, got, pngChannelTol, pngPixelFrac); err != nil {
				out := filepath.Join(os.TempDir(), "careprint-golden", c.Name+".got.png")
				if werr := os.MkdirAll(filepath.Dir(out), 0o755); werr == nil {
					writePNG(t, out, got)
				}
				t.Errorf("%s: %v\nthe new picture is in %s; if the change is intended, refresh with %s", path, err, out, howToUpdate)
			}
		})
	}
}

// TestGoldenOrphans fails on golden files no case produces any more (a
// renamed step, a removed routine); -update removes them.
func TestGoldenOrphans(t *testing.T) {
	refuseUpdateUnderCI(t)
	want := map[string]bool{}
	for _, c := range allCases(t) {
		want[c.Name+".txt"] = true
		want[c.Name+".png"] = true
	}
	entries, err := os.ReadDir(goldenDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var orphans []string
	for _, e := range entries {
		if !want[e.Name()] {
			orphans = append(orphans, e.Name())
		}
	}
	sort.Strings(orphans)
	for _, name := range orphans {
		path := filepath.Join(goldenDir, name)
		if *update {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed %s", path)
			continue
		}
		t.Errorf("golden %s belongs to no case: remove it with %s", path, howToUpdate)
	}
}

func writeGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// firstDiff shows the first line where want and got differ, with its
// number.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s\n(%d lines wanted, %d got)", i+1, w, g, len(wl), len(gl))
		}
	}
	return "(no line differs)"
}

// comparePNG reports whether got matches want: the same size, and at most
// frac of the pixels with a channel (R, G, B or A, 8-bit) more than tol
// apart. Images are compared decoded, never byte for byte, so a different
// encoder or compression level does not matter.
func comparePNG(want, got image.Image, tol int, frac float64) error {
	wb, gb := want.Bounds(), got.Bounds()
	if wb.Dx() != gb.Dx() || wb.Dy() != gb.Dy() {
		return fmt.Errorf("size %dx%d, want %dx%d", gb.Dx(), gb.Dy(), wb.Dx(), wb.Dy())
	}
	over, worst := 0, 0
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			d := pixelDiff(want.At(wb.Min.X+x, wb.Min.Y+y), got.At(gb.Min.X+x, gb.Min.Y+y))
			worst = max(worst, d)
			if d > tol {
				over++
			}
		}
	}
	total := wb.Dx() * wb.Dy()
	if float64(over) > frac*float64(total) {
		return fmt.Errorf("%d of %d pixels (%.2f%%) differ by more than %d in a channel (worst %d); at most %.2f%% may", over, total, 100*float64(over)/float64(total), tol, worst, 100*frac)
	}
	return nil
}

// pixelDiff is the largest difference between one channel of a and the
// same channel of b, on the 8-bit scale (0 to 255).
func pixelDiff(a, b color.Color) int {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := 0
	for _, p := range [][2]uint32{{ar, br}, {ag, bg}, {ab, bb}, {aa, ba}} {
		x, y := int(p[0]>>8), int(p[1]>>8)
		if x > y {
			d = max(d, x-y)
		} else {
			d = max(d, y-x)
		}
	}
	return d
}

func TestComparePNG(t *testing.T) {
	base := func() *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, 20, 20))
		for i := range img.Pix {
			img.Pix[i] = 200
			if i%4 == 3 {
				img.Pix[i] = 255 // opaque, as every picture here is
			}
		}
		return img
	}
	shift := func(n int, by uint8) *image.NRGBA {
		img := base()
		for i := 0; i < n; i++ {
			img.Pix[4*i+1] += by // green of the first n pixels
		}
		return img
	}
	tests := []struct {
		name string
		got  image.Image
		ok   bool
	}{
		{"identical", base(), true},
		{"every pixel within tolerance", shift(400, 8), true},
		{"two of 400 pixels over tolerance (0.5%)", shift(2, 9), true},
		{"three of 400 pixels over tolerance", shift(3, 9), false},
		{"one pixel far off, within the share", shift(1, 55), true},
		{"other size", image.NewNRGBA(image.Rect(0, 0, 20, 21)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := comparePNG(base(), tt.got, 8, 0.005)
			if (err == nil) != tt.ok {
				t.Errorf("comparePNG: %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
