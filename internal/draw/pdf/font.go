package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/subset"
)

// Fonts are embedded by this package, not by fpdf: fpdf parsed the whole
// TrueType file for every document, JSON-encoded its 65,536-entry width
// table to name it, and wrote a 128 KiB CIDToGIDMap per font (45% of a
// handout's CPU). Here each font is parsed once per run (fonts.Font.Cut),
// a document's glyphs are collected before its pages are replayed, the
// cut font numbers them 0..n-1, and the text is written as those numbers
// (Identity-H, CIDToGIDMap /Identity). The post-pass writes the Type0
// font, its CIDFontType2, descriptor, font file and ToUnicode CMap.

// docFont is one font a document draws with.
type docFont struct {
	name string // resource name, without the slash
	font *fonts.Font
	plan *subset.Plan
	gid  map[rune]uint16 // character -> glyph in the cut font; absent: not drawn
	// uni is the character each cut glyph stands for, for ToUnicode
	uni []rune
}

// docFonts collects the glyphs each font of the set draws in doc.
func docFonts(doc *draw.Document, fs *fonts.Set) (map[string]*docFont, []*docFont, error) {
	old := map[string]map[rune]uint16{}
	for _, pg := range doc.Pages {
		for _, op := range pg.Ops {
			t, ok := op.(*draw.TextOp)
			if !ok {
				continue
			}
			for _, run := range t.Runs {
				base, _ := fonts.Base(run.Font)
				m := old[base]
				if m == nil {
					if fs.Font(base) == nil {
						return nil, nil, fmt.Errorf("pdf: no font %q in the set", base)
					}
					m = map[rune]uint16{}
					old[base] = m
				}
				for _, r := range run.Text {
					if _, ok := m[r]; !ok {
						m[r] = uint16(fs.Font(base).Parsed.Index(r))
					}
				}
			}
		}
	}
	byName := map[string]*docFont{}
	var list []*docFont
	for _, name := range fs.Names() {
		m := old[name]
		if m == nil {
			continue
		}
		f := fs.Font(name)
		runes := make([]rune, 0, len(m))
		used := make([]uint16, 0, len(m))
		for r, g := range m {
			if g != 0 {
				runes = append(runes, r)
				used = append(used, g)
			}
		}
		plan, err := f.Cut.Plan(used)
		if err != nil {
			return nil, nil, fmt.Errorf("pdf: font %s: %w", name, err)
		}
		d := &docFont{name: fmt.Sprintf("F%d", len(list)), font: f, plan: plan,
			gid: make(map[rune]uint16, len(runes)), uni: make([]rune, len(plan.Glyphs))}
		// the lowest character of a glyph stands for it (a space and a
		// no-break space share one)
		slices.Sort(runes)
		for _, r := range runes {
			g, _ := plan.NewID(m[r])
			d.gid[r] = g
			if d.uni[g] == 0 {
				d.uni[g] = r
			}
		}
		byName[name] = d
		list = append(list, d)
	}
	return byName, list, nil
}

// textState is the open text object: consecutive lines share one
// q BT ... ET Q, setting colour, font and the synthetic bold only when
// they change, each line placed relative to the one before. Any other
// operation closes it (replayer.endText); Q leaves fpdf's idea of the
// graphics state true.
type textState struct {
	open     bool
	color    draw.Color
	hasColor bool
	font     string
	size     float64
	bold     bool
	boldW    float64 // the stroke width last set for bold, points
	boldSet  bool    // bold's stroke colour, caps and dash are set
	px, py   float64 // start of the last line placed, points
}

// endText closes the open text object.
func (r *replayer) endText() {
	if r.ts.open {
		r.f.RawWriteStr("ET Q")
		r.ts = textState{}
	}
}

// text appends the content operators that draw o. Characters without a
// glyph (format controls) are left out; layout measured them as zero
// wide.
func (r *replayer) text(b []byte, o *draw.TextOp) []byte {
	_, h := r.f.GetPageSize()
	k := r.f.GetConversionRatio()
	ts := &r.ts
	if !ts.open {
		b = append(b, "q BT"...)
		ts.open = true
	}
	if !ts.hasColor || ts.color != o.Color {
		b = append(b, ' ')
		b = appendColor(b, o.Color, "rg")
		ts.color, ts.hasColor = o.Color, true
		ts.boldSet = false // bold strokes in the fill colour
	}
	x := o.X
	for _, run := range o.Runs {
		base, fake := fonts.Base(run.Font)
		f := r.fonts[base]
		if fake {
			// fill and stroke the glyphs: a synthetic bold, in round,
			// solid strokes whatever path came before
			if !ts.boldSet {
				b = append(b, ' ')
				b = appendColor(b, o.Color, "RG")
				b = append(b, " 1 J 1 j [] 0 d"...)
				ts.boldSet = true
			}
			if w := math.Round(o.Size*3) / 100; ts.boldW != w {
				b = append(b, ' ')
				b = appendNum(b, w, 2)
				b = append(b, " w"...)
				ts.boldW = w
			}
		}
		if fake != ts.bold {
			if fake {
				b = append(b, " 2 Tr"...)
			} else {
				b = append(b, " 0 Tr"...)
			}
			ts.bold = fake
		}
		if f.name != ts.font || o.Size != ts.size {
			b = append(b, " /"...)
			b = append(b, f.name...)
			b = append(b, ' ')
			b = appendNum(b, o.Size, 2)
			b = append(b, " Tf"...)
			ts.font, ts.size = f.name, o.Size
		}
		tx := (x + run.Dx*o.Size*fonts.PtToMM) * k
		ty := (h - o.Y) * k
		tx, ty = math.Round(tx*100)/100, math.Round(ty*100)/100
		b = append(b, ' ')
		b = appendNum(b, tx-ts.px, 2)
		b = append(b, ' ')
		b = appendNum(b, ty-ts.py, 2)
		b = append(b, " Td ("...)
		ts.px, ts.py = tx, ty
		for _, c := range run.Text {
			g, ok := f.gid[c]
			if !ok {
				continue
			}
			for _, v := range [2]byte{byte(g >> 8), byte(g)} {
				switch v {
				case '(', ')', '\\':
					b = append(b, '\\', v)
				case '\r':
					b = append(b, '\\', 'r')
				default:
					b = append(b, v)
				}
			}
		}
		b = append(b, ") Tj"...)
		x += r.fs.Width(o.Size, run)
	}
	return b
}

// appendColor appends c as "r g b op" with components in 0..1.
func appendColor(b []byte, c draw.Color, op string) []byte {
	for _, v := range [3]uint8{c.R, c.G, c.B} {
		b = appendNum(b, float64(v)/255, 3)
		b = append(b, ' ')
	}
	return append(b, op...)
}

// appendNum appends v with at most prec decimals and no trailing zeros.
func appendNum(b []byte, v float64, prec int) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	if bytes.IndexByte(b[n:], '.') >= 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b[n:]) == "-0" {
		b = append(b[:n], '0')
	}
	return b
}

// fontObjects are the objects of one embedded font: the Type0 font, its
// descendant, descriptor and width array go into the object stream, the
// font file and the ToUnicode CMap are streams of their own.
type fontObjects struct {
	type0, cid, desc, file, toUni int
}

// fontDicts returns the dictionaries of d's font (in the object stream)
// and its two streams, deflated, in the order file, ToUnicode.
func (d *docFont) objects(o fontObjects, z *deflater) (dicts [][]byte, nums []int, file, toUni []byte, err error) {
	cut := d.font.Cut
	ttf, err := cut.Cut(d.plan)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("pdf: font %s: %w", d.font.Name, err)
	}
	// the subset tag: six capitals from the glyphs kept
	h := sha256.New()
	for _, g := range d.plan.Glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	ps := cut.PostScriptName
	if ps == "" {
		ps = d.font.Name
	}
	base := string(tag) + "+" + ps
	em := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(cut.UnitsPerEm))) }

	var b bytes.Buffer
	fmt.Fprintf(&b, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", base, o.cid, o.toUni)
	dicts = append(dicts, bytes.Clone(b.Bytes()))
	b.Reset()
	// the commonest width is the default (a CJK font's one em); the
	// others are listed in runs of consecutive glyphs
	widths := make([]int, len(d.plan.Glyphs))
	count := map[int]int{}
	dw := 0
	for i, g := range d.plan.Glyphs {
		widths[i] = em(cut.Advance(g))
		count[widths[i]]++
		if c := count[widths[i]]; c > count[dw] || c == count[dw] && widths[i] < dw {
			dw = widths[i]
		}
	}
	fmt.Fprintf(&b, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW %d /W [", base, o.desc, dw)
	for i := 0; i < len(widths); {
		if widths[i] == dw {
			i++
			continue
		}
		j := i
		for j < len(widths) && widths[j] != dw {
			j++
		}
		fmt.Fprintf(&b, "%d [", i)
		for n, w := range widths[i:j] {
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(w))
		}
		b.WriteString("] ")
		i = j
	}
	b.WriteString("]>>")
	dicts = append(dicts, bytes.Clone(b.Bytes()))
	b.Reset()
	fmt.Fprintf(&b, "<</Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		base, em(cut.XMin), em(cut.YMin), em(cut.XMax), em(cut.YMax), em(cut.Ascent), em(cut.Descent), em(cut.CapHeight), o.file)
	dicts = append(dicts, bytes.Clone(b.Bytes()))
	nums = []int{o.type0, o.cid, o.desc}

	// a large font (a Chinese or Korean one: hundreds of glyphs) pays for
	// the best level, 2-3% smaller; a Latin cut of 10 KB would gain some
	// 30 bytes for 0.2 ms
	deflate := z.deflate
	if len(ttf) > 32<<10 {
		deflate = z.deflateBest
	}
	data, err := deflate(ttf)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	b.Reset()
	fmt.Fprintf(&b, "%d 0 obj\n<</Length %d /Filter /FlateDecode /Length1 %d>>\nstream\n", o.file, len(data), len(ttf))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	file = bytes.Clone(b.Bytes())

	data, err = z.deflate(d.toUnicode())
	if err != nil {
		return nil, nil, nil, nil, err
	}
	b.Reset()
	fmt.Fprintf(&b, "%d 0 obj\n<</Length %d /Filter /FlateDecode>>\nstream\n", o.toUni, len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	return dicts, nums, file, bytes.Clone(b.Bytes()), nil
}

// toUnicode is the CMap from the cut font's glyphs to the characters
// they stand for.
func (d *docFont) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var rows []string
	for g, r := range d.uni {
		if r == 0 {
			continue
		}
		u := ""
		if r > 0xFFFF {
			r -= 0x10000
			u = fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		} else {
			u = fmt.Sprintf("%04X", r)
		}
		rows = append(rows, fmt.Sprintf("<%04X> <%s>\n", g, u))
	}
	for len(rows) > 0 {
		n := min(len(rows), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, row := range rows[:n] {
			b.WriteString(row)
		}
		b.WriteString("endbfchar\n")
		rows = rows[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
