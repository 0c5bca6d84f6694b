package message

import (
	"regexp"
	"slices"
	"testing"
)

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Take {cout} breaths.", `unknown placeholder {cout} (did you mean "count"?)`},
		{"Take {count, plural, one {# breath}} now.", "{count, plural, ...} needs the form other {# ...}"},
		{"Take {count, plural, on {# breath} other {# breaths}}.", `{count, plural, ...}: unknown plural form "on" (did you mean "one"?)`},
		{"Hold {duration, plural, other {#}}.", "{duration} takes no plural forms: its words come from the interface catalog; only {count, plural, ...} has forms"},
		{"Hold {duration.", `a { without its } at "Hold {duration."`},
		{"Hold } on.", `a lone } at "Hold } on.": placeholders are written {count} or {duration}`},
	} {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	m, err := Parse("Make {count, plural, one {# круг} few {# круга} many {# кругов} other {# круга}}: {duration}.")
	if err != nil {
		t.Fatal(err)
	}
	form := func(n float64) string { // Russian, for whole numbers
		i := int(n)
		switch {
		case i%10 == 1 && i%100 != 11:
			return "one"
		case i%10 >= 2 && i%10 <= 4 && (i%100 < 12 || i%100 > 14):
			return "few"
		}
		return "many"
	}
	for n, want := range map[int]string{1: "1 круг", 3: "3 круга", 5: "5 кругов", 21: "21 круг", 12: "12 кругов"} {
		got := m.Format(Values{Count: float64(n), CountText: itoa(n), Form: form, Duration: "2 минуты"})
		if got != "Make "+want+": 2 минуты." {
			t.Errorf("%d: %q", n, got)
		}
	}
	if got := m.Numbers(); len(got) != 0 {
		t.Errorf("numbers %v, want none", got)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestDigitRunsAsTheRegexp(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`\d+`)
	for _, s := range []string{"", "48", "a1b22c333", "[1] 10–20 минут ٣ 12", "x9", "9x", "１２ 7"} {
		if got, want := digitRuns(nil, s), re.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("digitRuns(%q) = %q, want %q", s, got, want)
		}
	}
}
