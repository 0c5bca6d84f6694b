package check

import (
	"strings"
	"testing"
)

// hardEN is a hard-to-read paragraph: long words in long sentences.
const hardEN = "Therapeutic lymphatic massage facilitates physiological decongestion, consequently diminishing " +
	"inflammatory obstruction. Practitioners recommend comprehensive evaluation preceding intervention."

func TestReadingLevel(t *testing.T) {
	tests := []struct {
		name        string
		lang        string
		text        string
		wantFormula string
		wantScore   float64
		wantOK      bool
	}{
		// 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45
		{"en easy", "en", "The cat sat on the mat.", "Flesch-Kincaid", -1.4, true},
		// 6 words, 1 sentence, 10 syllables: 0.39*6 + 11.8*10/6 - 15.59 = 6.4
		{"en at target", "en", "Please massage gently toward your armpit.", "Flesch-Kincaid", 6.4, true},
		{"en hard", "en", hardEN, "Flesch-Kincaid", 31.8, false},
		{"en-US uses English", "en-US", "The cat sat on the mat.", "Flesch-Kincaid", -1.4, true},
		// 5 words, 8 syllables: 206.84 - 60*8/5 - 1.02*5 = 105.7
		{"es easy", "es", "La leche sale sin dolor.", "Fernández-Huerta", 105.7, true},
		{"es hard", "es-MX", "La administración terapéutica de masajes linfáticos especializados " +
			"proporciona descongestión fisiológica considerablemente significativa.", "Fernández-Huerta", -60.4, false},
		// 5 words, 6 syllables: 248.835 - 1.015*5 - 84.6*6/5 = 142.2
		{"pt-BR easy", "pt-BR", "O leite sai sem dor.", "Flesch (Martins)", 142.2, true},
		// 3 words, 7 syllables: 206.835 - 1.3*3 - 60.1*7/3 = 62.7
		{"ru easy", "ru", "Молоко течёт легко.", "Oborneva", 62.7, true},
		{"ru hard", "ru", "Терапевтический лимфодренажный массаж способствует физиологической " +
			"декомпрессии молочных протоков, существенно уменьшая воспалительную обструкцию.", "Oborneva", -74.2, false},
		{"vi has no formula", "vi", "Xoa nhẹ nhàng.", "", 0, true},
		{"zh has no formula", "zh-Hans", "轻轻按摩。", "", 0, true},
		{"no text", "en", "", "Flesch-Kincaid", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readingLevel(tt.lang, []passage{{"summary", tt.text}})
			if r.formula != tt.wantFormula || r.value != tt.wantScore || r.ok() != tt.wantOK {
				t.Errorf("Score = %s (ok %v), want %s %.1f (ok %v)", r, r.ok(), tt.wantFormula, tt.wantScore, tt.wantOK)
			}
		})
	}
}

// summaries are the summary of tbml in plain English (grade 2.5, Flesch
// ease 91) and in plain translations: each must meet its language's target.
var summaries = map[string]string{
	"en": "This gentle massage can ease a breast that feels full, sore or lumpy. Light strokes move swelling toward your armpit and collarbone. This gives your milk ducts room, so milk can flow. Press very lightly, like petting a cat. Move only the skin. It should never hurt.",
	"es": "Este masaje suave puede aliviar un pecho lleno, adolorido o con bultos. Los toques ligeros llevan la hinchazón hacia la axila y la clavícula. Así los conductos de leche tienen espacio y la leche puede salir. Presione muy suave, como si acariciara a un gato. Mueva solo la piel. Nunca debe doler.",
	"fr": "Ce massage doux peut soulager un sein plein, douloureux ou avec des boules. Des gestes légers poussent le gonflement vers l'aisselle et la clavicule. Les canaux de lait ont alors de la place et le lait peut couler. Appuyez très doucement, comme pour caresser un chat. Ne bougez que la peau. Cela ne doit jamais faire mal.",
	"pt": "Esta massagem suave pode aliviar uma mama cheia, dolorida ou com caroços. Toques leves levam o inchaço para a axila e a clavícula. Assim os ductos de leite ganham espaço e o leite pode sair. Pressione bem de leve, como se fizesse carinho num gato. Mova só a pele. Nunca deve doer.",
	"ru": "Этот мягкий массаж облегчает грудь, если она полная, болит или в ней есть уплотнения. Лёгкие движения отводят отёк к подмышке и ключице. Так у молочных протоков появляется место, и молоко может течь. Нажимайте очень легко, как будто гладите кошку. Двигайте только кожу. Массаж никогда не должен причинять боль.",
}

func TestReadingLevelPlainTranslations(t *testing.T) {
	want := map[string]float64{"en": 2.5, "es": 80.3, "fr": 92.8, "pt": 79.0, "ru": 62.5}
	for lang, text := range summaries {
		r := readingLevel(lang, []passage{{"summary", text}})
		if r.value != want[lang] || !r.ok() {
			t.Errorf("%s: %s (ok %v), want %.1f and ok", lang, r, r.ok(), want[lang])
		}
	}
}

func TestCheckReading(t *testing.T) {
	easy := passage{"summary", "Press lightly. Move only the skin. It should never hurt."}
	tests := []struct {
		name        string
		lang        string
		texts       []passage
		wantWarning string
	}{
		{"easy", "en", []passage{easy}, ""},
		{
			"hard paragraph", "en", []passage{easy, {`step "sweep"`, hardEN}},
			`routine: reading grade 19.6, want 7 or below: use shorter words and sentences (hardest: step "sweep", grade 31.8)`,
		},
		{
			"hard spanish", "es", []passage{{"summary", "La administración terapéutica proporciona descongestión fisiológica considerablemente significativa."}},
			`routine: reading ease -78.8, want 65 or above: use shorter words and sentences`,
		},
		{"no formula", "ko", []passage{{"summary", strings.Repeat("가볍게 누르세요. ", 3)}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, issues := checkReading(tt.lang, tt.texts)
			assertIssues(t, issues, tt.wantWarning)
		})
	}
}
