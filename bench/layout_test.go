package bench

import "testing"

// BenchmarkLayout lays out the English TBML handout (2 A4 pages) without
// writing it: the layout share of BenchmarkPDF.
func BenchmarkLayout(b *testing.B) {
	_, h, _ := handout(b, "pdf")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Document(); err != nil {
			b.Fatal(err)
		}
	}
}
