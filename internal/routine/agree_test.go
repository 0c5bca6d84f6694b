package routine_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/routine"
)

// A picture must agree with its step's words: a parent who only looks at
// the picture must not do the opposite of what the text says. These rules
// hold each built-in routine's marks against the English words of the same
// step, after every combination of a clinic's variants has changed them.

// markWords: a mark may only be drawn when the step's words name what it
// shows. Every pattern listed must match.
var markWords = map[string][]string{
	"sweep":             {`sweep|stroke|move`},
	"glide":             {`stroke|glide|sweep|moving toward|work`},
	"butterfly":         {`butterfly`},
	"circles":           {`circl|rhythm`},
	"fingertip-circles": {`circl`, `fingertip|both hands`},
	"press":             {`press`},
	"roll":              {`roll`, `top to bottom`},
	"roll-side":         {`roll`, `side to side|left to right`},
	"knead":             {`knead`, `fist`},
	"tap":               {`tap`},
	"nipple-roll":       {`roll`, `nipple`},
	"opposing":          {`\b12\b|opposite`},
	"zone":              {`lump|milk collects|plugged duct`},
	"warm":              {`warm`},
	"cold":              {`cold|cool`},
	"oil":               {`oil|lotion|cream`},
	"breathe":           {`breath`},
	"express":           {`express`},
	"feed":              {`feed|latch`},
	"pump":              {`pump`},
	"sit":               {`sit`},
	"talk":              {`talk|tell|ask`},
}

// handWords: a hand pose on a mark must be the hand the words name.
var handWords = map[string]string{
	"flat-palm":  `palm|flat hand|hands? on`,
	"fingertips": `fingertip`,
	"soft-fist":  `fist`,
	"c-hold":     `thumb|express`,
	"two-hands":  `two fingers|both hands|opposite`,
	"tapping":    `tap`,
}

// wordMarks: when the words name a technique, the picture must show it
// with one of these marks (or a mark carrying the named hand pose).
var wordMarks = []struct {
	word  string
	marks []string // mark kinds, or "hand:<pose>"
}{
	{`circl`, []string{"circles", "fingertip-circles"}},
	{`sweep`, []string{"sweep"}},
	{`tap`, []string{"tap", "hand:tapping"}},
	{`knead`, []string{"knead", "circles"}},
	{`butterfly`, []string{"butterfly"}},
	{`\bpalms?\b`, []string{"hand:flat-palm", "roll", "roll-side", "oil"}},
	{`\bfists?\b`, []string{"knead", "hand:soft-fist"}},
	{`fingertip`, []string{"fingertip-circles", "press", "tap", "opposing", "nipple-roll", "hand:fingertips"}},
	{`warm`, []string{"warm"}},
	{`\bcold\b|\bcool`, []string{"cold"}},
	// taking milk out, in any of its ways
	{`hand express\b|\bexpress (the|a little|more|or|right)|\bpump\b|feed your baby|latch your baby|bring your baby`, []string{"express", "pump", "feed"}},
	{`\bchin\b`, []string{"to:chin"}},
	{`toward (your|the) armpit|up to the armpit`, []string{"to:armpit", "circles"}},
	{`toward (your|the) nipple`, []string{"to:nipple", "fingertip-circles"}},
	// pressing back toward the chest can only be shown from the side
	{`toward your chest`, []string{"side:press"}},
}

// denied are phrases that name what not to do: they are left out before
// the words are matched ("Do not press hard").
var denied = regexp.MustCompile(`(?i)[^.]*\b(do not|don't|never|avoid|no force|use no|instead)\b[^.]*\.?`)

// alternative is the rest of a sentence after ", or": another way to do
// it, which the picture need not show as well.
var alternative = regexp.MustCompile(`, or [^.]*`)

// stepWords is a step's English title, text and caption (all printed),
// lower case, without the sentences that say what not to do.
func stepWords(s routine.Step) string {
	return strings.ToLower(denied.ReplaceAllString(s.Title+". "+s.Text+" "+s.Caption, " "))
}

// shown lists what a step's picture shows: mark kinds, "hand:<pose>",
// "to:<landmark>" and "<view>:<kind>".
func shown(s routine.Step) map[string]bool {
	out := map[string]bool{}
	for _, m := range s.Illustration.Marks {
		out[m.Kind] = true
		out[s.Illustration.View+":"+m.Kind] = true
		if m.Hand != "" {
			out["hand:"+m.Hand] = true
		}
		if m.To != "" {
			out["to:"+m.To] = true
		}
	}
	return out
}

// disagreements lists where the step's picture and words disagree.
func disagreements(s routine.Step) []string {
	words := stepWords(s)
	has := shown(s)
	var out []string
	for _, m := range s.Illustration.Marks {
		for _, w := range markWords[m.Kind] {
			if !regexp.MustCompile(w).MatchString(words) {
				out = append(out, "the picture shows "+m.Kind+" but the words do not say /"+w+"/")
			}
		}
		if w, ok := handWords[m.Hand]; ok && !regexp.MustCompile(w).MatchString(words) {
			out = append(out, "the picture shows the hand "+m.Hand+" but the words do not say /"+w+"/")
		}
		if m.Kind == "knead" && regexp.MustCompile(`circl`).MatchString(words) {
			out = append(out, "the picture kneads side to side but the words say circles")
		}
		if m.To == "nipple" && regexp.MustCompile(`armpit`).MatchString(words) && !regexp.MustCompile(`nipple`).MatchString(words) {
			out = append(out, "the picture strokes toward the nipple, the words toward the armpit")
		}
		if m.To == "armpit" && regexp.MustCompile(`toward (your|the) nipple`).MatchString(words) {
			out = append(out, "the picture strokes toward the armpit, the words toward the nipple")
		}
	}
	if s.Illustration.View != "side" && has["press"] && regexp.MustCompile(`toward your chest`).MatchString(words) {
		out = append(out, "the words press toward the chest; a front picture's arrows point at the nipple")
	}
	main := alternative.ReplaceAllString(words, ".")
	for _, wm := range wordMarks {
		if !regexp.MustCompile(wm.word).MatchString(main) {
			continue
		}
		ok := false
		for _, k := range wm.marks {
			ok = ok || has[k]
		}
		if !ok {
			out = append(out, "the words say /"+wm.word+"/ but the picture shows none of "+strings.Join(wm.marks, ", "))
		}
	}
	return out
}

// choiceSets is every combination of the clinic's variant choices.
func choiceSets() []map[string]string {
	opts := routine.VariantOptions()
	names := make([]string, 0, len(opts))
	for k := range opts {
		names = append(names, k)
	}
	sort.Strings(names)
	sets := []map[string]string{{}}
	for _, k := range names {
		var next []map[string]string
		for _, s := range sets {
			for _, v := range opts[k] {
				c := map[string]string{k: v}
				for kk, vv := range s {
					c[kk] = vv
				}
				next = append(next, c)
			}
		}
		sets = next
	}
	return sets
}

func TestPicturesAgreeWithWords(t *testing.T) {
	t.Parallel()
	rs, err := routine.LoadDir(careprint.Files, "templates/routines")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rs {
		for _, ch := range choiceSets() {
			rr, err := r.Resolve(ch, nil)
			if err != nil {
				t.Fatalf("%s %v: %v", r.ID, ch, err)
			}
			for _, s := range rr.Steps {
				for _, d := range disagreements(s) {
					key := r.ID + "/" + s.ID + ": " + d
					if !seen[key] {
						seen[key] = true
						t.Errorf("%s (%s, variants %v): %s", key, s.Pos, ch, d)
					}
				}
			}
		}
	}
}

// TestDisagreementsCaught holds the rules against the mistakes they are
// for: each step here must be reported.
func TestDisagreementsCaught(t *testing.T) {
	t.Parallel()
	step := func(view, text string, marks ...routine.Mark) routine.Step {
		return routine.Step{Title: "Step", Text: text, Illustration: routine.Illustration{View: view, Marks: marks}}
	}
	for name, s := range map[string]routine.Step{
		"rps arrows toward the nipple": step("front", "Press gently and steadily in, toward your chest.",
			routine.Mark{Kind: "press", At: "areola"}),
		"fists kneading for slow circles": step("front", "Knead your whole breast in slow, gentle circles. Use your palms and fingertips.",
			routine.Mark{Kind: "knead", At: "breast"}),
		"armpit words, nipple picture": step("front", "Stroke lightly toward your armpit.",
			routine.Mark{Kind: "glide", From: "breast-outer", To: "nipple"}),
		"nipple words, armpit picture": step("front", "Stroke lightly toward your nipple.",
			routine.Mark{Kind: "glide", From: "breast", To: "armpit"}),
		"fist drawn, palm said": step("front", "Make slow circles with your palm.",
			routine.Mark{Kind: "circles", At: "breast", Hand: "soft-fist"}),
		"warmth drawn, not said": step("front", "Sit down and relax.",
			routine.Mark{Kind: "sit"}, routine.Mark{Kind: "warm"}),
		"tapping said, not drawn": step("front", "Tap your breast lightly.",
			routine.Mark{Kind: "circles", At: "breast"}),
	} {
		if len(disagreements(s)) == 0 {
			t.Errorf("%s: no disagreement found", name)
		}
	}
}
