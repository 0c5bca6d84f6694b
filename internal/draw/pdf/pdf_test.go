package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/pdftest"
)

func render(t *testing.T, doc *draw.Document) ([]byte, error) {
	t.Helper()
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = Render(&buf, doc, fs, Options{Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Compress: true})
	return buf.Bytes(), err
}

// onePage renders pg as an English document and reads it back: the file,
// the document and the page's content stream.
func onePage(t *testing.T, pg *draw.Page) (data []byte, d *pdftest.Doc, content []byte) {
	t.Helper()
	data, err := render(t, &draw.Document{Title: "T", Lang: "en", Pages: []*draw.Page{pg}})
	if err != nil {
		t.Fatal(err)
	}
	if d, err = pdftest.Read(data); err != nil {
		t.Fatal(err)
	}
	if content, err = d.Content(1); err != nil {
		t.Fatal(err)
	}
	return data, d, content
}

func line(pg *draw.Page, y float64, s string) {
	pg.Text(10, y, 11, draw.Black(), draw.Run{Font: fonts.Regular, Text: s})
}

// TestTags writes a two-page document with every kind of tag and reads
// its structure back: roles in order, Alt, a span's Lang, artifacts, the
// loose line given a P of its own, the document's Lang.
func TestTags(t *testing.T) {
	p1 := draw.NewPage(210, 297)
	p1.Begin(draw.Tag{Role: draw.RoleH1})
	line(p1, 20, "Title")
	p1.End()
	p1.Begin(draw.Tag{Role: draw.RoleP})
	line(p1, 30, "First line ")
	line(p1, 35, "second line")
	p1.Begin(draw.Tag{Role: draw.RoleSpan, Lang: "en"})
	line(p1, 40, "English words")
	p1.End()
	p1.End()
	p1.Begin(draw.Tag{Role: draw.RoleFigure, Alt: "A circle"})
	p1.Path(draw.Circle(50, 80, 10), draw.Filled(draw.Black()))
	p1.End()
	p1.Path(draw.Circle(50, 120, 10), draw.Filled(draw.Black())) // decoration
	p1.Begin(draw.Tag{Role: draw.RoleArtifact})
	line(p1, 280, "Page 1 of 2")
	p1.End()
	p2 := draw.NewPage(210, 297)
	line(p2, 20, "loose")
	doc := &draw.Document{Title: "T", Lang: "es", Pages: []*draw.Page{p1, p2}}
	if got := doc.Untagged(); len(got) != 1 || !strings.Contains(got[0], `page 2: text "loose" outside the structure`) {
		t.Errorf("Untagged: %q", got)
	}
	data, err := render(t, doc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := pdftest.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := d.Structure()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	tg.Root.Walk(func(n *pdftest.Node) {
		s := n.Role
		if n.Alt != "" {
			s += " alt=" + n.Alt
		}
		if n.Lang != "" {
			s += " lang=" + n.Lang
		}
		if n.Text != "" {
			s += " " + n.Text
		}
		got = append(got, s)
	})
	want := []string{"Document", "H1 Title", "P First line second line", "Span lang=en English words",
		"Figure alt=A circle", "P loose"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("structure:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tg.Lang != "es" || len(tg.Untagged) > 0 || tg.Artifacts[0] != "Page 1 of 2" {
		t.Errorf("Lang %q, untagged %q, artifacts %q", tg.Lang, tg.Untagged, tg.Artifacts)
	}
}

// TestTagErrors: tags that do not pair on a page and a language that is
// not a BCP 47 tag are errors, not a broken file.
func TestTagErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		page func(pg *draw.Page)
		lang string
		want string
	}{
		{"not closed", func(pg *draw.Page) { pg.Begin(draw.Tag{Role: draw.RoleP}); line(pg, 20, "x") }, "", "page 1: 1 structure element(s) not closed (P first)"},
		{"closed twice", func(pg *draw.Page) { pg.End() }, "", "page 1: structure element closed but none is open"},
		{"bad span lang", func(pg *draw.Page) { pg.Begin(draw.Tag{Role: draw.RoleSpan, Lang: "en) /X (y"}); pg.End() }, "", `language "en) /X (y" is not a BCP 47 tag`},
		{"bad doc lang", func(pg *draw.Page) {}, "e n", `language "e n" is not a BCP 47 tag`},
	} {
		pg := draw.NewPage(210, 297)
		tt.page(pg)
		_, err := render(t, &draw.Document{Lang: tt.lang, Pages: []*draw.Page{pg}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestOnlyThisPackageImportsFpdf holds the house rule: fpdf stays behind
// this package.
func TestOnlyThisPackageImportsFpdf(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}}`, "github.com/careprint/careprint/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(l, " ")
		if strings.Contains(imports, "go-pdf/fpdf") || strings.Contains(imports, "gofpdf") {
			if pkg != "github.com/careprint/careprint/internal/draw/pdf" {
				t.Errorf("%s imports fpdf", pkg)
			}
		}
	}
}

// TestCompact: paths are written to a tenth of a point without trailing
// zeros, page content is compressed, and fpdf's plain objects live in
// the object stream (the file still validates strictly).
func TestCompact(t *testing.T) {
	pg := draw.NewPage(210, 297)
	pg.Begin(draw.Tag{Role: draw.RoleP})
	line(pg, 60, "Some words")
	pg.End()
	var p draw.Path
	p.MoveTo(10, 20).LineTo(30, 40)
	p.CubeTo(40, 40, 50, 50.01, 60, 297)
	p.Close()
	pg.Path(&p, draw.Stroked(draw.Black(), 0.5))
	data, d, content := onePage(t, pg)
	// 10 mm = 28.35 pt; y from the bottom: (297-20) mm = 785.20 pt
	want := "28.3 785.2 m\n85 728.5 l\n113.4 728.5 141.7 700.1 170.1 0 c\nh\n"
	if !strings.Contains(string(content), want) {
		t.Errorf("path not written as\n%s\ncontent:\n%s", want, content)
	}
	if bytes.Contains(data, []byte("785.2 m")) {
		t.Error("page content is not compressed")
	}
	if d.AllText() != "Some words" {
		t.Errorf("text %q", d.AllText())
	}
	// every object left outside the object stream is a stream
	objs := regexp.MustCompile(`(?m)^(\d+) 0 obj\n`).FindAllSubmatchIndex(data, -1)
	if len(objs) < 5 {
		t.Fatalf("%d objects outside the object stream", len(objs))
	}
	for i, m := range objs {
		end := len(data)
		if i+1 < len(objs) {
			end = objs[i+1][0]
		}
		if !bytes.Contains(data[m[1]:end], []byte("\nendstream\n")) {
			t.Errorf("object %s is written plainly: %.80q", data[m[2]:m[3]], data[m[1]:end])
		}
	}
}

// TestImages: a PNG with alpha is written as an RGB image with a soft
// mask; decoded once into Images, it writes the same bytes as decoded
// for the document.
func TestImages(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for i := range src.Pix {
		src.Pix[i] = byte(i * 7)
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, src); err != nil {
		t.Fatal(err)
	}
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	doc := func() *draw.Document {
		pg := draw.NewPage(210, 297)
		pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: "logo"})
		pg.Image(&draw.ImageOp{X: 10, Y: 10, W: 20, H: 15, Name: "logo", Data: pngData.Bytes(), Format: "png"})
		pg.End()
		pg.Begin(draw.Tag{Role: draw.RoleP})
		line(pg, 60, "Words")
		pg.End()
		return &draw.Document{Title: "T", Lang: "en", Pages: []*draw.Page{pg}}
	}
	var cache Shared
	var outs [][]byte
	for _, c := range []*Shared{nil, &cache, &cache} {
		var buf bytes.Buffer
		if err := Render(&buf, doc(), fs, Options{Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Compress: true, Shared: c}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.Bytes())
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[1], outs[2]) {
		t.Error("a cached image writes other bytes")
	}
	if len(cache.m) != 1 {
		t.Errorf("%d images cached, want 1", len(cache.m))
	}
	d, err := pdftest.Read(outs[0])
	if err != nil {
		t.Fatal(err)
	}
	content, err := d.Content(1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), "q 56.69291 0 0 42.51969 28.34646 771.02362 cm /Pc0 Do Q") {
		t.Errorf("image not placed at 10, 10 mm, 20x15 mm:\n%s", content)
	}
	for _, want := range []string{"/Width 4 /Height 3 /ColorSpace /DeviceRGB /BitsPerComponent 8 /SMask", "/Width 4 /Height 3 /ColorSpace /DeviceGray"} {
		if !bytes.Contains(outs[0], []byte(want)) {
			t.Errorf("no %q", want)
		}
	}
	var bad bytes.Buffer
	err = Render(&bad, &draw.Document{Pages: []*draw.Page{{W: 210, H: 297, Ops: []draw.Op{&draw.ImageOp{Name: "x", Data: []byte("not a png"), Format: "png"}}}}}, fs, Options{})
	if err == nil || !strings.Contains(err.Error(), "pdf: x: image:") {
		t.Errorf("broken PNG: %v", err)
	}
}

// TestFigureBox: a Figure with a box draws its paths from the box's lower
// left corner, so the same picture in two boxes is written in the same
// bytes; the figure's element carries the box as its /BBox; the state the
// group set does not leak past its Q.
func TestFigureBox(t *testing.T) {
	red := draw.Color{R: 255}
	pg := draw.NewPage(210, 297)
	picture := func(x, y float64) {
		pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: "A mark", Box: draw.Rect{X: x, Y: y, W: 20, H: 20}})
		var p draw.Path
		p.MoveTo(x+5, y+5).CubeTo(x+10, y+5, x+15, y+10, x+15, y+15)
		pg.Path(&p, draw.Stroked(red, 0.5))
		pg.Path(draw.Circle(x+10, y+10, 2), draw.Filled(red))
		pg.End()
	}
	picture(10, 20)
	picture(110.3, 150.7)
	var after draw.Path
	after.MoveTo(10, 280).LineTo(200, 280)
	pg.Path(&after, draw.Stroked(red, 0.5)) // decoration, outside any figure
	_, d, content := onePage(t, pg)
	groups := regexp.MustCompile(`(?s)q 1 0 0 1 (\S+) (\S+) cm\n(.*?)\nQ`).FindAllSubmatch(content, -1)
	if len(groups) != 2 {
		t.Fatalf("%d groups of translated paths, want 2:\n%s", len(groups), content)
	}
	// box corners: (10 mm, 297-40 mm) and (110.3 mm, 297-170.7 mm) in points
	for i, want := range [][2]string{{"28.346", "728.504"}, {"312.661", "358.016"}} {
		if g := groups[i]; string(g[1]) != want[0] || string(g[2]) != want[1] {
			t.Errorf("group %d drawn from (%s, %s), want (%s, %s)", i, g[1], g[2], want[0], want[1])
		}
	}
	if !bytes.Equal(groups[0][3], groups[1][3]) {
		t.Errorf("the same picture in two boxes is written differently:\n%s\n---\n%s", groups[0][3], groups[1][3])
	}
	// 5 mm into the box: 14.2 pt right of its corner, 15 mm = 42.5 pt above it
	if !bytes.Contains(groups[0][3], []byte("14.2 42.5 m")) {
		t.Errorf("path not drawn from the box's corner:\n%s", groups[0][3])
	}
	// the decoration after the last group sets its stroke colour again:
	// Q brought back the state from before the group
	tail := content[bytes.LastIndex(content, []byte("\nQ")):]
	if !bytes.Contains(tail, []byte("1 0 0 RG")) {
		t.Errorf("stroke colour not set again after Q:\n%s", tail)
	}
	tg, err := d.Structure()
	if err != nil {
		t.Fatal(err)
	}
	var boxes []string
	tg.Root.Walk(func(n *pdftest.Node) {
		if n.Role == "Figure" {
			boxes = append(boxes, fmt.Sprint(n.BBox))
		}
	})
	if want := []string{"[28.3 728.5 85 785.2]", "[312.7 358 369.4 414.7]"}; strings.Join(boxes, " ") != strings.Join(want, " ") {
		t.Errorf("figure boxes %q, want %q", boxes, want)
	}
}
