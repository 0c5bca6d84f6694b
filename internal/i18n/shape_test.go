package i18n

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func hex(s string) string {
	var b []string
	for _, r := range s {
		b = append(b, fmt.Sprintf("%04X", r))
	}
	return strings.Join(b, " ")
}

func TestShapeJoiningForms(t *testing.T) {
	sh := NewShaper()
	tests := []struct{ name, in, want string }{
		// sin initial, lam-alef final ligature, meem isolated
		{"salaam with lam-alef", "سلام", "FEB3 FEFC FEE1"},
		// beh isolated
		{"isolated", "ب", "FE8F"},
		// beh initial, beh medial, beh final
		{"initial medial final", "ببب", "FE91 FE92 FE90"},
		// alef does not join to the next letter: dal after it is isolated
		{"right-joining alef", "اد", "FE8D FEA9"},
		// lam-alef alone is the isolated ligature
		{"lam-alef isolated", "لا", "FEFB"},
		// lam + alef with hamza above
		{"lam-alef hamza", "لأ", "FEF7"},
		// a space breaks joining; digits pass through
		{"space and digits", "ب 10", "FE8F 0020 0031 0030"},
		// teh marbuta final after meem: meem initial
		{"teh marbuta", "مة", "FEE3 FE94"},
	}
	for _, tt := range tests {
		if got := hex(sh.Shape(tt.in)); got != tt.want {
			t.Errorf("%s: Shape(%q) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestShapeRoundTripsUnderNFKC(t *testing.T) {
	sh := NewShaper()
	in := "دلّكي الثدي بلطف نحو الإبط لمدة دقيقة إلى دقيقتين."
	got := norm.NFKC.String(sh.Shape(in))
	if got != norm.NFKC.String(in) {
		t.Errorf("NFKC(Shape(x)) != NFKC(x):\n%q\n%q", got, in)
	}
	if strings.ContainsAny(sh.Shape(in), "بلطف") {
		t.Errorf("base letters left unshaped: %q", sh.Shape(in))
	}
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		name, in string
		rtl      bool
		want     string
	}{
		{"latin unchanged", "Step 1 (left)", false, "Step 1 (left)"},
		{"arabic reversed", "ابت", true, "تبا"},
		{"numbers stay left to right", "كرر 10 مرات", true, "تارم 10 ررك"},
		{"brackets mirrored", "نص (مهم) هنا", true, "انه (مهم) صن"},
		// in Arabic context digits are Arabic numbers (W2) and the hyphen
		// between them is neutral, so "1-2" reads right to left: 2-1 visually
		{"number range in brackets", "دقيقة (1-2)", true, "(2-1) ةقيقد"},
		{"number in brackets", "دقيقة (12)", true, "(12) ةقيقد"},
		{"latin inside arabic", "استخدمي Olive oil الآن", true, "نآلا Olive oil يمدختسا"},
	}
	for _, tt := range tests {
		if got := Visual(tt.in, tt.rtl); got != tt.want {
			t.Errorf("%s: Visual(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestVisualKeepsMarksAfterBase(t *testing.T) {
	// shadda (U+0651) stays after its base letter when the run is reversed
	got := Visual("بّت", true)
	if got != "تبّ" {
		t.Errorf("got %q (%s)", got, hex(got))
	}
}

// TestRTLFrom: no character before rtlFrom is Arabic or Hebrew, so the
// checks may skip the table search for them.
func TestRTLFrom(t *testing.T) {
	for r := rune(0); r < rtlFrom; r++ {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew) {
			t.Errorf("%U is right to left, before rtlFrom", r)
		}
	}
}
