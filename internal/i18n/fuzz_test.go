package i18n

import (
	"testing"
	"unicode/utf8"
)

// FuzzShapeBidi: shaping and reordering take any text without panic and
// keep it valid UTF-8; reordering a line keeps its runes (bidi controls aside), and
// shaping text without Arabic changes nothing.
func FuzzShapeBidi(f *testing.F) {
	for _, s := range []string{"سلام", "Call 555-0142 اتصل", "(ب) [a] {ج}", "ك\u200dل", "abc", "\u202eevil", "ـلا", "1.5 – 2 دقيقة", "\u0644\u0627\u0653"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	sh := NewShaper()
	f.Fuzz(func(t *testing.T, s string, rtl bool) {
		shaped := sh.Shape(s)
		if utf8.ValidString(s) && !utf8.ValidString(shaped) {
			t.Fatalf("Shape(%q) = %q: not UTF-8", s, shaped)
		}
		if !HasRTL(s) && utf8.ValidString(s) && shaped != s {
			t.Fatalf("Shape changed text without Arabic: %q -> %q", s, shaped)
		}
		v := Visual(shaped, rtl || FirstStrongRTL(shaped, false))
		got, want := utf8.RuneCountInString(StripControls(v)), utf8.RuneCountInString(StripControls(shaped))
		if utf8.ValidString(shaped) && got != want {
			t.Fatalf("Visual(%q) = %q: %d runes besides controls, want %d", shaped, v, got, want)
		}
	})
}
