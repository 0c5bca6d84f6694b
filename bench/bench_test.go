// Package bench holds careprint's benchmarks: one PDF handout, one PNG
// card, one poster and a whole default build. Run them with
//
//	go test -bench . -benchmem ./bench/
//
// and the whole-build timing script with bench/run.sh. Figures and the
// machine they were taken on are in bench/RESULTS.md.
package bench

import (
	"bytes"
	"context"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/pdf"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/gallery"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/plan"
	"github.com/careprint/careprint/internal/publish"
)

// handout loads the built-in default and prepares the TBML handout.
func handout(b *testing.B, format string) (*build.Project, *layout.Handout, build.Job) {
	b.Helper()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := p.Plan(build.Options{Routine: "tbml", Format: format})
	if err != nil {
		b.Fatal(err)
	}
	h, err := p.Handout(jobs[0])
	if err != nil {
		b.Fatal(err)
	}
	return p, h, jobs[0]
}

// BenchmarkPDF lays out and writes the English TBML handout (2 A4 pages).
func BenchmarkPDF(b *testing.B) {
	p, h, j := handout(b, "pdf")
	date, _ := j.Clinic.ReviewDate()
	var size int
	b.ReportAllocs()
	for b.Loop() {
		doc, err := h.Document()
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pdf.Render(&buf, doc, p.Fonts, pdf.Options{Date: date, Compress: true, Shared: p.PDFShared}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

// BenchmarkThumbnail rasterizes and encodes page 1 of the TBML handout at
// the gallery's thumbnail width (240 px): what each PDF job adds.
func BenchmarkThumbnail(b *testing.B) {
	p, h, _ := handout(b, "pdf")
	doc, err := h.Document()
	if err != nil {
		b.Fatal(err)
	}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		data, err := p.PagePNG(doc.Pages[0], build.ThumbWidth)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

// BenchmarkGallery describes and writes the default build's gallery
// (index.html: 60 handouts with their thumbnails, cards and posters).
func BenchmarkGallery(b *testing.B) {
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := p.Plan(build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	man := &publish.Manifest{Jobs: map[string]publish.ManifestJob{}}
	for _, j := range jobs {
		files := map[string]string{}
		if j.Format == "pdf" {
			files[j.Name()+".pdf"], files[build.ThumbName(j.Name())] = "x", "x"
		} else {
			files[j.Name()+"/step-01.png"], files[j.Name()+"/poster.png"] = "x", "x"
		}
		man.Jobs[j.Name()+"."+j.Format] = publish.ManifestJob{Files: files}
	}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		data, err := gallery.Render(p.GalleryPage(man))
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

// BenchmarkCard composes, rasterizes and encodes one 1080×1080 step card.
func BenchmarkCard(b *testing.B) {
	benchPNG(b, 1080, 1080, func(h *layout.Handout) (*draw.Page, error) { return h.Card(4, 1080, 1080) })
}

// BenchmarkPoster composes, rasterizes and encodes the 1080×1920 poster.
func BenchmarkPoster(b *testing.B) {
	benchPNG(b, 1080, 1920, func(h *layout.Handout) (*draw.Page, error) { pg, _, err := h.Poster(1080, 1920); return pg, err })
}

// benchPNG times compose (a page of the TBML handout), then rasterize and
// encode at w×h px, and reports the file size.
func benchPNG(b *testing.B, w, h int, compose func(*layout.Handout) (*draw.Page, error)) {
	p, ho, _ := handout(b, "png")
	rr := raster.NewRenderer(p.Fonts) // as a PNG job: canvas and faces kept from card to card
	var size int
	b.ReportAllocs()
	for b.Loop() {
		pg, err := compose(ho)
		if err != nil {
			b.Fatal(err)
		}
		size = encode(b, rr, pg, w, h)
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

// encode rasterizes pg at w×h px and encodes it; it returns the PNG size.
func encode(b *testing.B, rr *raster.Renderer, pg *draw.Page, w, h int) int {
	b.Helper()
	img, err := rr.Render(pg, w, h)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rr.EncodePNG(&buf, img); err != nil {
		b.Fatal(err)
	}
	return buf.Len()
}

// BenchmarkBuild renders the whole default catalog (every routine, every
// configured language, PDF and PNG) with --force into a fresh folder.
func BenchmarkBuild(b *testing.B) {
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := p.Plan(build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	var files int
	for b.Loop() {
		sum, err := p.Run(context.Background(), jobs, build.Options{Out: out, Force: true})
		if err != nil {
			b.Fatal(err)
		}
		files = sum.Written
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkPlan makes a consultant's plan: the plan page and two
// handouts (RPS and TBML, Spanish) in one PDF, as careprint make does
// after loading.
func BenchmarkPlan(b *testing.B) {
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	r := plan.Request{Routines: []string{"rps", "tbml"}, Lang: "es", Client: "Ana", Side: "left",
		Times: "antes de cada toma", Days: 7, Note: "Descansa.", Consultant: "María"}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		res, err := plan.Render(context.Background(), p, r, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(res.PDF)
	}
	b.ReportMetric(float64(size)/1024, "KiB/file")
}

// BenchmarkNoop is a no-op rebuild as the command runs it: load and check
// the built-in default, plan, and find every job unchanged in a folder
// built before.
func BenchmarkNoop(b *testing.B) {
	out := b.TempDir()
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := p.Plan(build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Run(context.Background(), jobs, build.Options{Out: out}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := build.Load("", careprint.Files)
		if err != nil {
			b.Fatal(err)
		}
		jobs, err := p.Plan(build.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.CheckBuild(jobs, build.Options{Out: out}); err != nil {
			b.Fatal(err)
		}
		sum, err := p.Run(context.Background(), jobs, build.Options{Out: out})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Written != 0 {
			b.Fatalf("no-op rebuild wrote %d files", sum.Written)
		}
	}
}
