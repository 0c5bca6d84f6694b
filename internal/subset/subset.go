// Package subset cuts a TrueType font down to the glyphs one document
// draws, for embedding in a PDF. A Font is parsed once per run (table
// directory, glyph locations, advances, composite references) and shared
// read-only; Cut then costs about the size of the glyphs it keeps, where
// fpdf parsed and hashed the whole font for every document.
//
// A cut font numbers its glyphs anew: 0 is .notdef, then the kept glyphs
// in the order of their old numbers (components of composite glyphs
// included), so the same glyphs always give the same bytes.
package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"unicode/utf16"
)

// Font is a parsed TrueType font, read-only after Parse.
type Font struct {
	data      []byte
	tables    map[string][]byte
	loca      []uint32 // numGlyphs+1 offsets into glyf
	advance   []uint16 // per glyph, font units
	lsb       []int16  // per glyph
	numGlyphs int

	// UnitsPerEm, the bounding box of all glyphs (font units), the
	// ascender, descender and cap height (font units).
	UnitsPerEm                 int
	XMin, YMin, XMax, YMax     int
	Ascent, Descent, CapHeight int
	PostScriptName             string
}

var be = binary.BigEndian

// Parse reads the tables of a TrueType (glyf-outline) font.
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("subset: font too short")
	}
	if v := be.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("subset: not a TrueType font (version %08x)", v)
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("subset: table directory cut short")
	}
	f := &Font{data: data, tables: make(map[string][]byte, n)}
	for i := range n {
		rec := data[12+16*i:]
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("subset: table %q out of the file", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("subset: no %s table (only TrueType outlines can be cut)", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("subset: head, hhea or maxp table cut short")
	}
	f.UnitsPerEm = int(be.Uint16(head[18:]))
	if f.UnitsPerEm == 0 {
		return nil, errors.New("subset: unitsPerEm is 0")
	}
	f.XMin, f.YMin = int(int16(be.Uint16(head[36:]))), int(int16(be.Uint16(head[38:])))
	f.XMax, f.YMax = int(int16(be.Uint16(head[40:]))), int(int16(be.Uint16(head[42:])))
	f.Ascent, f.Descent = int(int16(be.Uint16(hhea[4:]))), int(int16(be.Uint16(hhea[6:])))
	f.CapHeight = f.Ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		f.CapHeight = int(int16(be.Uint16(os2[88:])))
	}
	f.numGlyphs = int(be.Uint16(maxp[4:]))
	ng := f.numGlyphs

	loca := f.tables["loca"]
	f.loca = make([]uint32, ng+1)
	switch be.Uint16(head[50:]) {
	case 0:
		if len(loca) < 2*(ng+1) {
			return nil, errors.New("subset: loca table cut short")
		}
		for i := range f.loca {
			f.loca[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*(ng+1) {
			return nil, errors.New("subset: loca table cut short")
		}
		for i := range f.loca {
			f.loca[i] = be.Uint32(loca[4*i:])
		}
	default:
		return nil, errors.New("subset: unknown indexToLocFormat")
	}
	glyf := f.tables["glyf"]
	for i := range ng {
		if f.loca[i] > f.loca[i+1] || int(f.loca[i+1]) > len(glyf) {
			return nil, fmt.Errorf("subset: glyph %d out of the glyf table", i)
		}
	}

	nh := int(be.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh == 0 || nh > ng || len(hmtx) < 4*nh+2*(ng-nh) {
		return nil, errors.New("subset: hmtx table does not match hhea")
	}
	f.advance = make([]uint16, ng)
	f.lsb = make([]int16, ng)
	for i := range ng {
		if i < nh {
			f.advance[i] = be.Uint16(hmtx[4*i:])
			f.lsb[i] = int16(be.Uint16(hmtx[4*i+2:]))
		} else {
			f.advance[i] = f.advance[nh-1]
			f.lsb[i] = int16(be.Uint16(hmtx[4*nh+2*(i-nh):]))
		}
	}
	f.PostScriptName = postScriptName(f.tables["name"])
	return f, nil
}

// NumGlyphs is the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Advance is glyph g's advance width in font units.
func (f *Font) Advance(g uint16) int {
	if int(g) >= len(f.advance) {
		return 0
	}
	return int(f.advance[g])
}

// postScriptName reads name ID 6 from a name table: Windows Unicode, else
// Macintosh Roman. It is "" when there is none.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count, strOff := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	mac := ""
	for i := range count {
		rec := name[6+12*i:]
		if len(rec) < 12 {
			break
		}
		platform, id := be.Uint16(rec), be.Uint16(rec[6:])
		length, off := int(be.Uint16(rec[8:])), int(be.Uint16(rec[10:]))
		if id != 6 || strOff+off+length > len(name) {
			continue
		}
		s := name[strOff+off : strOff+off+length]
		switch platform {
		case 3:
			u := make([]uint16, len(s)/2)
			for j := range u {
				u[j] = be.Uint16(s[2*j:])
			}
			return clean(string(utf16.Decode(u)))
		case 1:
			mac = clean(string(s))
		}
	}
	return mac
}

// clean keeps the characters a PostScript name may have.
func clean(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > ' ' && r < 0x7F && r != '[' && r != ']' && r != '(' && r != ')' && r != '{' && r != '}' && r != '<' && r != '>' && r != '/' && r != '%' {
			b = append(b, byte(r))
		}
	}
	return string(b)
}

// composite glyph flags
const (
	argsAreWords  = 0x0001
	haveScale     = 0x0008
	moreComps     = 0x0020
	haveXYScale   = 0x0040
	haveTwoByTwo  = 0x0080
	compHeaderLen = 4
)

// components calls fn with the offset (in the glyph's data) of each
// component's glyph index of composite glyph data g.
func components(g []byte, fn func(at int) error) error {
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil
	}
	at := 10
	for {
		if at+compHeaderLen > len(g) {
			return errors.New("composite glyph cut short")
		}
		flags := be.Uint16(g[at:])
		if err := fn(at + 2); err != nil {
			return err
		}
		at += compHeaderLen
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

func (f *Font) glyph(g uint16) []byte {
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Plan is the glyphs of one cut: Glyphs[i] is the old number of new glyph
// i (Glyphs[0] is 0, .notdef).
type Plan struct {
	Glyphs []uint16
	newID  map[uint16]uint16
}

// NewID is the number that old glyph g has in the cut, and false when
// the cut does not keep it.
func (p *Plan) NewID(g uint16) (uint16, bool) {
	n, ok := p.newID[g]
	return n, ok
}

// Plan lists the glyphs a cut keeping used must hold: .notdef, used and
// the components of the composite glyphs among them, numbered in the
// order of their old numbers.
func (f *Font) Plan(used []uint16) (*Plan, error) {
	keep := map[uint16]bool{0: true}
	var add func(g uint16, depth int) error
	add = func(g uint16, depth int) error {
		if int(g) >= f.numGlyphs {
			return fmt.Errorf("subset: glyph %d not in the font (%d glyphs)", g, f.numGlyphs)
		}
		if depth > 8 {
			return errors.New("subset: composite glyphs nest too deep")
		}
		if keep[g] && depth > 0 {
			return nil
		}
		keep[g] = true
		gd := f.glyph(g)
		return components(gd, func(at int) error {
			return add(be.Uint16(gd[at:]), depth+1)
		})
	}
	for _, g := range used {
		if keep[g] {
			continue
		}
		if err := add(g, 0); err != nil {
			return nil, err
		}
	}
	p := &Plan{Glyphs: make([]uint16, 0, len(keep)), newID: make(map[uint16]uint16, len(keep))}
	for g := range keep {
		p.Glyphs = append(p.Glyphs, g)
	}
	slices.Sort(p.Glyphs)
	for i, g := range p.Glyphs {
		p.newID[g] = uint16(i)
	}
	return p, nil
}

// Cut writes the font holding the glyphs of p: the tables a PDF reader
// draws with (glyf, loca, hmtx, head, hhea, maxp, and cvt, fpgm, prep
// and OS/2 when the font has them, post without glyph names), no cmap:
// a PDF's CIDToGIDMap names the glyphs.
func (f *Font) Cut(p *Plan) ([]byte, error) {
	n := len(p.Glyphs)
	var glyf []byte
	offsets := make([]int, n+1)
	for i, g := range p.Glyphs {
		offsets[i] = len(glyf)
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		gd := glyf[start:]
		err := components(gd, func(at int) error {
			id, ok := p.newID[be.Uint16(gd[at:])]
			if !ok {
				return errors.New("subset: plan lacks a component glyph")
			}
			be.PutUint16(gd[at:], id)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(glyf)%2 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets[n] = len(glyf)
	// short offsets (halved, 16 bits) when the glyphs fit in 128 KiB
	short := len(glyf) < 1<<17
	var loca []byte
	if short {
		loca = make([]byte, 2*(n+1))
		for i, o := range offsets {
			be.PutUint16(loca[2*i:], uint16(o/2))
		}
	} else {
		loca = make([]byte, 4*(n+1))
		for i, o := range offsets {
			be.PutUint32(loca[4*i:], uint32(o))
		}
	}
	// glyphs at the end with the last one's advance keep only their left
	// side bearing
	nh := n
	for nh > 1 && f.advance[p.Glyphs[nh-2]] == f.advance[p.Glyphs[n-1]] {
		nh--
	}
	hmtx := make([]byte, 4*nh+2*(n-nh))
	for i, g := range p.Glyphs {
		if i < nh {
			be.PutUint16(hmtx[4*i:], f.advance[g])
			be.PutUint16(hmtx[4*i+2:], uint16(f.lsb[g]))
		} else {
			be.PutUint16(hmtx[4*nh+2*(i-nh):], uint16(f.lsb[g]))
		}
	}

	head := slices.Clone(f.tables["head"])
	be.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	if short {
		be.PutUint16(head[50:], 0)
	} else {
		be.PutUint16(head[50:], 1)
	}
	hhea := slices.Clone(f.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(nh))
	maxp := slices.Clone(f.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(n))
	tables := map[string][]byte{
		"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp,
	}
	for _, t := range []string{"cvt ", "fpgm", "prep", "OS/2"} {
		if d := f.tables[t]; d != nil {
			tables[t] = d
		}
	}
	if post := f.tables["post"]; len(post) >= 32 {
		post = slices.Clone(post[:32])
		be.PutUint32(post, 0x00030000) // no glyph names
		tables["post"] = post
	}
	return write(tables), nil
}

// write assembles an sfnt from its tables, with their checksums and the
// head table's checkSumAdjustment.
func write(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	slices.Sort(tags)
	out := make([]byte, 12+16*len(tags), size)
	nt := len(tags)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(nt))
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*nt-16<<es))
	headAt := 0
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(d))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		s += be.Uint32(last[:])
	}
	return s
}
