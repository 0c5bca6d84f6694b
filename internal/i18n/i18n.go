// Package i18n holds the interface words of the handouts per language:
// catalogs loaded from templates/i18n/<lang>.yaml, CLDR plural forms,
// language matching with fallback (es-MX -> es -> en) and dates in the
// language's own format.
package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/careprint/careprint/internal/yamlx"
)

// Catalog is one language's interface strings.
type Catalog struct {
	Language string            `yaml:"language"`
	Status   Status            `yaml:"status"`
	Dir      string            `yaml:"dir"`    // ltr (default) | rtl
	Months   []string          `yaml:"months"` // 12 month names for dates
	Date     string            `yaml:"date"`   // pattern with {d} {month} {m} {y}
	Strings  map[string]string `yaml:"strings"`
	// Plurals holds CLDR plural forms (zero, one, two, few, many, other) of
	// counted phrases, with {n} for the number.
	Plurals map[string]map[string]string `yaml:"plurals"`
	// PageTools holds the words of the pictures' legend, the remember box
	// and the page tools (tick strip, log). They are their own block at
	// the end of a catalog and are read into Strings.
	PageTools map[string]string `yaml:"page_tools"`

	File string       `yaml:"-"`
	tag  language.Tag // parsed Language
}

// Status is a translation's review state.
type Status struct {
	State string `yaml:"state"` // draft | reviewed
	By    string `yaml:"by"`
	Date  string `yaml:"date"`
}

// Keys every catalog must define.
func Keys() []string {
	return []string{"tips", "when_to_call", "draft", "references", "contact", "page_of",
		"reviewed", "reviewed_on", "version", "range", "each_side", "each_breast",
		"each_feed", "each_session", "step", "repeat_per",
		// the consultant's plan page, its QR link and its email
		"scan_link", "plan_title", "plan_for", "plan_date", "plan_consultant", "plan_what",
		"plan_when", "plan_side", "side_left", "side_right", "side_both", "plan_days",
		"plan_note", "plan_chart", "plan_day", "plan_next", "mail_subject", "mail_body",
		"mail_password", "mail_reminder"}
}

// PageToolKeys every catalog must define under page_tools.
func PageToolKeys() []string {
	return []string{"legend_start", "legend_way", "legend_both", "legend_count", "legend_order", "legend_light",
		"remember", "ticks_title", "sheet_ticks", "day", "log_title", "log_done", "log_easing", "log_warning", "log_call", "yes", "no"}
}

// PluralKeys every catalog must define.
func PluralKeys() []string { return []string{"minutes", "seconds", "times", "days"} }

// Parse reads and checks one catalog.
func Parse(file string, data []byte) (*Catalog, error) {
	var c Catalog
	if err := yamlx.Decode(file, data, &c); err != nil {
		return nil, err
	}
	c.File = file
	top := yamlx.Pos{File: file, Line: 1}
	tag, err := language.Parse(c.Language)
	if err != nil {
		return nil, yamlx.Errorf(top, "language %q: use a BCP 47 tag such as es or pt-BR", c.Language)
	}
	c.tag = tag
	if c.Dir == "" {
		c.Dir = "ltr"
	}
	if c.Dir != "ltr" && c.Dir != "rtl" {
		return nil, yamlx.Errorf(top, "dir %q: use ltr or rtl", c.Dir)
	}
	if len(c.Months) != 12 {
		return nil, yamlx.Errorf(top, "months: list the 12 month names (found %d)", len(c.Months))
	}
	if c.Date == "" {
		return nil, yamlx.Errorf(top, "date: give a date pattern such as {d} {month} {y}")
	}
	if c.Strings == nil {
		c.Strings = map[string]string{}
	}
	for k, v := range c.PageTools {
		if _, dup := c.Strings[k]; dup {
			return nil, yamlx.Errorf(top, "page_tools: %q is also under strings: keep it once", k)
		}
		c.Strings[k] = v
	}
	for _, k := range append(Keys(), PageToolKeys()...) {
		if strings.TrimSpace(c.Strings[k]) == "" {
			return nil, yamlx.Errorf(top, "strings: %q is missing", k)
		}
	}
	for _, k := range PluralKeys() {
		if c.Plurals[k]["other"] == "" {
			return nil, yamlx.Errorf(top, "plurals: %q needs at least the form other", k)
		}
	}
	if c.Status.State != "draft" && c.Status.State != "reviewed" {
		return nil, yamlx.Errorf(top, "status: state %q: use draft or reviewed", c.Status.State)
	}
	return &c, nil
}

// Bundle is the catalogs of a run, by language tag.
type Bundle struct {
	cats map[string]*Catalog
}

// LoadDir reads every <lang>.yaml in dir.
func LoadDir(fsys fs.FS, dir string) (*Bundle, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	b := &Bundle{cats: map[string]*Catalog{}}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		c, err := Parse(n, data)
		if err != nil {
			return nil, err
		}
		b.cats[c.Language] = c
	}
	if b.cats["en"] == nil {
		return nil, fmt.Errorf("%s: no en.yaml: English is the fallback of every language", dir)
	}
	return b, nil
}

// Languages lists the catalogs' languages, sorted.
func (b *Bundle) Languages() []string {
	out := make([]string, 0, len(b.cats))
	for k := range b.cats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Chain returns the fallback chain for lang: itself, its base language,
// then en, keeping only languages that have a catalog (es-MX -> es -> en).
func Chain(lang string, has func(string) bool) []string {
	var out []string
	add := func(l string) {
		for _, o := range out {
			if o == l {
				return
			}
		}
		if has(l) {
			out = append(out, l)
		}
	}
	add(lang)
	if i := strings.IndexByte(lang, '-'); i > 0 {
		add(lang[:i])
	}
	add("en")
	return out
}

// Lookup returns the catalog for lang and the language actually used
// (different when it fell back).
func (b *Bundle) Lookup(lang string) (*Catalog, string) {
	chain := Chain(lang, func(l string) bool { return b.cats[l] != nil })
	return b.cats[chain[0]], chain[0]
}

// Get returns a string with {name} placeholders filled from args (name,
// value pairs).
func (c *Catalog) Get(key string, args ...string) string {
	return fill(c.Strings[key], args...)
}

// Count returns the plural phrase key for n, e.g. "10 minutes".
func (c *Catalog) Count(key string, n float64) string {
	return c.CountAs(key, n, c.Number(n))
}

// CountAs is Count with the number written as shown, e.g. "1 to 2 minutes"
// (the plural form follows n). A form without {n} is for exactly one
// number ("once", Arabic "دقيقتان"): a range uses other instead.
func (c *Catalog) CountAs(key string, n float64, shown string) string {
	forms := c.Plurals[key]
	s := forms[c.Form(n)]
	if s == "" || (!strings.Contains(s, "{n}") && shown != c.Number(n)) {
		s = forms["other"]
	}
	return fill(s, "n", shown)
}

// Form returns the CLDR plural category of n in the catalog's language:
// zero, one, two, few, many or other.
func (c *Catalog) Form(n float64) string { return pluralForm(c.tag, n) }

func pluralForm(tag language.Tag, n float64) string {
	if n == float64(int(n)) {
		return formName(plural.Cardinal.MatchPlural(tag, int(n), 0, 0, 0, 0))
	}
	num := FormatNumber(n)
	frac := strings.SplitN(num, ".", 2)[1]
	f, _ := strconv.Atoi(frac)
	return formName(plural.Cardinal.MatchPlural(tag, int(n), len(frac), len(frac), f, f))
}

// PluralCategories lists the plural categories lang uses for the whole
// numbers 0 to 1000, in CLDR order: what a {count, plural, ...} in that
// language must give.
func PluralCategories(lang string) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return []string{"other"}
	}
	seen := map[string]bool{}
	for i := 0; i <= 1000; i++ {
		seen[pluralForm(tag, float64(i))] = true
	}
	var out []string
	for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// Number formats n with the language's decimal separator.
func (c *Catalog) Number(n float64) string {
	s := FormatNumber(n)
	if sep := c.Strings["decimal"]; sep != "" {
		s = strings.Replace(s, ".", sep, 1)
	}
	return s
}

// FormatNumber writes n without trailing zeros.
func FormatNumber(n float64) string {
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// FormatDate writes t in the catalog's date pattern.
// The first of the month can have its own form (French "1er"): the
// optional string day_one.
func (c *Catalog) FormatDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 && c.Strings["day_one"] != "" {
		day = c.Strings["day_one"]
	}
	return fill(c.Date, "d", day, "month", c.Months[t.Month()-1],
		"m", fmt.Sprintf("%02d", int(t.Month())), "y", strconv.Itoa(t.Year()))
}

// RTL reports a right-to-left language.
func (c *Catalog) RTL() bool { return c.Dir == "rtl" }

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

func fill(s string, args ...string) string {
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}
