package layout

import (
	"errors"
	"fmt"
	"math"
	"reflect"
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

// FuzzWrapPiecewise: a line measured piece by piece, word added to the
// line before it, breaks where measuring every candidate line whole breaks
// it, with the same widths to the last bit and the same errors.
func FuzzWrapPiecewise(f *testing.F) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"Put your fingertips just above your collarbone. Make 10 slow, gentle circles.",
		"See https://example.org/a/very/long/path/that/does/not/break for more.",
		"用指尖轻轻按压乳晕周围，保持一分钟。Then 10 circles, 按摩（轻）10次",
		"Call (555)\u00a0010-0142\nor 911. a \u00a0 b \u202f c\u200bd",
		"Nhẹ nhàng xoa tròn 10 lần. Мягко помассируйте грудь. 가볍게 마사지하세요.",
		"A word no font has: \ue000 here, and \U0001F600 there.",
		"（括弧）「引用」, ... ?! ＡＢＣ　全角",
		"ضعي أطراف أصابعك حول الحلمة لمدة دقيقة. أبدًا شدّة مُدّ لا لأ",
		"اتصلي على (555)\u00a0010-0142 أو 911. Call \u200fنعم\u200f now; ـلـ ‍ل‍ e\u0301 ل\u0653ا",
	} {
		for _, w := range []float64{2, 9, 25, 40, 90} {
			f.Add(s, w, false)
			f.Add(s, w, true)
		}
	}
	shaper := i18n.NewShaper()
	f.Fuzz(func(t *testing.T, text string, width float64, bold bool) {
		if len(text) > 2000 || math.IsNaN(width) || width < 1 || width > 400 {
			return
		}
		if got, want := singleSpaced(text), strings.Join(strings.FieldsFunc(text, breakableSpace), " "); got != want {
			t.Fatalf("singleSpaced(%q) = %q, want %q", text, got, want)
		}
		font := fonts.Regular
		if bold {
			font = fonts.Bold
		}
		got, gerr := typesetter{fs: fs, shaper: shaper}.wrap(text, font, 11, width, 1.3)
		want, werr := typesetter{fs: fs, shaper: shaper, measureWhole: true}.wrap(text, font, 11, width, 1.3)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("wrap(%q, %v): error %v, measured whole %v", text, width, gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("wrap(%q, %v):\n%+v\nmeasured whole:\n%+v", text, width, got, want)
		}
	})
}
