package check

import (
	"reflect"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/routine"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Sit back. Close your eyes! Ready? Go", []string{"Sit back.", "Close your eyes!", "Ready?", "Go"}},
		{"folded lines", "Sit back and\nclose your eyes.\n", []string{"Sit back and", "close your eyes."}},
		{"number", "Take 1.5 ml. Then rest.", []string{"Take 1.5 ml.", "Then rest."}},
		{"abbreviation", "Use a warm cloth, e.g. a towel. Ask Dr. Lee.", []string{"Use a warm cloth, e.g. a towel.", "Ask Dr. Lee."}},
		{"closing quote", `Say "stop." Then rest.`, []string{`Say "stop."`, "Then rest."}},
		{"ellipsis", "Wait… Then go.", []string{"Wait…", "Then go."}},
		{"chinese", "轻轻按摩。不要用力！", []string{"轻轻按摩。", "不要用力！"}},
		{"arabic", "هل تشعرين بألم؟ اتصلي بنا.", []string{"هل تشعرين بألم؟", "اتصلي بنا."}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := words(`Keep going for 1–2 minutes — "flu-like" aches, (gently).`)
	want := []string{"Keep", "going", "for", "1–2", "minutes", "flu-like", "aches", "gently"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestUnitFor(t *testing.T) {
	tests := []struct {
		lang string
		want unit
	}{
		{"en", unit{"words", 15}},
		{"pt-BR", unit{"words", 20}},
		{"ar", unit{"words", 15}},
		{"ko", unit{"words", 15}},
		{"vi", unit{"syllables", 25}},
		{"zh-Hans", unit{"characters", 0}},
		{"ja", unit{"characters", 0}},
	}
	for _, tt := range tests {
		if got := unitFor(tt.lang); got != tt.want {
			t.Errorf("UnitFor(%q) = %v, want %v", tt.lang, got, tt.want)
		}
	}
}

func TestCheckSentences(t *testing.T) {
	long := "Use the flat palm of your other hand and sweep lightly up and out toward your armpit in broad slow strokes."
	tests := []struct {
		name        string
		lang        string
		texts       []passage
		wantLength  int
		wantWhere   string
		wantWarning string // "" for none
	}{
		{
			name:       "short sentences",
			lang:       "en",
			texts:      []passage{{"summary", "Press lightly. It should never hurt."}, {`step "breathe"`, "Breathe in slowly, deep into your belly."}},
			wantLength: 7, wantWhere: `step "breathe"`,
		},
		{
			name:        "a long sentence",
			lang:        "en",
			texts:       []passage{{"summary", "Press lightly."}, {`step "sweep-armpit"`, "Start below your breast. " + long}},
			wantLength:  21,
			wantWhere:   `step "sweep-armpit"`,
			wantWarning: `step "sweep-armpit": sentence of 21 words: "Use the flat palm..."`,
		},
		{
			name:       "exactly the limit",
			lang:       "en",
			texts:      []passage{{"tips item 1", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen."}},
			wantLength: 15, wantWhere: "tips item 1",
		},
		{
			name:       "chinese is counted in characters without a warning",
			lang:       "zh-Hans",
			texts:      []passage{{"summary", strings.Repeat("轻", 40) + "。"}},
			wantLength: 40, wantWhere: "summary",
		},
		{
			name:        "korean words are counted",
			lang:        "ko",
			texts:       []passage{{"summary", strings.Repeat("가볍게 ", 16) + "누르세요."}},
			wantLength:  17,
			wantWhere:   "summary",
			wantWarning: `summary: sentence of 17 words: "가볍게 가볍게 가볍게 가볍게..."`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, issues := checkSentences(tt.lang, tt.texts)
			if s.Length != tt.wantLength || s.Where != tt.wantWhere {
				t.Errorf("longest = %d at %q, want %d at %q", s.Length, s.Where, tt.wantLength, tt.wantWhere)
			}
			assertIssues(t, issues, tt.wantWarning)
		})
	}
}

func TestPassages(t *testing.T) {
	r := &routine.Routine{
		Summary:      "Sum.",
		Steps:        []routine.Step{{ID: "a", Title: "T", Text: "X.", Caption: "C"}, {ID: "b", Title: "U", Text: "Y."}},
		Tips:         []string{"Tip."},
		RedFlags:     []string{"Flag."},
		RedFlagsNote: "Note.",
		References:   []string{"Not checked."},
	}
	var got []string
	for _, tx := range passages(r) {
		got = append(got, tx.Where+"="+tx.Text)
	}
	want := []string{"summary=Sum.", `step "a" title=T`, `step "a"=X.`, `step "a" caption=C`, `step "b" title=U`, `step "b"=Y.`,
		"tips item 1=Tip.", "red_flags item 1=Flag.", "red_flags_note=Note."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Texts =\n%q\nwant\n%q", got, want)
	}
}

// assertIssues checks that issues are exactly the one issue want (as
// "where: message"), or none when want is "".
func assertIssues(t *testing.T, issues []Issue, want string) {
	t.Helper()
	switch {
	case want == "" && len(issues) > 0:
		t.Errorf("got %v, want no issue", issues)
	case want != "" && (len(issues) != 1 || issues[0].String() != want):
		t.Errorf("got %v, want [%s]", issues, want)
	}
}
