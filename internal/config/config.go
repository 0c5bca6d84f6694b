// Package config is careprint's typed setup: the clinics, their contact
// details, brand, paper, languages, routines and output formats. It decodes
// config.yaml strictly, so a misspelt key is an error with file:line:col.
package config

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// Config is the whole setup of one run.
type Config struct {
	// Templates is a folder of the clinic's own routine files, relative to
	// the config file; they add to, or replace by id, the built-in ones.
	Templates string   `yaml:"templates"`
	Out       string   `yaml:"out"`
	Clinics   []Clinic `yaml:"clinics"`
	// SMTP is how careprint send delivers mail; the password comes from
	// the environment only (CAREPRINT_SMTP_PASSWORD).
	SMTP SMTP `yaml:"smtp"`

	File string    `yaml:"-"` // where it was read from
	doc  yamlx.Doc // positions for errors
}

// Pos is the position of the value at path in the config file, e.g.
// Pos("clinics", 0, "timing", "tbml") (see yamlx.Doc.Pos).
func (c *Config) Pos(path ...any) yamlx.Pos { return c.doc.Pos(path...) }

// KeyPos is Pos of a key itself, for a path that ends in a key.
func (c *Config) KeyPos(path ...any) yamlx.Pos { return c.doc.KeyPos(path...) }

// Clinic is one clinic's branding and output choices.
type Clinic struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	Contact   Contact  `yaml:"contact"`
	Logo      string   `yaml:"logo"` // PNG or JPEG, relative to the config file
	Colors    Colors   `yaml:"colors"`
	Country   string   `yaml:"country"` // ISO 3166 code, e.g. US: sets the default paper
	Paper     string   `yaml:"paper"`   // a4 | letter | a5; default by country
	Languages []string `yaml:"languages"`
	Routines  []string `yaml:"routines"` // empty: all
	Formats   []string `yaml:"formats"`  // pdf, png
	PNG       PNG      `yaml:"png"`
	Review    Review   `yaml:"review"`
	// Variants choose where sources disagree: compress (cold-after,
	// warm-before, both, none), direction (armpit, nipple), lubricant (ask,
	// olive-oil, coconut-oil, none).
	Variants map[string]string `yaml:"variants"`
	// Timing overrides durations and counts: routine id -> step id -> timing.
	Timing map[string]map[string]routine.Timing `yaml:"timing"`
	// Overrides change built-in routines without copying them, by routine id.
	Overrides  map[string]Override `yaml:"overrides"`
	LargePrint bool                `yaml:"large_print"`
	// Fallback says what happens when a handout's words are not all in
	// its language: report (the default: build and check say which
	// strings fell back) or refuse (an error).
	Fallback string `yaml:"fallback"`
	// RequireReviewed refuses handouts whose words come from a draft
	// translation.
	RequireReviewed bool `yaml:"require_reviewed"`
	// Links are web pages a handout or plan shows as a QR code with the
	// address beside it: a video of the technique, a booking page.
	Links Links `yaml:"links"`
	// OwnLanguage is the language the clinic's name, contact and address
	// are written in (a BCP 47 tag, default en). A screen reader reads
	// them in that language on a handout in another.
	OwnLanguage string `yaml:"own_language"`

	Pos   yamlx.Pos `yaml:"-"`
	Index int       `yaml:"-"` // its place in clinics:, for positions
}

// Words is text a clinic writes itself: one string, taken to be English,
// or a mapping by language tag ({en: ..., es: ...}).
type Words map[string]string

// UnmarshalYAML takes a string or a mapping by language.
func (w *Words) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*w = Words{"en": n.Value}
		return nil
	}
	m := map[string]string{}
	if err := n.Decode(&m); err != nil {
		return err
	}
	*w = m
	return nil
}

// For returns the words in the first language of chain that has them, and
// that language; "" when w has none of them.
func (w Words) For(chain []string) (text, lang string) {
	for _, l := range chain {
		if t, ok := w[l]; ok && strings.TrimSpace(t) != "" {
			return t, l
		}
	}
	return "", ""
}

// Links are a clinic's web addresses: one for every handout and plan
// (Video), and one per routine id that replaces it on that routine's
// handout.
type Links struct {
	Video    string            `yaml:"video"`
	Routines map[string]string `yaml:"routines"`
}

// For returns the address a routine's handout shows, "" for none.
func (l Links) For(routineID string) string {
	if u := l.Routines[routineID]; u != "" {
		return u
	}
	return l.Video
}

// SMTP is a mail server's settings. TLS is starttls (the default: the
// session must be upgraded before authenticating) or none (plain text,
// accepted only for a server on a loopback address).
type SMTP struct {
	Host string `yaml:"host"`
	Port int    `yaml:"port"` // default 587
	User string `yaml:"user"`
	From string `yaml:"from"`
	TLS  string `yaml:"tls"`
	// CAFile is a PEM file of certificate authorities to trust instead of
	// the system's, for a server with a private certificate.
	CAFile string `yaml:"ca_file"`
}

// CheckURL reports whether s is an absolute http or https address.
func CheckURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not a web address: write it in full, e.g. https://example.org/video", s)
	}
	if len(s) > 300 {
		return fmt.Errorf("%q is longer than 300 characters: use a shorter address", s)
	}
	return nil
}

// Override is a clinic's change to one routine.
type Override struct {
	Drop  []string                `yaml:"drop"`  // step ids to leave out
	Note  Words                   `yaml:"note"`  // a local note, e.g. "Call our nurse line: ..."
	Steps map[string]StepOverride `yaml:"steps"` // by step id
}

// StepOverride replaces a step's words or picture.
type StepOverride struct {
	Title   Words  `yaml:"title"`
	Text    Words  `yaml:"text"`
	Caption Words  `yaml:"caption"`
	Image   string `yaml:"image"` // PNG or JPEG, relative to the config file
}

// Contact is how families reach the clinic.
type Contact struct {
	Phone   string `yaml:"phone"`
	Email   string `yaml:"email"`
	Web     string `yaml:"web"`
	Address string `yaml:"address"`
}

// Colors are the clinic's brand colours as #RRGGBB.
type Colors struct {
	Primary string `yaml:"primary"`
	Accent  string `yaml:"accent"`
}

// PNG sets the pixel sizes of the step cards and the poster.
type PNG struct {
	Card   Size `yaml:"card"`
	Poster Size `yaml:"poster"`
}

// Size is a width and height in pixels.
type Size struct {
	Width  int `yaml:"width"`
	Height int `yaml:"height"`
}

// Review is the handout's document control.
type Review struct {
	Date    string `yaml:"date"` // YYYY-MM-DD
	By      string `yaml:"by"`
	Version string `yaml:"version"`
}

// UnmarshalYAML records the clinic's position.
func (c *Clinic) UnmarshalYAML(n *yaml.Node) error {
	type plain Clinic
	if err := n.Decode((*plain)(c)); err != nil {
		return err
	}
	c.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	return nil
}

// Default returns the settings a config file starts from.
func Default() Config {
	return Config{Templates: "templates", Out: "out"}
}

// Parse decodes config data (named file in errors) over Default, fills each
// clinic's defaults and validates the result.
func Parse(file string, data []byte) (*Config, error) {
	c := Default()
	doc, err := yamlx.DecodeDoc(file, data, &c)
	if err != nil {
		return nil, err
	}
	c.File, c.doc = file, doc
	for i := range c.Clinics {
		c.Clinics[i].Pos.File = file
		c.Clinics[i].Index = i
		c.Clinics[i].fill()
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Clinic) fill() {
	if c.Colors.Primary == "" {
		c.Colors.Primary = "#0F6E66"
	}
	if c.Colors.Accent == "" {
		c.Colors.Accent = "#B4462C"
	}
	if c.Paper == "" {
		c.Paper = defaultPaper(c.Country)
	}
	if len(c.Languages) == 0 {
		c.Languages = []string{"en"}
	}
	if len(c.Formats) == 0 {
		c.Formats = []string{"pdf", "png"}
	}
	if c.PNG.Card == (Size{}) {
		c.PNG.Card = Size{1080, 1080}
	}
	if c.PNG.Poster == (Size{}) {
		c.PNG.Poster = Size{1080, 1920}
	}
	if c.Fallback == "" {
		c.Fallback = "report"
	}
	if c.OwnLanguage == "" {
		c.OwnLanguage = "en"
	}
	if c.Review.Version == "" {
		c.Review.Version = "1.0"
	}
	v := routine.DefaultVariants()
	for k, val := range c.Variants {
		v[k] = val
	}
	c.Variants = v
}

var (
	idRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	colorRE = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// papers lists the supported paper sizes.
func papers() []string { return []string{"a4", "letter", "a5"} }

// Validate checks every clinic and reports the first problem with its position.
func (c *Config) Validate() error {
	if len(c.Clinics) == 0 {
		return yamlx.Errorf(yamlx.Pos{File: c.File, Line: 1}, "no clinics: add at least one under clinics:")
	}
	seen := map[string]bool{}
	for i := range c.Clinics {
		cl := &c.Clinics[i]
		if seen[cl.ID] {
			return yamlx.Errorf(c.Pos("clinics", i, "id"), "clinic id %q is used twice", cl.ID)
		}
		seen[cl.ID] = true
		at := func(path ...any) yamlx.Pos { return c.Pos(append([]any{"clinics", i}, path...)...) }
		if err := cl.validate(at); err != nil {
			return err
		}
		if err := cl.Links.validate(c, i); err != nil {
			return err
		}
	}
	if t := c.SMTP.TLS; t != "" && t != "starttls" && t != "none" {
		return yamlx.Errorf(c.Pos("smtp", "tls"), "smtp: tls %q%s: use starttls, or none for a server on this machine", t, yamlx.Suggest(t, []string{"starttls", "none"}))
	}
	if p := c.SMTP.Port; p < 0 || p > 65535 {
		return yamlx.Errorf(c.Pos("smtp", "port"), "smtp: port %d: use a port from 1 to 65535", p)
	}
	return nil
}

func (l Links) validate(c *Config, i int) error {
	if l.Video != "" {
		if err := CheckURL(l.Video); err != nil {
			return yamlx.Errorf(c.Pos("clinics", i, "links", "video"), "clinic %q: links: video: %v", c.Clinics[i].ID, err)
		}
	}
	for id, u := range l.Routines {
		if err := CheckURL(u); err != nil {
			return yamlx.Errorf(c.Pos("clinics", i, "links", "routines", id), "clinic %q: links of %q: %v", c.Clinics[i].ID, id, err)
		}
	}
	return nil
}

// validate checks the clinic; at gives the position of the value at a
// path below the clinic, e.g. at("colors", "primary").
func (cl *Clinic) validate(at func(path ...any) yamlx.Pos) error {
	bad := func(pos yamlx.Pos, format string, args ...any) error {
		return yamlx.Errorf(pos, "clinic %q: %s", cl.ID, fmt.Sprintf(format, args...))
	}
	if !idRE.MatchString(cl.ID) {
		return yamlx.Errorf(at("id"), "clinic id %q: use lower-case letters, digits and dashes", cl.ID)
	}
	if strings.TrimSpace(cl.Name) == "" {
		return bad(at("name"), "name is empty")
	}
	for _, col := range []struct{ key, val string }{{"primary", cl.Colors.Primary}, {"accent", cl.Colors.Accent}} {
		if !colorRE.MatchString(col.val) {
			return bad(at("colors", col.key), "colour %q: write it as \"#RRGGBB\", in quotes", col.val)
		}
	}
	if !contains(papers(), cl.Paper) {
		return bad(at("paper"), "paper %q%s", cl.Paper, yamlx.Suggest(cl.Paper, papers()))
	}
	if _, err := language.Parse(cl.OwnLanguage); err != nil {
		return bad(at("own_language"), "own_language %q is not a language tag: write the language the clinic's name and contact are in, like en, es or pt-BR", cl.OwnLanguage)
	}
	if f := cl.Fallback; f != "report" && f != "refuse" {
		return bad(at("fallback"), "fallback %q%s", f, yamlx.Suggest(f, []string{"report", "refuse"}))
	}
	for i, f := range cl.Formats {
		if f != "pdf" && f != "png" {
			return bad(at("formats", i), "format %q%s", f, yamlx.Suggest(f, []string{"pdf", "png"}))
		}
	}
	for _, s := range []struct {
		key  string
		size Size
	}{{"card", cl.PNG.Card}, {"poster", cl.PNG.Poster}} {
		if w, h := s.size.Width, s.size.Height; w < 200 || h < 200 || w > 6000 || h > 6000 {
			return bad(at("png", s.key), "PNG size %dx%d: width and height must be 200 to 6000 pixels", w, h)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(cl.Variants)) {
		if err := routine.CheckVariants(at("variants", k), map[string]string{k: cl.Variants[k]}); err != nil {
			e := err.(*yamlx.Error)
			return yamlx.Errorf(e.Pos, "clinic %q: %s", cl.ID, e.Msg)
		}
	}
	if cl.Review.Date == "" {
		return bad(at("review"), "review: date is missing: handouts must show when they were last reviewed (YYYY-MM-DD)")
	}
	if _, err := cl.ReviewDate(); err != nil {
		return bad(at("review", "date"), "review date %q: write it as YYYY-MM-DD", cl.Review.Date)
	}
	return nil
}

// defaultPaper is the usual paper size in a country: Letter in North and
// Central America, the Philippines, Chile, Colombia and Venezuela; A4
// elsewhere.
func defaultPaper(country string) string {
	switch strings.ToUpper(country) {
	case "US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "SV", "NI", "HN", "PR", "BZ":
		return "letter"
	}
	return "a4"
}

// ReviewDate is the parsed review date; it also dates the generated files.
func (cl *Clinic) ReviewDate() (time.Time, error) {
	return time.Parse("2006-01-02", cl.Review.Date)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
