package build

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/pdftest"
)

// pngOf encodes img; patch, if set, edits the IHDR chunk's 13 bytes
// (width, height, depth, colour type, compression, filter, interlace)
// and the chunk's CRC is made right again.
func pngOf(t *testing.T, img image.Image, patch func(ihdr []byte)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if patch != nil {
		patch(data[16:29])
		binary.BigEndian.PutUint32(data[29:33], crc32.ChecksumIEEE(data[12:29]))
	}
	return data
}

func solid(c color.Color, w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	return img
}

// loadWithLogo writes config.yaml with logo and the files, and loads it.
func loadWithLogo(t *testing.T, dir, logo, extra string, files map[string][]byte) (*Project, error) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := "clinics:\n  - id: demo\n    name: Demo Clinic\n    routines: [rps]\n    review: {date: 2026-01-02}\n    logo: " + logo + "\n" + extra
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(path, careprint.Files)
}

// TestLogosConvertedUpFront: logos the backends cannot take as they are
// (16-bit, interlaced PNG; CMYK JPEG) are converted at load; with alpha they pass; each
// PDF is written, parses and holds the logo.
func TestLogosConvertedUpFront(t *testing.T) {
	t.Parallel()
	// Go's own CMYK JPEG test image
	cmyk, _ := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "video-001.cmyk.jpeg"))
	deep := image.NewNRGBA64(image.Rect(0, 0, 6, 4))
	for i := range deep.Pix {
		deep.Pix[i] = 0xff
	}
	for name, data := range map[string][]byte{
		"16-bit":     pngOf(t, deep, nil),
		"interlaced": pngOf(t, solid(color.NRGBA{200, 0, 0, 255}, 1, 1), func(h []byte) { h[12] = 1 }),
		"alpha":      pngOf(t, solid(color.NRGBA{0, 0, 200, 100}, 5, 5), nil),
		"cmyk jpeg":  cmyk,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if data == nil {
				t.Skip("no CMYK JPEG in GOROOT/src/image/testdata")
			}
			p, err := loadWithLogo(t, t.TempDir(), "logo.png", "", map[string][]byte{"logo.png": data})
			if err != nil {
				t.Fatal(err)
			}
			// what the backends get is an 8-bit, non-interlaced PNG
			// (or the alpha PNG as it was)
			logo := p.Logos["demo"]
			if cfg, format, err := image.DecodeConfig(bytes.NewReader(logo.Data)); err != nil || format != "png" || logo.Format != "png" ||
				needsConversion(logo.Data, format, cfg.ColorModel) || (name == "alpha" && !bytes.Equal(logo.Data, data)) {
				t.Errorf("logo as loaded: %s %s %v", logo.Format, format, err)
			}
			jobs, err := p.Plan(Options{Format: "pdf"})
			if err != nil {
				t.Fatal(err)
			}
			files, err := p.render(jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			pdf := files["demo/en/rps.pdf"]
			if _, err := pdftest.Read(pdf); err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(pdf, []byte("/Subtype /Image")); n < 1 {
				t.Errorf("no image in the PDF")
			}
		})
	}
}

// TestImagesRefusedUpFront: a file that is not an ordinary image file is
// refused at load, naming the clinic, the file and the config's line.
func TestImagesRefusedUpFront(t *testing.T) {
	t.Parallel()
	bomb := pngOf(t, solid(color.White, 1, 1), func(h []byte) {
		binary.BigEndian.PutUint32(h[0:4], 9000)
		binary.BigEndian.PutUint32(h[4:8], 9000)
	})
	for _, tt := range []struct {
		name, logo string
		files      map[string][]byte
		fifo       bool
		want       string
	}{
		{"decompression bomb", "bomb.png", map[string][]byte{"bomb.png": bomb}, false, `config.yaml:6:11: clinic "demo": logo "bomb.png" is 9000×9000 pixels: the limit is 10000 on a side and 40 megapixels; make it smaller`},
		{"not an image", "logo.png", map[string][]byte{"logo.png": []byte("GIF89a")}, false, `config.yaml:6:11: clinic "demo": logo "logo.png" is not a PNG or JPEG image`},
		{"device", "/dev/zero", nil, false, `config.yaml:6:11: clinic "demo": logo "/dev/zero": not a regular file (it is a device): check the path`},
		{"named pipe", "pipe.png", nil, true, `config.yaml:6:11: clinic "demo": logo "pipe.png": not a regular file (it is a named pipe): check the path`},
		{"folder", "pics", map[string][]byte{"pics/a.png": bomb}, false, `config.yaml:6:11: clinic "demo": logo "pics": not a regular file (it is a folder)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if tt.fifo {
				if err := syscall.Mkfifo(filepath.Join(dir, tt.logo), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := loadWithLogo(t, dir, tt.logo, "", tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestSameFileNameTwoPictures: two pictures named photo.png in two
// folders stay two images in the PDF.
func TestSameFileNameTwoPictures(t *testing.T) {
	t.Parallel()
	red := pngOf(t, solid(color.NRGBA{255, 0, 0, 255}, 8, 6), nil)
	blue := pngOf(t, solid(color.NRGBA{0, 0, 255, 255}, 8, 6), nil)
	extra := "    overrides:\n      rps:\n        steps:\n          latch: {image: a/photo.png}\n          press: {image: b/photo.png}\n"
	green := pngOf(t, solid(color.NRGBA{0, 255, 0, 255}, 8, 6), nil)
	p, err := loadWithLogo(t, t.TempDir(), "logo.png", extra, map[string][]byte{"logo.png": green, "a/photo.png": red, "b/photo.png": blue})
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(Options{Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := p.render(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	pdf := files["demo/en/rps.pdf"]
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 3 {
		t.Errorf("%d images in the PDF, want 3 (the logo and two photos)", n)
	}
}

// TestPanicBecomesTheJobsError: a panic while a job renders (here: no
// fonts) is that job's error, naming it; Run returns it, and nothing
// crashes.
func TestPanicBecomesTheJobsError(t *testing.T) {
	t.Parallel()
	p, err := loadWithLogo(t, t.TempDir(), "logo.png", "", map[string][]byte{"logo.png": pngOf(t, solid(color.White, 2, 2), nil)})
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Plan(Options{Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	p.Fonts = nil
	_, _, err = p.renderJob(jobs[0])
	if err == nil || !strings.Contains(err.Error(), "demo/en/rps.pdf: careprint failed on this job") {
		t.Fatalf("renderJob: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	sum, err := p.Run(t.Context(), jobs, Options{Out: out, Format: "pdf"})
	if err == nil || sum.Failed != 1 || !strings.Contains(err.Error(), "careprint failed on this job") {
		t.Fatalf("Run: %+v %v", sum, err)
	}
}
