package bench

import (
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
)

// BenchmarkLayout lays out the TBML handout (2 A4 pages) without writing
// it, in English (the layout share of BenchmarkPDF), Chinese and Arabic.
func BenchmarkLayout(b *testing.B) {
	p, err := build.Load("", careprint.Files)
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range []string{"en", "zh-Hans", "ar"} {
		b.Run(lang, func(b *testing.B) {
			jobs, err := p.Plan(build.Options{Routine: "tbml", Format: "pdf", Lang: lang})
			if err != nil {
				b.Fatal(err)
			}
			h, err := p.Handout(jobs[0])
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h.Document(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
