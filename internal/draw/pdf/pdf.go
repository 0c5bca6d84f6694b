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
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
)

// Options are the document-wide settings of one render.
type Options struct {
	Date     time.Time // creation and modification date
	Compress bool
	// Shared, if not nil, keeps PNG images decoded and compressors from
	// one document to the next (a logo on every handout).
	Shared *Shared
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
	byName, embedded, err := docFonts(doc, fs)
	if err != nil {
		return err
	}
	z := opt.Shared.deflater()
	defer opt.Shared.done(z)
	r := &replayer{f: f, fs: fs, fonts: byName, images: map[string]bool{}, pngNames: map[string]string{}, cache: opt.Shared, z: z}
	t := newTagger(f)
	t.before = r.flush
	for n, pg := range doc.Pages {
		f.AddPageFormat("P", fpdf.SizeType{Wd: pg.W, Ht: pg.H})
		r.st, r.origins = gstate{}, r.origins[:0]
		t.startPage(n, pg.H)
		for _, op := range pg.Ops {
			if o, ok := op.(*draw.TagOp); ok {
				if o.Tag.Lang != "" && !validLang(o.Tag.Lang) {
					return fmt.Errorf("pdf: page %d: language %q is not a BCP 47 tag", n+1, o.Tag.Lang)
				}
				if err := t.tag(o); err != nil {
					return err
				}
				r.figure(o)
				continue
			}
			switch op.(type) {
			case *draw.PathOp:
				r.endText()
			case *draw.TextOp:
				r.endGroup()
			default:
				r.flush()
			}
			t.mark(op)
			if err := r.op(op); err != nil {
				return err
			}
		}
		r.flush()
		if err := t.endPage(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := addStructure(buf.Bytes(), t, opt.Compress, z, r.pngs, embedded)
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
	cache    *Shared
	z        *deflater
	st       gstate // of the page being replayed
	ts       textState
	// origins holds, for each open element, the corner of its figure
	// box in points (nil: not a figure with a box); paths are drawn from
	// the innermost one
	origins []*[2]float64
	// group is the origin of the open q ... cm group of paths (nil: none),
	// saved the state before it, which Q brings back
	group *[2]float64
	saved gstate
}

// flush closes the open text object or group of paths.
func (r *replayer) flush() {
	r.endText()
	r.endGroup()
}

// endGroup closes the open group of translated paths.
func (r *replayer) endGroup() {
	if r.group != nil {
		r.f.RawWriteStr("Q")
		r.group, r.st = nil, r.saved
	}
}

// figure follows the open elements: a Figure with a box moves the origin
// of the paths drawn in it to the box's lower left corner.
func (r *replayer) figure(o *draw.TagOp) {
	if o.End {
		if n := len(r.origins); n > 0 {
			r.origins = r.origins[:n-1]
		}
		return
	}
	var org *[2]float64
	if n := len(r.origins); n > 0 {
		org = r.origins[n-1]
	}
	if b := o.Tag.Box; o.Tag.Role == draw.RoleFigure && b != (draw.Rect{}) {
		_, h := r.f.GetPageSize()
		k := r.f.GetConversionRatio()
		// the exact corner: paths are rounded after it is taken off, so
		// a picture is written alike in every box
		org = &[2]float64{b.X * k, (h - b.Y - b.H) * k}
	}
	r.origins = append(r.origins, org)
}

// gstate is the graphics state the replayer last set on the page, so a
// path sets only what differs (fpdf's setters wrote every one of them for
// every path). The zero value, at the start of a page, knows nothing.
type gstate struct {
	fill, stroke       draw.Color
	width              float64
	dash               string // the dash operator last written
	hasFill, hasStroke bool
	hasWidth, round    bool
}

// path appends p's operators in points, y up, to a tenth of a point
// (0.035 mm, under half a dot at 600 dpi) without trailing zeros: fpdf
// writes curves to 1e-5 pt, which made them most of a handout's bytes.
func (r *replayer) path(b []byte, p *draw.Path, ox, oy float64) []byte {
	_, h := r.f.GetPageSize()
	k := r.f.GetConversionRatio()
	num := func(v float64) {
		b = appendNum(b, math.Round(v*10)/10, 1)
		b = append(b, ' ')
	}
	for _, s := range p.Segs {
		switch s.Op {
		case 'M', 'L':
			num(s.P[0].X*k - ox)
			num((h-s.P[0].Y)*k - oy)
			b = append(b, s.Op+'a'-'A', '\n')
		case 'C':
			for _, q := range s.P {
				num(q.X*k - ox)
				num((h-q.Y)*k - oy)
			}
			b = append(b, 'c', '\n')
		case 'Z':
			b = append(b, 'h', '\n')
		}
	}
	return b
}

// pathOp appends what paints o: the state that changed, the path and the
// painting operator.
func (r *replayer) pathOp(b []byte, o *draw.PathOp) []byte {
	var org *[2]float64
	if n := len(r.origins); n > 0 {
		org = r.origins[n-1]
	}
	if r.group != org {
		if r.group != nil {
			b = append(b, "Q\n"...)
			r.group, r.st = nil, r.saved
		}
		if org != nil {
			// paths drawn from the figure's corner, in a q/Q group that
			// any other operation closes (endGroup)
			b = append(b, "q 1 0 0 1 "...)
			b = appendNum(b, org[0], 3)
			b = append(b, ' ')
			b = appendNum(b, org[1], 3)
			b = append(b, " cm\n"...)
			r.group, r.saved = org, r.st
		}
	}
	st := &r.st
	fill, stroke := o.Style.Fill, o.Style.Stroke
	if fill != nil && !(st.hasFill && st.fill == *fill) {
		b = appendColor(b, *fill, "rg")
		b = append(b, '\n')
		st.fill, st.hasFill = *fill, true
	}
	if stroke != nil {
		k := r.f.GetConversionRatio()
		if !(st.hasStroke && st.stroke == *stroke) {
			b = appendColor(b, *stroke, "RG")
			b = append(b, '\n')
			st.stroke, st.hasStroke = *stroke, true
		}
		if w := math.Round(o.Style.Width*k*100) / 100; !(st.hasWidth && st.width == w) {
			b = appendNum(b, w, 2)
			b = append(b, " w\n"...)
			st.width, st.hasWidth = w, true
		}
		if !st.round {
			b = append(b, "1 J 1 j\n"...)
			st.round = true
		}
		n := len(b)
		b = append(b, '[')
		for i, v := range o.Style.Dash {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, v*k, 2)
		}
		b = append(b, "] 0 d"...)
		if st.dash == string(b[n:]) {
			b = b[:n]
		} else {
			st.dash = string(b[n:])
			b = append(b, '\n')
		}
	}
	if org := r.group; org != nil {
		b = r.path(b, o.Path, org[0], org[1])
	} else {
		b = r.path(b, o.Path, 0, 0)
	}
	switch {
	case fill != nil && stroke != nil:
		b = append(b, 'B')
	case fill != nil:
		b = append(b, 'f')
	default:
		b = append(b, 'S')
	}
	return b
}

func (r *replayer) op(op draw.Op) error {
	f := r.f
	switch o := op.(type) {
	case *draw.PathOp:
		if o.Style.Fill == nil && o.Style.Stroke == nil {
			return nil
		}
		r.buf = r.pathOp(r.buf[:0], o)
		f.RawWriteStr(string(r.buf))
	case *draw.TextOp:
		r.buf = r.text(r.buf[:0], o)
		f.RawWriteStr(string(r.buf))
	case *draw.ImageOp:
		if o.Format != "jpg" {
			name, ok := r.pngNames[o.Name]
			if !ok {
				im, err := r.cache.get(o.Data)
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
