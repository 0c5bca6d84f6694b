// Package gallery writes index.html, the page that shows what a build
// made: per clinic and language, each routine's handout (with a thumbnail
// of its first page), step cards and poster. It is plain HTML and CSS with
// relative links, so it opens from disk and needs no network.
package gallery

import (
	"bytes"
	_ "embed"
	"html/template"
)

// Name is the gallery's file name in the output folder.
const Name = "index.html"

// Page is everything the gallery shows.
type Page struct {
	Version string
	Clinics []Clinic
}

// Clinic is one clinic's handouts, by language.
type Clinic struct {
	ID, Name string
	Langs    []Lang
}

// Lang is one language's handouts. Name is the language's own name
// ("العربية"), English its English name; RTL sets dir="rtl".
type Lang struct {
	Tag, Name, English string
	RTL                bool
	Routines           []Routine
}

// Routine is one routine's files, as paths below the output folder; a
// field is empty when the build did not make that file.
type Routine struct {
	ID, Title string
	PDF       string
	Thumb     string // page 1 of the PDF
	ThumbW    int    // px
	ThumbH    int    // px
	Cards     []string
	Poster    string
}

//go:embed index.html.tmpl
var pageTemplate string

// Render returns the gallery page.
func Render(p Page) ([]byte, error) {
	t, err := template.New(Name).Funcs(template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}).Parse(pageTemplate)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
