package plan_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/pdftest"
	"github.com/careprint/careprint/internal/plan"
)

const testConfig = `clinics:
  - id: demo
    name: Demo Clinic
    contact: {phone: (555) 010-0100}
    languages: [en, es, ar, zh-Hans]
    routines: [rps, tbml]
    review: {date: 2026-01-02}
    links:
      video: https://demo.example/video
      routines: {tbml: https://demo.example/tbml}
  - id: strict
    name: Strict Clinic
    languages: [en, tl]
    fallback: refuse
    require_reviewed: true
    review: {date: 2026-01-02}
`

func load(t *testing.T, cfg string) *build.Project {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := build.Load(path, careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func request() plan.Request {
	return plan.Request{
		Routines: []string{"rps", "tbml"}, Lang: "es", Client: "Ana Zyxwvutsrq",
		Side: "left", Times: "antes de cada toma", Days: 7, Note: "Descansa.",
		Consultant: "María", Date: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	p := load(t, testConfig)
	for _, tc := range []struct {
		name   string
		change func(*plan.Request)
		field  string
		msg    string
	}{
		{"no routine", func(r *plan.Request) { r.Routines = nil }, "routine", "name at least one routine"},
		{"routine the clinic does not offer", func(r *plan.Request) { r.Routines = []string{"ibm"} }, "routine", `clinic "demo" does not hand out "ibm"`},
		{"routine twice", func(r *plan.Request) { r.Routines = []string{"rps", "rps"} }, "routine", `"rps" is named twice`},
		{"language the clinic does not hand out", func(r *plan.Request) { r.Lang = "fr" }, "lang", `clinic "demo" does not hand out "fr"; its languages are en, es, ar, zh-Hans`},
		{"no client", func(r *plan.Request) { r.Client = " " }, "client", "is empty"},
		{"name no font draws", func(r *plan.Request) { r.Client = "Ana \U0001F600" }, "client", "no font can draw"},
		{"name in a script without a font", func(r *plan.Request) { r.Client = "ሰላም" }, "client", "no font can draw"},
		{"line break in a name", func(r *plan.Request) { r.Client = "Ana\nB" }, "client", "line break"},
		{"long note", func(r *plan.Request) { r.Note = strings.Repeat("a", 601) }, "note", "at most 600"},
		{"bad side", func(r *plan.Request) { r.Side = "top" }, "side", "use left, right or both"},
		{"too many days", func(r *plan.Request) { r.Days = 29 }, "days", "give 1 to 28 days"},
		{"steps of another routine", func(r *plan.Request) { r.Steps = map[string][]int{"ibm": {1}} }, "steps", `"ibm" is not one of the plan's routines`},
		{"step past the end", func(r *plan.Request) { r.Steps = map[string][]int{"rps": {1, 40}} }, "steps", "there is no step 40"},
		{"unknown clinic", func(r *plan.Request) { r.Clinic = "nowhere" }, "clinic", `no clinic "nowhere"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := request()
			tc.change(&r)
			err := r.Validate(p)
			var errs plan.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Validate = %v, want plan.Errors", err)
			}
			fe := errs.Field(tc.field)
			if fe == nil || !strings.Contains(fe.Msg, tc.msg) {
				t.Fatalf("Validate = %v, want --%s: ...%s...", err, tc.field, tc.msg)
			}
		})
	}
	r := request()
	if err := r.Validate(p); err != nil {
		t.Fatalf("a good request: %v", err)
	}
}

// TestFallbackRefused: a clinic with fallback: refuse and
// require_reviewed refuses a plan in a draft language, as build does.
func TestFallbackRefused(t *testing.T) {
	t.Parallel()
	p := load(t, testConfig)
	r := plan.Request{Clinic: "strict", Routines: []string{"rps"}, Lang: "tl", Client: "Ana"}
	err := r.Validate(p)
	var errs plan.Errors
	if !errors.As(err, &errs) || errs.Field("lang") == nil || !strings.Contains(err.Error(), "require_reviewed: true") {
		t.Fatalf("Validate = %v, want a --lang error naming require_reviewed", err)
	}
}

func TestParseSteps(t *testing.T) {
	t.Parallel()
	got, err := plan.ParseSteps([]string{"tbml:1,2,4", "rps:2-3", "tbml:2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got["tbml"]) != 3 || got["tbml"][2] != 4 || len(got["rps"]) != 2 || got["rps"][1] != 3 {
		t.Fatalf("ParseSteps = %v", got)
	}
	for _, bad := range []string{"tbml", "tbml:", "tbml:0", "tbml:3-1", "tbml:x"} {
		if _, err := plan.ParseSteps([]string{bad}); err == nil {
			t.Errorf("ParseSteps(%q): no error", bad)
		}
	}
}

// TestRender: the plan page carries the client's name and the plan's
// words in the handout's language, then the chosen handouts; the
// metadata carries no client data.
func TestRender(t *testing.T) {
	t.Parallel()
	p := load(t, testConfig)
	r := request()
	r.Steps = map[string][]int{"tbml": {1, 2}}
	res, err := plan.Render(context.Background(), p, r, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftest.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := doc.Structure()
	if err != nil {
		t.Fatal(err)
	}
	if len(tg.Untagged) > 0 {
		t.Errorf("content outside the structure:\n%s", strings.Join(tg.Untagged, "\n"))
	}
	if strings.Contains(tg.XMP, "Zyxwvutsrq") || strings.Contains(tg.XMP, "María") {
		t.Errorf("the XMP metadata names the client or consultant:\n%s", tg.XMP)
	}
	var h1, qr []string
	tg.Root.Walk(func(n *pdftest.Node) {
		switch {
		case n.Role == "H1":
			h1 = append(h1, n.Read())
		case n.Role == "Figure" && strings.HasPrefix(n.Alt, "Escanea"):
			qr = append(qr, n.Alt)
		}
	})
	if len(h1) == 0 || h1[0] != "Tu plan de cuidados" {
		t.Errorf("first heading %q", h1)
	}
	if len(qr) != 3 || qr[0] != "Escanea con la cámara de tu teléfono para abrir: https://demo.example/video" {
		t.Errorf("QR codes described as %q, want the plan's and each handout's", qr)
	}
	page1 := doc.Text[0]
	for _, want := range []string{"Ana Zyxwvutsrq", "María", "Tu plan de cuidados", "Cuándo: antes de cada toma", "Lado: pecho izquierdo", "Cada día durante 7 días", "Descansa.", "30 de noviembre de 2026", "https://demo.example/video"} {
		if !strings.Contains(page1, want) {
			t.Errorf("plan page lacks %q:\n%s", want, page1)
		}
	}
	all := doc.AllText()
	if !strings.Contains(all, "https://demo.example/tbml") {
		t.Error("the tbml handout lacks its own link")
	}
	for _, meta := range []string{doc.Title, doc.Subject, doc.Author, doc.Creator} {
		if strings.Contains(meta, "Ana") || strings.Contains(meta, "María") || strings.Contains(meta, "Descansa") {
			t.Errorf("metadata %q carries client data", meta)
		}
	}
	// one document: its pages are numbered through, plan page included
	for i, text := range doc.Text {
		if want := fmt.Sprintf("Página %d de %d", i+1, len(doc.Text)); !strings.Contains(text, want) {
			t.Errorf("page %d does not say %q:\n%s", i+1, want, text)
		}
	}
	// the steps kept: tbml has 2 numbered steps, then its warning signs
	if n := strings.Count(all, "Detén el masaje"); n < 2 {
		t.Errorf("warning signs appear %d times, want one box per routine", n)
	}
}

// TestRenderRTLAndCJK: an Arabic plan with an Arabic name, a Chinese one.
func TestRenderRTLAndCJK(t *testing.T) {
	t.Parallel()
	p := load(t, testConfig)
	for _, tc := range []struct{ lang, client, title string }{
		{"ar", "ليلى", "خطة الرعاية الخاصة بك"},
		{"zh-Hans", "王芳", "您的护理计划"},
	} {
		r := plan.Request{Routines: []string{"tbml"}, Lang: tc.lang, Client: tc.client, Days: 3}
		res, err := plan.Render(context.Background(), p, r, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.lang, err)
		}
		doc, err := pdftest.Read(res.PDF)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.title {
			t.Errorf("%s: title %q, want %q", tc.lang, doc.Title, tc.title)
		}
		if tc.lang == "zh-Hans" && !strings.Contains(doc.Text[0], tc.client) {
			t.Errorf("%s: the name is not on the plan page:\n%s", tc.lang, doc.Text[0])
		}
	}
}

// TestQRCodeDecodes renders the plan page to pixels and decodes its QR
// code back to the clinic's link.
func TestQRCodeDecodes(t *testing.T) {
	t.Parallel()
	p := load(t, testConfig)
	r := request()
	r.Lang = "ar" // the code must not be mirrored on a right-to-left page
	res, err := plan.Render(context.Background(), p, r, plan.Options{PNG: true})
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(strings.NewReader(string(res.PNG)))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != "https://demo.example/video" {
		t.Fatalf("QR code = %q", got)
	}
	// a handout page with its routine's own link
	h, err := p.Handout(build.Job{Clinic: &p.Config.Clinics[0], Lang: "en", Words: "en", Routine: p.Routine("tbml"), Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := h.Document()
	if err != nil {
		t.Fatal(err)
	}
	last := doc.Pages[len(doc.Pages)-1]
	pimg, err := raster.Render(last, 1240, 1754, p.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, pimg); got != "https://demo.example/tbml" {
		t.Fatalf("handout QR code = %q", got)
	}
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code found on the page: %v", err)
	}
	return res.GetText()
}
