package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/plan"
)

//go:embed form.html.tmpl
var formTemplate string

var pageTmpl = template.Must(template.New("form").Parse(formTemplate))

// option is one choice of a select or a checkbox list.
type option struct {
	Value, Label, Lang string
	RTL, On            bool
}

// form is the page's state: what was typed, the choices, the messages.
type form struct {
	Clinics, Routines, Langs, Sides []option
	Client, Times, Note, Consultant string
	Email, Days                     string
	// Errors are messages by field name (the form's and plan.Request's).
	Errors map[string]string
	Error  string // a message about the whole form
	// After a preview or a send: the first page, the notes on fallback
	// languages, the routines' titles, the address mailed.
	Preview       string
	Notes, Titles []string
	Sent          string
	MailOn        bool
	MaxDays       int
	Version       string
	Clinic        *config.Clinic
	CanShowClinic bool
	// what was posted, as posted: plan.Request judges it
	clinic, lang, side string
	routines           []string
}

// newForm fills the form from posted values (nil: the defaults).
func (s *server) newForm(v url.Values) *form {
	f := &form{Errors: map[string]string{}, MailOn: s.o.Mail != nil, MaxDays: plan.MaxDays, Days: strconv.Itoa(plan.DefaultDays)}
	cfg := s.p.Config
	if v != nil {
		f.clinic, f.lang, f.side, f.routines = v.Get("clinic"), v.Get("lang"), v.Get("side"), v["routine"]
		f.Client, f.Times, f.Note = v.Get("client"), v.Get("times"), v.Get("note")
		f.Consultant, f.Email, f.Days = v.Get("consultant"), strings.TrimSpace(v.Get("email")), strings.TrimSpace(v.Get("days"))
	}
	for i := range cfg.Clinics {
		cl := &cfg.Clinics[i]
		on := cl.ID == f.clinic || f.clinic == "" && i == 0
		if on {
			f.Clinic = cl
		}
		f.Clinics = append(f.Clinics, option{Value: cl.ID, Label: cl.Name, On: on})
	}
	f.CanShowClinic = len(f.Clinics) > 1
	if f.Clinic == nil { // an unknown clinic: plan.Validate names it
		f.Clinic = &cfg.Clinics[0]
	}
	offered := f.Clinic.Routines
	if len(offered) == 0 {
		for _, r := range s.p.Routines {
			offered = append(offered, r.ID)
		}
	}
	for _, id := range offered {
		label := id
		if r := s.p.Routine(id); r != nil && r.Title != "" {
			label = r.Title
		}
		f.Routines = append(f.Routines, option{Value: id, Label: label, On: slices.Contains(f.routines, id)})
	}
	for i, tag := range f.Clinic.Languages {
		l := s.p.LangLabel(tag)
		label := l.Name
		if l.English != "" && l.English != l.Name {
			label += " (" + l.English + ")"
		}
		f.Langs = append(f.Langs, option{Value: tag, Label: label, Lang: tag, RTL: l.RTL, On: tag == f.lang || f.lang == "" && i == 0})
	}
	f.Sides = []option{{Value: "", Label: "Not said", On: f.side == ""}}
	for _, sd := range plan.Sides() {
		f.Sides = append(f.Sides, option{Value: sd, Label: strings.ToUpper(sd[:1]) + sd[1:], On: f.side == sd})
	}
	if v != nil {
		if _, err := strconv.Atoi(f.Days); err != nil {
			f.Errors["days"] = "Give the number of days of the tick chart, 1 to " + strconv.Itoa(plan.MaxDays) + "."
		}
	}
	return f
}

// request is the plan the form asks for.
func (f *form) request(now time.Time) plan.Request {
	r := plan.Request{
		Clinic: f.clinic, Routines: f.routines, Lang: f.lang, Side: f.side,
		Client: f.Client, Times: f.Times, Note: f.Note, Consultant: f.Consultant, Date: now,
	}
	r.Days, _ = strconv.Atoi(f.Days)
	return r
}

// addErrors puts a plan's field errors beside their fields (the form's
// own message wins); anything else goes on top of the form.
func (f *form) addErrors(err error) {
	var fe plan.Errors
	if !errors.As(err, &fe) {
		f.Error = err.Error()
		return
	}
	for _, e := range fe {
		if e.Field == "clinic" && !f.CanShowClinic {
			f.Error = e.Msg
			continue
		}
		if _, ok := f.Errors[e.Field]; !ok {
			f.Errors[e.Field] = sentence(e.Msg)
		}
	}
}

// sentence starts a message with a capital letter, as a sentence beside
// a field: "is empty" -> "Is empty".
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// page writes the form page with status.
func (s *server) page(w http.ResponseWriter, status int, f *form) {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, struct {
		*form
		PreviewURL template.URL
	}{f, template.URL(f.Preview)}); err != nil {
		http.Error(w, "careprint: the page failed: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
