package check

import (
	"strings"
	"unicode"
)

// syllablesEN estimates the syllables of an English word: it counts vowel
// groups (y is a vowel except first; u after q is not), drops a silent
// final e (but keeps consonant + le), a silent -ed (but keeps -ted, -ded)
// and a silent -es (but keeps -ses, -ces, -ges, -ches...), splits off the
// suffixes -ly, -ment, -ful, -ness, -less and -ing, and adds one for the
// hiatus in -ia-, -io- and a final -ea. Every word has at least one.
func syllablesEN(word string) int {
	w := letters(strings.ToLower(word))
	if w == "" {
		return 1
	}
	for _, suf := range []string{"ment", "ness", "less", "ful", "ing", "ly"} {
		stem := strings.TrimSuffix(w, suf)
		if stem != w && len(stem) >= 2 && hasVowelEN(stem) {
			return syllablesEN(stem) + 1
		}
	}
	if len(w) <= 3 {
		return 1
	}
	n := 0
	prevVowel := false
	for i := 0; i < len(w); i++ {
		v := isVowelEN(w, i)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	last := len(w) - 1
	cons := func(i int) bool { return i >= 0 && !isVowelEN(w, i) }
	switch {
	case strings.HasSuffix(w, "le") && cons(last-2):
		// table, little: the -le is a syllable
	case strings.HasSuffix(w, "e") && cons(last-1):
		n-- // make, whole
	case strings.HasSuffix(w, "ed") && cons(last-2) && !strings.ContainsRune("td", rune(w[last-2])):
		n-- // blocked, loosened
	case strings.HasSuffix(w, "es") && cons(last-2) && !sibilantEnd(w[:last-1]):
		n-- // strokes, times
	}
	for i := 1; i+1 < len(w); i++ {
		if hiatusEN(w, i) {
			n++ // radio, media
		}
	}
	if strings.HasSuffix(w, "ea") {
		n++ // area, idea
	}
	if n < 1 {
		n = 1
	}
	return n
}

// hiatusEN reports whether the vowels at w[i] and w[i+1] are spoken apart:
// i before a or o (radio, media, period), but not in -tion, -sion, -gion,
// -cial, -tial, -ious or -lion.
func hiatusEN(w string, i int) bool {
	if w[i] != 'i' || (w[i+1] != 'a' && w[i+1] != 'o') {
		return false
	}
	rest, prev := w[i:], w[i-1]
	switch {
	case strings.HasPrefix(rest, "ion") && strings.IndexByte("tsgcln", prev) >= 0:
		return false
	case strings.HasPrefix(rest, "ia") && strings.IndexByte("tc", prev) >= 0:
		return false
	case strings.HasPrefix(rest, "ious"):
		return false
	}
	return true
}

// isVowelEN reports whether w[i] is a vowel in English spelling.
func isVowelEN(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o':
		return true
	case 'u':
		return i == 0 || w[i-1] != 'q'
	case 'y':
		return i > 0
	}
	return false
}

func hasVowelEN(w string) bool {
	for i := range len(w) {
		if isVowelEN(w, i) {
			return true
		}
	}
	return false
}

// sibilantEnd reports whether a stem ends in a sound after which -es is
// spoken as a syllable (closes, pieces, changes, washes, boxes).
func sibilantEnd(stem string) bool {
	for _, s := range []string{"s", "c", "g", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(stem, s) {
			return true
		}
	}
	return false
}

// letters keeps the ASCII letters of w.
func letters(w string) string {
	var b strings.Builder
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// syllablesVowelGroups counts the syllables of a word in a language whose
// vowel letters are vowels and whose strong vowels do not join: a group of
// vowels is one syllable, plus one for every two adjacent strong vowels
// (Spanish and Portuguese hiatus: le-er, po-e-ma, dí-a). glide lists pairs
// that stay one syllable although both are strong (Portuguese ão, õe).
func syllablesVowelGroups(word string, vowels, strong string, glide []string) int {
	rs := []rune(strings.ToLower(word))
	n := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(vowels, rs[i]) {
			continue
		}
		if i == 0 || !strings.ContainsRune(vowels, rs[i-1]) {
			n++
			continue
		}
		pair := string(rs[i-1 : i+1])
		if strings.ContainsRune(strong, rs[i-1]) && strings.ContainsRune(strong, rs[i]) && !contains(glide, pair) {
			n++
		}
	}
	if n < 1 {
		n = 1
	}
	return n
}

// syllablesES counts Spanish syllables: vowel groups, split between strong
// vowels (a e o and accented í ú).
func syllablesES(word string) int {
	return syllablesVowelGroups(word, "aeiouáéíóúü", "aeoáéóíú", nil)
}

// syllablesPT counts Portuguese syllables like Spanish ones, keeping the
// nasal diphthongs ão, ãe and õe as one.
func syllablesPT(word string) int {
	return syllablesVowelGroups(word, "aeiouáâãàéêíóôõúü", "aeoáâãàéêóôõíú", []string{"ão", "ãe", "õe"})
}

// syllablesFR counts French syllables: vowel groups (eau, oi, ou are one),
// split after é before another vowel (ré-action), less a silent final e or
// es after a consonant (une, petites).
func syllablesFR(word string) int {
	const vowels = "aeiouyàâäéèêëîïôöùûüÿæœ"
	w := strings.ToLower(word)
	n := syllablesVowelGroups(w, vowels, "é", nil)
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if rs[i-1] == 'é' && strings.ContainsRune("aiouâô", rs[i]) {
			n++
		}
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(w, "s"), "e")
	if stem != strings.TrimSuffix(w, "s") && n > 1 {
		if r := []rune(stem); len(r) > 0 && !strings.ContainsRune(vowels, r[len(r)-1]) {
			n--
		}
	}
	return n
}

// syllablesRU counts Russian syllables: one per vowel letter.
func syllablesRU(word string) int {
	n := 0
	for _, r := range strings.ToLower(word) {
		if strings.ContainsRune("аеёиоуыэюя", r) {
			n++
		}
	}
	if n < 1 {
		n = 1
	}
	return n
}

// wordSyllables applies count to each part of a hyphenated word; a part
// with no letters (a number) counts as one syllable.
func wordSyllables(word string, count func(string) int) int {
	n := 0
	for _, part := range strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '‐' }) {
		if strings.IndexFunc(part, unicode.IsLetter) < 0 {
			n++
			continue
		}
		n += count(part)
	}
	if n < 1 {
		n = 1
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
