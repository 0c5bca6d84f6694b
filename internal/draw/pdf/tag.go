package pdf

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"

	"github.com/careprint/careprint/internal/draw"
)

// Tagged PDF, aiming at PDF/UA-1. While the pages are replayed, tagger
// wraps what each page draws in marked content: a structure element's
// content gets "/Role <</MCID n>> BDC … EMC", decoration and pagination
// "/Artifact BMC … EMC". fpdf writes no structure of its own, so after it
// has written the file, addStructure splices in what it lacks: the
// structure tree (StructTreeRoot, one StructElem per element, the
// ParentTree), /StructParents on each page, and /MarkInfo and
// /ViewerPreferences in the catalog. fpdf's output is a single revision
// with a classic cross-reference table; the splice keeps it one, with
// every offset recomputed.

// elem is one structure element.
type elem struct {
	tag    draw.Tag
	parent *elem
	kids   []any // *elem, or an int MCID on page
	page   int   // index of the page its marked content is on; -1 none
	obj    int   // object number, set when written
	// text is the element's text lines in logical order, and shaped
	// whether any was drawn as shaped, reordered glyphs: then the
	// element carries it as /ActualText.
	text   []string
	shaped bool
	bbox   string // a Figure's /BBox in points, when its box is known
}

// pt formats a length in points to a tenth.
func pt(v float64) string { return string(appendNum(nil, math.Round(v*10)/10, 1)) }

// tagger tracks the open elements and the open marked-content sequence of
// the page being replayed.
type tagger struct {
	f       *fpdf.Fpdf
	root    *elem   // the Document element
	stack   []*elem // open elements, artifacts included
	page    int
	cur     *elem // element of the open marked-content sequence
	inMC    bool  // a sequence is open (cur nil: an artifact)
	parents [][]*elem
	pageH   float64 // the page's height, mm
	k       float64 // points per mm
	// before is called before a marked-content operator is written
	// (the replayer closes an open q/Q group: the two must nest)
	before func()
}

func newTagger(f *fpdf.Fpdf) *tagger {
	return &tagger{f: f, root: &elem{tag: draw.Tag{Role: "Document"}, page: -1}, k: f.GetConversionRatio(), before: func() {}}
}

func (t *tagger) startPage(n int, h float64) {
	t.page, t.pageH = n, h
	t.parents = append(t.parents, nil)
}

// endPage closes the open sequence; every element opened on the page must
// have been closed.
func (t *tagger) endPage() error {
	t.close()
	if len(t.stack) > 0 {
		return fmt.Errorf("pdf: page %d: %d structure element(s) not closed (%s first)", t.page+1, len(t.stack), t.stack[0].tag.Role)
	}
	return nil
}

// tag opens or closes an element.
func (t *tagger) tag(o *draw.TagOp) error {
	if o.End {
		if len(t.stack) == 0 {
			return fmt.Errorf("pdf: page %d: structure element closed but none is open", t.page+1)
		}
		t.stack = t.stack[:len(t.stack)-1]
		return nil
	}
	e := &elem{tag: o.Tag, page: -1}
	if b := o.Tag.Box; b != (draw.Rect{}) {
		e.bbox = fmt.Sprintf("[%s %s %s %s]", pt(b.X*t.k), pt((t.pageH-b.Y-b.H)*t.k), pt((b.X+b.W)*t.k), pt((t.pageH-b.Y)*t.k))
	}
	if o.Tag.Role != draw.RoleArtifact && !t.inArtifact() {
		e.parent = t.inner()
		e.parent.kids = append(e.parent.kids, e)
	}
	t.stack = append(t.stack, e)
	return nil
}

func (t *tagger) inArtifact() bool {
	for _, e := range t.stack {
		if e.tag.Role == draw.RoleArtifact {
			return true
		}
	}
	return false
}

// inner is the innermost open element, or the Document.
func (t *tagger) inner() *elem {
	if len(t.stack) == 0 {
		return t.root
	}
	return t.stack[len(t.stack)-1]
}

// mark opens the marked-content sequence op belongs to, unless it is open.
func (t *tagger) mark(op draw.Op) {
	defer func() {
		if o, ok := op.(*draw.TextOp); ok && t.cur != nil {
			if o.Actual != "" {
				t.cur.text, t.cur.shaped = append(t.cur.text, o.Actual), true
			} else {
				t.cur.text = append(t.cur.text, o.String())
			}
		}
	}()
	in := t.inner()
	var want *elem // nil: an artifact
	switch op.(type) {
	case *draw.PathOp:
		if in.tag.Role == draw.RoleFigure && !t.inArtifact() {
			want = in
		}
	default:
		if !t.inArtifact() {
			want = in
			if in == t.root {
				// untagged text or image (draw.Document.Untagged reports
				// it): an element of its own, so it is still read
				role := draw.RoleP
				if _, ok := op.(*draw.ImageOp); ok {
					role = draw.RoleFigure
				}
				want = &elem{tag: draw.Tag{Role: role}, parent: t.root, page: -1}
				t.root.kids = append(t.root.kids, want)
			}
		}
	}
	if t.inMC && want == t.cur {
		return
	}
	t.close()
	t.inMC, t.cur = true, want
	if want == nil {
		t.before()
		t.f.RawWriteStr("/Artifact BMC")
		return
	}
	mcid := len(t.parents[t.page])
	t.parents[t.page] = append(t.parents[t.page], want)
	want.kids = append(want.kids, mcid)
	want.page = t.page
	t.before()
	t.f.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", want.tag.Role, mcid))
}

// close ends the open marked-content sequence.
func (t *tagger) close() {
	if t.inMC {
		t.before()
		t.f.RawWriteStr("EMC")
		t.inMC, t.cur = false, nil
	}
}

// textString is s as a PDF text string literal: as it is when it is
// printable ASCII (which PDFDocEncoding shares), else UTF-16BE with a
// byte order mark.
func textString(s string) string {
	b := []byte(s)
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			u := utf16.Encode([]rune(s))
			b = make([]byte, 2, 2+2*len(u))
			b[0], b[1] = 0xFE, 0xFF
			for _, c := range u {
				b = append(b, byte(c>>8), byte(c))
			}
			break
		}
	}
	var out strings.Builder
	out.Grow(len(b) + 8)
	out.WriteByte('(')
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		case '\r':
			out.WriteString(`\r`)
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte(')')
	return out.String()
}

// xmp is the document's XMP metadata: its title and the PDF/UA-1
// identifier.
func xmp(doc *draw.Document) []byte {
	esc := html.EscapeString
	lang := doc.Lang
	if lang == "" {
		lang = "x-default"
	}
	return []byte(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(doc.Title) + `</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>` + esc(lang) + `</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>` + esc(doc.Creator) + `</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reXrefHead  = regexp.MustCompile(`^xref\s+0 (\d+)\s+`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	// the trailer entries a cross-reference stream carries over
	reTrailerKeys = regexp.MustCompile(`/(Root|Info|Encrypt) \d+ 0 R|/ID \[[^\]]*\]`)
	reKids        = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	reRef         = regexp.MustCompile(`(\d+) 0 R`)
	reContents    = regexp.MustCompile(`/Contents (\d+) 0 R`)
	// an uncompressed stream as fpdf writes it: the match ends where the
	// data begins
	rePlainStream = regexp.MustCompile(`<</Length (\d+)>>\nstream\n`)
	// an embedded TrueType font file as fpdf writes it
	reFontFile = regexp.MustCompile(`\A\d+ 0 obj\n<</Length (\d+)\n/Filter /FlateDecode\n/Length1 (\d+)\n>>\nstream\n`)
)

// insert is text to put in place of the original file's bytes from at
// to end (end == at: before offset at).
type insert struct {
	at, end int
	text    string
}

// addStructure splices the structure tree t built into the file fpdf
// wrote. With compress, it deflates the page content streams, which fpdf
// was told to write as they are: fpdf makes a new compressor for every
// stream (about a megabyte to set up), this pass one for the document.
func addStructure(in []byte, t *tagger, compress bool, z *deflater, pngs []docImage, fonts []*docFont) ([]byte, error) {
	bad := func(what string) error { return fmt.Errorf("pdf: tagging: unexpected fpdf output: %s", what) }
	m := reStartXref.FindSubmatch(in)
	if m == nil {
		return nil, bad("no startxref")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(in) {
		return nil, bad("startxref out of range")
	}
	h := reXrefHead.FindSubmatch(in[xrefAt:])
	if h == nil {
		return nil, bad("no classic xref table")
	}
	size, _ := strconv.Atoi(string(h[1]))
	table := in[xrefAt+len(h[0]):]
	offsets := make([]int, size)
	for i := range size {
		if len(table) < 20*(i+1) {
			return nil, bad("short xref table")
		}
		offsets[i], _ = strconv.Atoi(string(table[20*i : 20*i+10]))
	}
	trailerAt := bytes.Index(in[xrefAt:], []byte("trailer"))
	if trailerAt < 0 {
		return nil, bad("no trailer")
	}
	trailerAt += xrefAt
	trailer := string(in[trailerAt:bytes.LastIndex(in, []byte("startxref"))])
	rm := reRoot.FindStringSubmatch(trailer)
	if rm == nil {
		return nil, bad("no /Root")
	}
	root, _ := strconv.Atoi(rm[1])
	obj := func(n int) ([]byte, int, error) {
		if n <= 0 || n >= size {
			return nil, 0, bad(fmt.Sprintf("object %d not in the xref table", n))
		}
		start := offsets[n]
		end := bytes.Index(in[start:], []byte("endobj"))
		if end < 0 {
			return nil, 0, bad(fmt.Sprintf("object %d has no endobj", n))
		}
		return in[start : start+end], start, nil
	}
	// the pages, from the page tree fpdf writes as object 1
	pagesObj, _, err := obj(1)
	if err != nil {
		return nil, err
	}
	km := reKids.FindSubmatch(pagesObj)
	if km == nil {
		return nil, bad("no /Kids in object 1")
	}
	var pages []int
	for _, r := range reRef.FindAllSubmatch(km[1], -1) {
		n, _ := strconv.Atoi(string(r[1]))
		pages = append(pages, n)
	}
	if len(pages) != len(t.parents) {
		return nil, bad(fmt.Sprintf("%d pages written, %d replayed", len(pages), len(t.parents)))
	}

	// number the new objects: the tree root, the parent tree, the elements
	next := size
	newObj := func() int { next++; return next - 1 }
	treeObj, parentTreeObj := newObj(), newObj()
	var elems []*elem
	var walk func(e *elem)
	walk = func(e *elem) {
		e.obj = newObj()
		elems = append(elems, e)
		for _, k := range e.kids {
			if c, ok := k.(*elem); ok {
				walk(c)
			}
		}
	}
	walk(t.root)

	var ins []insert
	// the PNG images: an image object each, a soft mask for the ones with
	// alpha, named in the resource dictionary fpdf writes as object 2
	imgObj := make([]int, len(pngs))
	maskObj := make([]int, len(pngs))
	if len(pngs) > 0 {
		var refs strings.Builder
		for i, p := range pngs {
			imgObj[i] = newObj()
			if p.im.alpha != nil {
				maskObj[i] = newObj()
			}
			fmt.Fprintf(&refs, " /%s %d 0 R", p.name, imgObj[i])
		}
		res, resStart, err := obj(2)
		if err != nil {
			return nil, err
		}
		if at := bytes.Index(res, []byte("/XObject <<")); at >= 0 {
			at += len("/XObject <<")
			ins = append(ins, insert{resStart + at, resStart + at, refs.String() + " "})
		} else if at := bytes.Index(res, []byte("<<")); at >= 0 {
			at += len("<<")
			ins = append(ins, insert{resStart + at, resStart + at, "\n/XObject <<" + refs.String() + " >>\n"})
		} else {
			return nil, bad("no resource dictionary in object 2")
		}
	}
	// the fonts, named in the same resource dictionary
	fontObj := make([]fontObjects, len(fonts))
	if len(fonts) > 0 {
		var refs strings.Builder
		for i, f := range fonts {
			fontObj[i] = fontObjects{type0: newObj(), cid: newObj(), desc: newObj(), file: newObj(), toUni: newObj()}
			fmt.Fprintf(&refs, " /%s %d 0 R", f.name, fontObj[i].type0)
		}
		res, resStart, err := obj(2)
		if err != nil {
			return nil, err
		}
		at := bytes.Index(res, []byte("/Font <<"))
		if at < 0 {
			return nil, bad("no /Font in the resource dictionary")
		}
		at += len("/Font <<")
		ins = append(ins, insert{resStart + at, resStart + at, refs.String() + " "})
	}
	for i, p := range pages {
		body, start, err := obj(p)
		if err != nil {
			return nil, err
		}
		at := bytes.Index(body, []byte("/Contents"))
		if at < 0 {
			return nil, bad(fmt.Sprintf("page object %d has no /Contents", p))
		}
		ins = append(ins, insert{start + at, start + at, fmt.Sprintf("/StructParents %d\n/Tabs /S\n", i)})
		if !compress {
			continue
		}
		cm := reContents.FindSubmatch(body)
		if cm == nil {
			return nil, bad(fmt.Sprintf("page object %d has no /Contents reference", p))
		}
		c, _ := strconv.Atoi(string(cm[1]))
		cbody, cstart, err := obj(c)
		if err != nil {
			return nil, err
		}
		sm := rePlainStream.FindSubmatchIndex(cbody)
		if sm == nil {
			return nil, bad(fmt.Sprintf("content object %d is not a plain stream", c))
		}
		n, _ := strconv.Atoi(string(cbody[sm[2]:sm[3]]))
		if sm[1]+n > len(cbody) {
			return nil, bad(fmt.Sprintf("content object %d is shorter than its /Length", c))
		}
		data, err := z.deflate(cbody[sm[1] : sm[1]+n])
		if err != nil {
			return nil, err
		}
		head := fmt.Sprintf("<</Filter /FlateDecode /Length %d>>\nstream\n", len(data))
		ins = append(ins, insert{cstart + sm[0], cstart + sm[1] + n, head + string(data)})
	}
	catBody, catStart, err := obj(root)
	if err != nil {
		return nil, err
	}
	at := bytes.Index(catBody, []byte("/Type /Catalog"))
	if at < 0 {
		return nil, bad("no /Type /Catalog")
	}
	ins = append(ins, insert{catStart + at, catStart + at, fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n", treeObj)})
	slices.SortFunc(ins, func(a, b insert) int { return a.at - b.at })

	var out bytes.Buffer
	out.Grow(len(in) + 4096 + 160*len(elems))
	// the header says PDF 1.7, the version tagged PDF/UA-1 is written for
	prev := 0
	if v := []byte("%PDF-1."); bytes.HasPrefix(in, v) && len(in) > len(v) && in[len(v)] < '7' {
		out.Write(v)
		out.WriteByte('7')
		prev = len(v) + 1
	}
	shift := func(off int) int {
		d := 0
		for _, s := range ins {
			if s.at <= off {
				d += len(s.text) - (s.end - s.at)
			}
		}
		return off + d
	}
	for _, s := range ins {
		out.Write(in[prev:s.at])
		out.WriteString(s.text)
		prev = s.end
	}
	out.Write(in[prev:xrefAt])
	newOffsets := make([]int, next)
	for i := 1; i < size; i++ {
		newOffsets[i] = shift(offsets[i])
	}
	// the new objects go into one compressed object stream, which a
	// cross-reference stream (PDF 1.5) indexes: the tree costs a fraction
	// of what plain objects would
	var objs [][]byte
	objNums := []int{treeObj, parentTreeObj}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>", t.root.obj, parentTreeObj, len(pages))
	objs = append(objs, bytes.Clone(b.Bytes()))
	b.Reset()
	b.WriteString("<</Nums [")
	for i, ps := range t.parents {
		fmt.Fprintf(&b, "%d [", i)
		for _, e := range ps {
			fmt.Fprintf(&b, "%d 0 R ", e.obj)
		}
		b.WriteString("] ")
	}
	b.WriteString("]>>")
	objs = append(objs, bytes.Clone(b.Bytes()))
	for _, e := range elems {
		b.Reset()
		parent := treeObj
		if e.parent != nil {
			parent = e.parent.obj
		}
		fmt.Fprintf(&b, "<</S /%s /P %d 0 R", e.tag.Role, parent)
		if e.page >= 0 {
			fmt.Fprintf(&b, " /Pg %d 0 R", pages[e.page])
		}
		if e.tag.Alt != "" {
			fmt.Fprintf(&b, " /Alt %s", textString(e.tag.Alt))
		}
		if e.shaped {
			fmt.Fprintf(&b, " /ActualText %s", textString(strings.Join(e.text, "")))
		}
		if e.tag.Lang != "" {
			fmt.Fprintf(&b, " /Lang (%s)", e.tag.Lang)
		}
		if e.bbox != "" {
			fmt.Fprintf(&b, " /A <</O /Layout /BBox %s>>", e.bbox)
		}
		b.WriteString(" /K [")
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch k := k.(type) {
			case *elem:
				fmt.Fprintf(&b, "%d 0 R", k.obj)
			case int:
				fmt.Fprintf(&b, "%d", k)
			}
		}
		b.WriteString("]>>")
		objs = append(objs, bytes.Clone(b.Bytes()))
		objNums = append(objNums, e.obj)
	}
	// fpdf's objects that are not streams (page, font and resource
	// dictionaries, the catalog, the document info) join them: the CJK
	// font's width array alone is 4.5 KB written plainly
	var order []int
	for i := 1; i < size; i++ {
		if offsets[i] > 0 {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return nil, bad("no objects")
	}
	slices.SortFunc(order, func(a, b int) int { return newOffsets[a] - newOffsets[b] })
	mod := bytes.Clone(out.Bytes())
	out.Reset()
	out.Write(mod[:newOffsets[order[0]]])
	inStm := make([]bool, size)
	for k, i := range order {
		end := len(mod)
		if k+1 < len(order) {
			end = newOffsets[order[k+1]]
		}
		o := mod[newOffsets[i]:end]
		inner, ok := bytes.CutSuffix(bytes.TrimSpace(o), []byte("endobj"))
		if !ok {
			return nil, bad(fmt.Sprintf("object %d does not end in endobj", i))
		}
		inner = bytes.TrimSpace(inner)
		if bytes.HasSuffix(inner, []byte("endstream")) {
			newOffsets[i] = out.Len()
			if !compress {
				out.Write(o)
				continue
			}
			o, err := z.recompressFont(o)
			if err != nil {
				return nil, fmt.Errorf("pdf: font file of object %d: %w", i, err)
			}
			out.Write(o)
			continue
		}
		inner, ok = bytes.CutPrefix(inner, fmt.Appendf(nil, "%d 0 obj", i))
		if !ok {
			return nil, bad(fmt.Sprintf("object %d does not start with its number", i))
		}
		objs = append(objs, bytes.TrimSpace(inner))
		objNums = append(objNums, i)
		inStm[i] = true
	}

	streamAt := map[int]int{}
	for i, p := range pngs {
		smask := ""
		if maskObj[i] != 0 {
			smask = fmt.Sprintf(" /SMask %d 0 R", maskObj[i])
		}
		streamAt[imgObj[i]] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8%s /Filter /FlateDecode /DecodeParms <</Predictor 15 /Colors 3 /Columns %d>> /Length %d>>\nstream\n", imgObj[i], p.im.w, p.im.h, smask, p.im.w, len(p.im.rgb))
		out.Write(p.im.rgb)
		out.WriteString("\nendstream\nendobj\n")
		if maskObj[i] != 0 {
			streamAt[maskObj[i]] = out.Len()
			fmt.Fprintf(&out, "%d 0 obj\n<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms <</Predictor 15 /Columns %d>> /Length %d>>\nstream\n", maskObj[i], p.im.w, p.im.h, p.im.w, len(p.im.alpha))
			out.Write(p.im.alpha)
			out.WriteString("\nendstream\nendobj\n")
		}
	}

	for i, f := range fonts {
		dicts, nums, file, toUni, err := f.objects(fontObj[i], z)
		if err != nil {
			return nil, err
		}
		objs = append(objs, dicts...)
		objNums = append(objNums, nums...)
		streamAt[fontObj[i].file] = out.Len()
		out.Write(file)
		streamAt[fontObj[i].toUni] = out.Len()
		out.Write(toUni)
	}

	stmObj, xrefObj := newObj(), newObj()
	var head, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", objNums[i], body.Len())
		body.Write(o)
		body.WriteByte('\n')
	}
	data, err := z.deflate(append(head.Bytes(), body.Bytes()...))
	if err != nil {
		return nil, err
	}
	stmAt := out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", stmObj, len(objs), head.Len(), len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")

	// the cross-reference stream: type, offset or object stream, generation
	// or index (W [1 4 2])
	xrefAt = out.Len() // now the cross-reference stream
	rows := make([]byte, 0, 7*next)
	row := func(typ byte, f2, f3 int) {
		rows = append(rows, typ, byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	row(0, 0, 65535)
	index := map[int]int{}
	for i, n := range objNums {
		index[n] = i
	}
	for i := 1; i < size; i++ {
		switch {
		case inStm[i]:
			row(2, stmObj, index[i])
		case offsets[i] == 0:
			row(0, 0, 0)
		default:
			row(1, newOffsets[i], 0)
		}
	}
	for n := size; n < next; n++ {
		switch n {
		case stmObj:
			row(1, stmAt, 0)
		case xrefObj:
			row(1, xrefAt, 0)
		default:
			if at, ok := streamAt[n]; ok {
				row(1, at, 0)
				continue
			}
			row(2, stmObj, index[n])
		}
	}
	data, err = z.deflate(rows)
	if err != nil {
		return nil, err
	}
	dict := reTrailerKeys.FindAllString(trailer, -1)
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /XRef /Size %d %s /W [1 4 2] /Filter /FlateDecode /Length %d>>\nstream\n", xrefObj, next, strings.Join(dict, " "), len(data))
	out.Write(data)
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return out.Bytes(), nil
}

// recompressFont deflates again the font file in object o, if it is one,
// at the deflater's level: fpdf compresses it at its fastest, which left
// a Korean or Chinese handout's font 12% larger.
func (d *deflater) recompressFont(o []byte) ([]byte, error) {
	m := reFontFile.FindSubmatchIndex(o)
	if m == nil {
		return o, nil
	}
	n, _ := strconv.Atoi(string(o[m[2]:m[3]]))
	if m[1]+n > len(o) {
		return nil, fmt.Errorf("shorter than its /Length")
	}
	zr, err := zlib.NewReader(bytes.NewReader(o[m[1] : m[1]+n]))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if want, _ := strconv.Atoi(string(o[m[4]:m[5]])); len(raw) != want {
		return nil, fmt.Errorf("%d bytes, /Length1 says %d", len(raw), want)
	}
	data, err := d.deflate(raw)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(o))
	b.Write(o[:bytes.Index(o, []byte("<<"))])
	fmt.Fprintf(&b, "<</Length %d /Filter /FlateDecode /Length1 %d>>\nstream\n", len(data), len(raw))
	b.Write(data)
	b.Write(o[m[1]+n:])
	return b.Bytes(), nil
}

// deflater compresses streams with zlib, as /FlateDecode wants, with one
// compressor for a document (each takes about a megabyte to set up).
type deflater struct{ w, best *zlib.Writer }

// deflate compresses at level 6: 1% smaller than the default (5) for no
// measurable time.
func (d *deflater) deflate(b []byte) ([]byte, error) {
	return deflateWith(&d.w, 6, b)
}

// deflateBest compresses at the best level.
func (d *deflater) deflateBest(b []byte) ([]byte, error) {
	return deflateWith(&d.best, zlib.BestCompression, b)
}

func deflateWith(w **zlib.Writer, level int, b []byte) ([]byte, error) {
	var out bytes.Buffer
	if *w == nil {
		zw, err := zlib.NewWriterLevel(&out, level)
		if err != nil {
			return nil, err
		}
		*w = zw
	} else {
		(*w).Reset(&out)
	}
	if _, err := (*w).Write(b); err != nil {
		return nil, err
	}
	if err := (*w).Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
