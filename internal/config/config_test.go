package config

import (
	"strings"
	"testing"
)

const minimal = `clinics:
  - id: demo
    name: Demo Clinic
    review: {date: 2026-01-02}
`

func TestParseDefaults(t *testing.T) {
	c, err := Parse("config.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	cl := c.Clinics[0]
	if c.Out != "out" || c.Templates != "templates" {
		t.Errorf("out %q templates %q, want the defaults", c.Out, c.Templates)
	}
	if cl.Paper != "a4" || len(cl.Languages) != 1 || cl.Languages[0] != "en" || cl.PNG.Card != (Size{1080, 1080}) || cl.PNG.Poster != (Size{1080, 1920}) {
		t.Errorf("clinic defaults not filled: %+v", cl)
	}
	if cl.Pos.String() != "config.yaml:2:5" {
		t.Errorf("clinic position %s", cl.Pos)
	}
}

func TestPaperDefaultsByCountry(t *testing.T) {
	for country, want := range map[string]string{"": "a4", "US": "letter", "us": "letter", "FR": "a4", "PH": "letter"} {
		c, err := Parse("config.yaml", []byte(minimal+"    country: "+country+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Clinics[0].Paper; got != want {
			t.Errorf("country %q: paper %s, want %s", country, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, extra, want string
	}{
		{"misspelt key", "    papr: a4\n", `config.yaml:5:5: unknown key "papr" (did you mean "paper"?)`},
		{"bad paper", "    paper: a3\n", `config.yaml:5:12: clinic "demo": paper "a3" (did you mean "a4" or "a5"?)`},
		{"bad colour", "    colors: {primary: teal}\n", `config.yaml:5:23: clinic "demo": colour "teal": write it as "#RRGGBB", in quotes`},
		{"bad format", "    formats: [pdf, svg]\n", `config.yaml:5:20: clinic "demo": format "svg"`},
		{"tiny png", "    png: {card: {width: 10, height: 10}}\n", `PNG size 10x10: width and height must be 200 to 6000 pixels`},
		{"wrong type", "    languages: en\n", `config.yaml:5: cannot unmarshal text`},
		{"link not a web address", "    links: {video: demo.example/v}\n", `config.yaml:5:20: clinic "demo": links: video: "demo.example/v" is not a web address`},
		{"routine link not a web address", "    links: {routines: {tbml: \"ftp://x/y\"}}\n", `config.yaml:5:30: clinic "demo": links of "tbml": "ftp://x/y" is not a web address`},
		{"smtp tls", "smtp: {host: h, tls: ssl}\n", `smtp: tls "ssl"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.yaml", []byte(minimal+tt.extra))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Parse("config.yaml", []byte("clinics:\n  - id: x\n    name: X\n")); err == nil || !strings.Contains(err.Error(), "review: date is missing") {
		t.Errorf("missing review date: %v", err)
	}
	if _, err := Parse("config.yaml", []byte(minimal+minimal[len("clinics:\n"):])); err == nil || !strings.Contains(err.Error(), `clinic id "demo" is used twice`) {
		t.Errorf("duplicate id: %v", err)
	}
}
