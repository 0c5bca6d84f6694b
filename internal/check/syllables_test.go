package check

import "testing"

func TestSyllablesEN(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		// one vowel group
		{"the", 1}, {"cat", 1}, {"breast", 1}, {"you", 1}, {"queen", 1}, {"eyes", 1},
		// silent final e, but consonant + le is a syllable
		{"make", 1}, {"whole", 1}, {"breathe", 1}, {"massage", 2}, {"collarbone", 3},
		{"table", 2}, {"little", 2}, {"gentle", 2}, {"people", 2}, {"severe", 2},
		// -ed and -es are silent unless after t, d or a hissing sound
		{"blocked", 1}, {"used", 1}, {"loosened", 2}, {"wanted", 2}, {"needed", 2},
		{"strokes", 1}, {"times", 1}, {"closes", 2}, {"pieces", 2}, {"changes", 2},
		// suffixes
		{"gently", 2}, {"safely", 2}, {"lightly", 2}, {"only", 2}, {"carefully", 3},
		{"movement", 2}, {"painful", 2}, {"beautiful", 3}, {"being", 2}, {"crying", 2},
		{"going", 2}, {"pumping", 2}, {"thing", 1}, {"bring", 1},
		// hiatus
		{"radio", 3}, {"media", 3}, {"area", 3}, {"idea", 3}, {"period", 3},
		{"lactation", 3}, {"inflammation", 4}, {"question", 2}, {"special", 2}, {"precious", 2},
		// longer words
		{"armpit", 2}, {"baby", 2}, {"fever", 2}, {"consultant", 3}, {"therapeutic", 4},
		{"quality", 3}, {"Removing", 3}, {"physiological", 6},
	}
	for _, tt := range tests {
		if got := syllablesEN(tt.word); got != tt.want {
			t.Errorf("syllablesEN(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestWordSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"flu-like", 2},
		{"10", 1},
		{"1–2", 1},
		{"×10", 1},
	}
	for _, tt := range tests {
		if got := wordSyllables(tt.word, syllablesEN); got != tt.want {
			t.Errorf("wordSyllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestSyllablesOtherLanguages(t *testing.T) {
	tests := []struct {
		name  string
		count func(string) int
		word  string
		want  int
	}{
		{"es diphthong", syllablesES, "bueno", 2},
		{"es hiatus", syllablesES, "leer", 2},
		{"es accented hiatus", syllablesES, "día", 2},
		{"es three", syllablesES, "poema", 3},
		{"es long", syllablesES, "lactancia", 3},
		{"es y", syllablesES, "y", 1},
		{"pt nasal diphthong", syllablesPT, "não", 1},
		{"pt ãe", syllablesPT, "mães", 1},
		{"pt accented hiatus", syllablesPT, "saúde", 3},
		{"pt coração", syllablesPT, "coração", 3},
		{"fr silent e", syllablesFR, "une", 1},
		{"fr silent es", syllablesFR, "petites", 2},
		{"fr eau", syllablesFR, "beaucoup", 2},
		{"fr é before vowel", syllablesFR, "réaction", 3},
		{"fr idée", syllablesFR, "idée", 2},
		{"fr le", syllablesFR, "le", 1},
		{"ru", syllablesRU, "молоко", 3},
		{"ru capital", syllablesRU, "Грудь", 1},
		{"ru long", syllablesRU, "лактация", 4},
	}
	for _, tt := range tests {
		if got := tt.count(tt.word); got != tt.want {
			t.Errorf("%s: %q has %d syllables, want %d", tt.name, tt.word, got, tt.want)
		}
	}
}
