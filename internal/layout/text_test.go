package layout

import (
	careprint "github.com/careprint/careprint"

	"strings"
	"testing"
	"unicode"

	"github.com/careprint/careprint/internal/fonts"
)

func TestWrapKeepsEveryCharacter(t *testing.T) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	ts := typesetter{fs: fs}
	text := "Put your fingertips just above your collarbone, at the base of your neck. Make 10 slow, gentle circles."
	p, err := ts.wrap(text, fonts.Regular, 11, 60, 1.3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Lines) < 2 {
		t.Fatalf("%d lines, want a wrap", len(p.Lines))
	}
	var got []string
	for _, l := range p.Lines {
		if l.Width > 60+1e-9 {
			t.Errorf("line %.1f mm wide, box 60 mm", l.Width)
		}
		var b strings.Builder
		for _, r := range l.Runs {
			b.WriteString(r.Text)
		}
		got = append(got, b.String())
	}
	// each line broken between words ends with the (invisible) space, so
	// the text read out of the PDF keeps the words apart
	if strings.Join(got, "") != text {
		t.Errorf("lines lost text:\n%q\n%q", strings.Join(got, ""), text)
	}
}

// TestWrapCJKNoSpaceAtBreak: a line broken between Chinese characters gets
// no space, so the text read back has no space the writer did not put.
func TestWrapCJKNoSpaceAtBreak(t *testing.T) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	ts := typesetter{fs: fs}
	text := "乳房肿胀、胀满、疼痛，这叫涨奶。这种轻柔的按摩可以缓解涨奶。它也能缓解乳腺管堵塞。"
	p, err := ts.wrap(text, fonts.Regular, 11, 40, 1.3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Lines) < 2 {
		t.Fatalf("%d lines, want a wrap", len(p.Lines))
	}
	var b strings.Builder
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			b.WriteString(r.Text)
		}
	}
	if b.String() != text {
		t.Errorf("lines read back as\n%q, want\n%q", b.String(), text)
	}
}

func TestBreakUnits(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"one two, three", []string{"one ", "two, ", "three"}},
		{"轻轻按摩，然后喂奶。", []string{"轻", "轻", "按", "摩，", "然", "后", "喂", "奶。"}},
		{"按摩（轻）10次", []string{"按", "摩", "（轻）", "10", "次"}},
	}
	for _, tt := range tests {
		got := breakUnits(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("breakUnits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMissingGlyphIsAnError(t *testing.T) {
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	_, err = typesetter{fs: fs}.wrap("Massage 😀 gently", fonts.Regular, 11, 100, 1.3)
	if err == nil || !strings.Contains(err.Error(), "U+1F600") {
		t.Errorf("emoji: got %v, want a missing-glyph error naming U+1F600", err)
	}
}

// TestLongWordBreaksAnywhere: a word wider than the line (a URL) is
// broken between characters wherever it comes on the line, so no line is
// wider than the box.
func TestLongWordBreaksAnywhere(t *testing.T) {
	t.Parallel()
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	url := "https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all"
	for _, text := range []string{url, "See " + url + " for more.", "See the page " + url, url + " " + url} {
		p, err := typesetter{fs: fs}.wrap(text, fonts.Regular, 11, 40, 1.3)
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		for _, l := range p.Lines {
			if l.Width > 40+1e-9 {
				t.Errorf("%q: a line %.1f mm wide, box 40 mm", text, l.Width)
			}
			for _, r := range l.Runs {
				got.WriteString(r.Text)
			}
		}
		if strings.ReplaceAll(text, " ", "") != strings.ReplaceAll(got.String(), " ", "") {
			t.Errorf("text lost: %q", got.String())
		}
	}
}

// TestScriptShortcuts: the checks that spare a Unicode table search per
// Latin letter hold for the tables Go has.
func TestScriptShortcuts(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < 0x3000; r++ {
		if r < cjkFrom && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			t.Errorf("%U is CJK, before cjkFrom", r)
		}
		if plainASCII(r) && (noLineStart(r) || noLineEnd(r) || breakableSpace(r) || isCJK(r)) {
			t.Errorf("%U is plain and breaks a line", r)
		}
	}
}

func TestSingleSpaced(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0 b", "a \u00a0b", "a\u2003b", "\u00a0", "用指尖 轻轻", "a\xffb c"} {
		want := strings.Join(strings.FieldsFunc(in, breakableSpace), " ")
		if got := singleSpaced(in); got != want {
			t.Errorf("singleSpaced(%q) = %q, want %q", in, got, want)
		}
	}
}
