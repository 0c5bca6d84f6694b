package layout

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/i18n"
)

// FuzzWrap: wrapping any text at any width neither panics nor hangs; it
// fails only on a character no font draws; and no line is wider than the
// box unless it holds a single character.
func FuzzWrap(f *testing.F) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		f.Fatal(err)
	}
	shaper := i18n.NewShaper()
	for _, s := range []string{
		"Put your fingertips just above your collarbone. Make 10 slow, gentle circles.",
		"See https://example.org/a/very/long/path/that/does/not/break for more.",
		"用指尖轻轻按压乳晕周围，保持一分钟。",
		"ضعي أطراف أصابعك حول الحلمة لمدة دقيقة",
		"Call (555)\u00a0010-0142\nor 911.",
		"（括弧）「引用」, ... ?!",
	} {
		f.Add(s, 40.0, false)
		f.Add(s, 3.0, true)
	}
	f.Fuzz(func(t *testing.T, text string, width float64, rtl bool) {
		if !utf8.ValidString(text) || len(text) > 2000 || math.IsNaN(width) || width < 1 || width > 400 {
			return
		}
		ts := typesetter{fs: fs, shaper: shaper, rtl: rtl}
		p, err := ts.wrap(text, fonts.Regular, 11, width, 1.3)
		var mg *fonts.MissingGlyphError
		if errors.As(err, &mg) {
			return
		}
		if err != nil {
			t.Fatalf("wrap(%q, %v): %v", text, width, err)
		}
		for _, l := range p.Lines {
			var b strings.Builder
			for _, r := range l.Runs {
				b.WriteString(r.Text)
			}
			if l.Width > width+1e-6 && utf8.RuneCountInString(strings.TrimSpace(b.String())) > 1 {
				t.Fatalf("wrap(%q, %v): line %q is %.2f mm wide", text, width, b.String(), l.Width)
			}
		}
	})
}
