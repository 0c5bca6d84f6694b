package build

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/pdftest"
)

// TestStepImageOverride: a clinic's own picture replaces a step's diagram.
func TestStepImageOverride(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = 200
		if i%4 == 3 {
			img.Pix[i] = 255 // opaque
		}
	}
	img.Set(5, 5, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := `clinics:
  - id: demo
    name: Demo Clinic
    routines: [rps]
    review: {date: 2026-01-02}
    overrides:
      rps:
        steps:
          latch: {image: photo.png, caption: Our photo of a good latch.}
`
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(path, careprint.Files)
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
	data := files["demo/en/rps.pdf"]
	if n := bytes.Count(data, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images in the PDF, want 1 (the clinic's photo)", n)
	}
	if _, err := pdftest.Read(data); err != nil {
		t.Fatal(err)
	}
	h, err := p.Handout(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	if h.Images["latch"] == nil || h.Images["press"] != nil {
		t.Errorf("images by step: %v", h.Images)
	}

	// an unknown step in an override is an error at load, naming the
	// clinic and the key
	bad := strings.Replace(cfg, "latch:", "latc:", 1)
	os.WriteFile(path, []byte(bad), 0o644)
	if _, err = Load(path, careprint.Files); err == nil || !strings.HasSuffix(err.Error(), `: clinic "demo": overrides of "rps": no step "latc" (did you mean "latch"?)`) {
		t.Errorf("got %v", err)
	}
}

// TestLocalizeFallsBack: region tags match the language with content
// (ru-RU -> ru, zh-CN -> zh-Hans, es-MX -> es); a tag with no content is
// an error that lists the languages.
func TestLocalizeFallsBack(t *testing.T) {
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, words string }{
		{"en", "en"}, {"ru", "ru"}, {"ru-RU", "ru"}, {"zh-CN", "zh-Hans"}, {"es-MX", "es"},
	} {
		jobs, err := p.Plan(Options{Lang: tt.lang, Routine: "tbml", Format: "pdf"})
		if err != nil {
			t.Fatal(err)
		}
		r, fb, err := p.Localize(jobs[0])
		if err != nil {
			t.Fatal(err)
		}
		if fb.Words != tt.words || !fb.Complete() {
			t.Errorf("%s: words in %s (complete %v), want %s: %s", tt.lang, fb.Words, fb.Complete(), tt.words, fb)
		}
		if tt.words == "en" && r.Title != "Therapeutic breast massage" {
			t.Errorf("%s: title %q", tt.lang, r.Title)
		}
		if tt.words == "ru" && !strings.Contains(r.Title, "массаж") {
			t.Errorf("%s: title %q, want Russian", tt.lang, r.Title)
		}
	}
	for _, tt := range []struct{ lang, want string }{
		{"de", `--lang: language "de": careprint has no words for it; the languages are ar, en, es, fr, ko, pt-BR, ru, tl, vi, zh-Hans`},
		{"arabic", `--lang: language "arabic": careprint has no words for it (did you mean "ar"?); the languages are`},
		{"ES", `--lang: language "ES": careprint has no words for it (did you mean "es"?); the languages are`},
		{"xx", `--lang: language "xx": careprint has no words for it; the languages are`},
	} {
		_, err := p.Plan(Options{Lang: tt.lang})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("--lang %s: got %v\nwant %s", tt.lang, err, tt.want)
		}
	}
}

// TestParallelJobsShareRoutines runs many jobs of the same routines at once
// (run it with -race, as CI does): localizing, resolving variants and
// laying out must only read what the jobs share.
func TestParallelJobsShareRoutines(t *testing.T) {
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	p.Config.Clinics[0].Variants["compress"] = "both"
	p.Config.Clinics[0].Variants["direction"] = "nipple"
	var jobs []Job
	for _, lang := range []string{"en", "ar"} {
		js, err := p.Plan(Options{Lang: lang, Format: "pdf"})
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, js...)
		jobs = append(jobs, js...) // the same jobs twice, in parallel
	}
	sum, err := p.Run(t.Context(), jobs, Options{Out: t.TempDir(), Jobs: 4, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Written == 0 {
		t.Errorf("summary %+v", sum)
	}
}

// TestLanguageInConfig: a clinic's languages: take only tags with content,
// and the error points at the entry.
func TestLanguageInConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("clinics:\n  - id: demo\n    name: Demo\n    review: {date: 2026-01-02}\n    languages: [en, English]\n"), 0o644)
	_, err := Load(path, careprint.Files)
	want := `config.yaml:5:21: clinic "demo": language "English": careprint has no words for it (did you mean "en"?)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestPosterNote: a poster with no room for the routine's Remember box
// is still made, and the build says what it left out.
func TestPosterNote(t *testing.T) {
	t.Parallel()
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Out: t.TempDir(), Lang: "es", Routine: "tbml", Format: "png"}
	var notes []string
	opts.Note = func(n string) { notes = append(notes, n) }
	jobs, err := p.Plan(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(context.Background(), jobs, opts); err != nil {
		t.Fatal(err)
	}
	want := "riverside/es/tbml/poster.png leaves out the Remember box (no room)"
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q, want %q", notes, want)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, "riverside/es/tbml/poster.png")); err != nil {
		t.Error(err)
	}
}
