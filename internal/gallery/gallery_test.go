package gallery

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	t.Parallel()
	page := Page{Version: "9.9", Clinics: []Clinic{{ID: "c", Name: "Clinic <One>", Langs: []Lang{
		{Tag: "en", Name: "English", English: "English", Routines: []Routine{{
			ID: "r", Title: `Massage & "care"`, PDF: "c/en/r.pdf", Thumb: "c/en/r.thumb.png", ThumbW: 240, ThumbH: 339,
			Cards: []string{"c/en/r/step-01.png", "c/en/r/step-02.png"}, Poster: "c/en/r/poster.png",
		}}},
		{Tag: "ar", Name: "العربية", English: "Arabic", RTL: true, Routines: []Routine{{ID: "r", Title: "r", PDF: "c/ar/r.pdf"}}},
		{Tag: "fr", Name: "Français", English: "French", Routines: []Routine{{ID: "r", Title: "r", PDF: "c/fr/r.pdf", Thumb: "c/fr/r.thumb.png"}}},
	}}}}
	data, err := Render(page)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{
		`<h2 id="c">Clinic &lt;One&gt;</h2>`,
		`<a href="c/en/r.pdf"><img src="c/en/r.thumb.png" width="240" height="339" alt="Massage &amp; &#34;care&#34;: page 1"></a>`,
		`<h4>Massage &amp; &#34;care&#34;</h4>`,
		`<li><a href="c/en/r/step-01.png">1</a></li><li><a href="c/en/r/step-02.png">2</a></li>`,
		`<a href="c/en/r/poster.png">`,
		`<section class="lang" id="c-ar" lang="ar" dir="rtl">`,
		`<h3>العربية <small lang="en" dir="ltr">Arabic`,
		`careprint 9.9`,
		// a size unknown (a clinic no longer in the config): none given
		`<img src="c/fr/r.thumb.png" alt="r: page 1">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	// the Arabic handout has no thumbnail, cards or poster: none linked
	ar := got[strings.Index(got, `id="c-ar"`):strings.Index(got, `id="c-fr"`)]
	if strings.Contains(ar, "<img") || strings.Contains(ar, "step-") || strings.Contains(ar, "poster") {
		t.Errorf("files the page does not list are linked:\n%s", ar)
	}
	if strings.Contains(got, "http://") || strings.Contains(got, "https://") {
		t.Error("the gallery must not reach the network")
	}
}

func TestRenderEmpty(t *testing.T) {
	t.Parallel()
	data, err := Render(Page{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "This build made no files.") {
		t.Errorf("empty gallery says nothing:\n%s", data)
	}
}
