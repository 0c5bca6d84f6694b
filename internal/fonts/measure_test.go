package fonts_test

import (
	"fmt"
	"math"
	"testing"
	"unicode/utf8"

	"github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/fonts"
)

// FuzzMeasure: a text measured in two pieces has the width, to the last
// bit, and the error that measuring its runs gives.
func FuzzMeasure(f *testing.F) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"Make 10 slow, gentle circles.",
		"用指尖轻轻按压 then 10 circles",
		"ﺃﺑﺪًﺍ ﺷﺪّﺓ with marks",
		"a \u00a0 b\u200b c \ue000 d",
		"\U0001F600 no font",
		"Nhẹ nhàng xoa. Мягко. 가볍게",
	} {
		for _, cut := range []int{0, 3, 11} {
			f.Add(s, cut, false)
			f.Add(s, cut, true)
		}
	}
	f.Fuzz(func(t *testing.T, text string, cut int, bold bool) {
		if cut < 0 || cut > len(text) {
			return
		}
		for cut > 0 && cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut-- // pieces split the text between characters
		}
		font := fonts.Regular
		if bold {
			font = fonts.Bold
		}
		want, werr := 0.0, error(nil)
		runs, werr := fs.Runs(font, text)
		if werr == nil {
			want = fs.Width(11, runs...)
		}
		m := fs.Measure(font)
		m.Add(text[:cut])
		m.Add(text[cut:])
		got, gerr := m.Width(11)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%q cut at %d: %v, %v; runs give %v, %v", text, cut, got, gerr, want, werr)
		}
		whole, err := fs.TextWidth(font, text, 11)
		if fmt.Sprint(err) != fmt.Sprint(werr) || math.Float64bits(whole) != math.Float64bits(want) {
			t.Fatalf("TextWidth(%q) = %v, %v; runs give %v, %v", text, whole, err, want, werr)
		}
	})
}
