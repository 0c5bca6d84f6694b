// Package pdf replays a draw.Document into a PDF with fpdf
// (codeberg.org/go-pdf/fpdf, the maintained continuation of gofpdf):
// vector paths, embedded subset TrueType fonts, fixed dates and a sorted
// catalog so the same document gives the same bytes. It is the only
// package that imports fpdf.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// Options are the document-wide settings of one render.
type Options struct {
	Date     time.Time // creation and modification date
	Compress bool
	// Images, if not nil, keeps PNG images decoded from one document to
	// the next (a logo on every handout).
	Images *Images
}

// Render writes doc as a PDF to w.
func Render(w io.Writer, doc *draw.Document, fs *fonts.Set, opt Options) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("pdf: document has no pages")
	}
	first := doc.Pages[0]
	f := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "mm",
		Size:    fpdf.SizeType{Wd: first.W, Ht: first.H},
	})
	f.SetCompression(false) // addStructure compresses the page content
	f.SetCatalogSort(true)
	f.SetCreationDate(opt.Date)
	f.SetModificationDate(opt.Date)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetTitle(doc.Title, true)
	f.SetAuthor(doc.Author, true)
	f.SetSubject(doc.Subject, true)
	f.SetCreator(doc.Creator, true)
	f.SetProducer(doc.Creator, true)
	if doc.Keywords != "" {
		f.SetKeywords(doc.Keywords, true)
	}
	if doc.Lang != "" {
		if !validLang(doc.Lang) {
			return fmt.Errorf("pdf: language %q is not a BCP 47 tag", doc.Lang)
		}
		f.SetLang(doc.Lang)
	}
	f.SetXmpMetadata(xmp(doc))
	byName, docFonts, err := docFonts(doc, fs)
	if err != nil {
		return err
	}
	z := &deflater{}
	r := &replayer{f: f, fs: fs, fonts: byName, images: map[string]bool{}, pngNames: map[string]string{}, cache: opt.Images, z: z}
	t := newTagger(f)
	for n, pg := range doc.Pages {
		f.AddPageFormat("P", fpdf.SizeType{Wd: pg.W, Ht: pg.H})
		t.startPage(n)
		for _, op := range pg.Ops {
			if o, ok := op.(*draw.TagOp); ok {
				if o.Tag.Lang != "" && !validLang(o.Tag.Lang) {
					return fmt.Errorf("pdf: page %d: language %q is not a BCP 47 tag", n+1, o.Tag.Lang)
				}
				if err := t.tag(o); err != nil {
					return err
				}
				continue
			}
			t.mark(op)
			if err := r.op(op); err != nil {
				return err
			}
		}
		if err := t.endPage(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := addStructure(buf.Bytes(), t, opt.Compress, z, r.pngs, docFonts)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// validLang reports whether s looks like a BCP 47 tag: letters, digits
// and hyphens, so it can be written as a PDF string as it is.
func validLang(s string) bool {
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

type replayer struct {
	f      *fpdf.Fpdf
	fs     *fonts.Set
	fonts  map[string]*docFont // by font name
	images map[string]bool     // JPEG images registered with fpdf
	buf    []byte
	// PNG images, written by the post-pass
	pngs     []docImage
	pngNames map[string]string // draw name -> resource name
	cache    *Images
	z        *deflater
}

// path writes p's operators in points, y up, to a tenth of a point
// (0.035 mm, under half a dot at 600 dpi) without trailing zeros: fpdf
// writes curves to 1e-5 pt, which made them most of a handout's bytes.
func (r *replayer) path(p *draw.Path) string {
	_, h := r.f.GetPageSize()
	k := r.f.GetConversionRatio()
	b := r.buf[:0]
	num := func(v float64) {
		n := len(b)
		b = strconv.AppendFloat(b, math.Round(v*10)/10, 'f', 1, 64)
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
		if string(b[n:]) == "-0" {
			b = append(b[:n], '0')
		}
		b = append(b, ' ')
	}
	for i, s := range p.Segs {
		if i > 0 {
			b = append(b, '\n')
		}
		switch s.Op {
		case 'M', 'L':
			num(s.P[0].X * k)
			num((h - s.P[0].Y) * k)
			b = append(b, s.Op+'a'-'A')
		case 'C':
			for _, q := range s.P {
				num(q.X * k)
				num((h - q.Y) * k)
			}
			b = append(b, 'c')
		case 'Z':
			b = append(b, 'h')
		}
	}
	r.buf = b
	return string(b)
}

func (r *replayer) op(op draw.Op) error {
	f := r.f
	switch o := op.(type) {
	case *draw.PathOp:
		style := ""
		if c := o.Style.Fill; c != nil {
			f.SetFillColor(int(c.R), int(c.G), int(c.B))
			style += "F"
		}
		if c := o.Style.Stroke; c != nil {
			f.SetDrawColor(int(c.R), int(c.G), int(c.B))
			f.SetLineWidth(o.Style.Width)
			f.SetLineCapStyle("round")
			f.SetLineJoinStyle("round")
			f.SetDashPattern(o.Style.Dash, 0)
			style += "D"
		}
		if style == "" {
			return nil
		}
		f.RawWriteStr(r.path(o.Path))
		f.DrawPath(style)
	case *draw.TextOp:
		r.buf = r.text(r.buf[:0], o)
		f.RawWriteStr(string(r.buf))
	case *draw.ImageOp:
		if o.Format != "jpg" {
			name, ok := r.pngNames[o.Name]
			if !ok {
				im, err := r.cache.get(o.Data, r.z)
				if err != nil {
					return fmt.Errorf("pdf: %s: %w", o.Name, err)
				}
				name = fmt.Sprintf("Pc%d", len(r.pngs))
				r.pngs = append(r.pngs, docImage{name: name, im: im})
				r.pngNames[o.Name] = name
			}
			_, h := f.GetPageSize()
			k := f.GetConversionRatio()
			f.RawWriteStr(fmt.Sprintf("q %.5f 0 0 %.5f %.5f %.5f cm /%s Do Q", o.W*k, o.H*k, o.X*k, (h-o.Y-o.H)*k, name))
			return nil
		}
		if !r.images[o.Name] {
			f.RegisterImageOptionsReader(o.Name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(o.Data))
			r.images[o.Name] = true
		}
		f.ImageOptions(o.Name, o.X, o.Y, o.W, o.H, false, fpdf.ImageOptions{}, 0, "")
	default:
		return fmt.Errorf("pdf: unknown operation %T", op)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}
