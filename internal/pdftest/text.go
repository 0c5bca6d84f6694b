package pdftest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// cmap maps a font's 2-byte character codes to text, from its ToUnicode
// CMap.
type cmap map[uint16]string

// pageFonts reads the ToUnicode CMap of each font in page p's resources,
// by resource name ("/F0").
func (d *Doc) pageFonts(p int) (map[string]cmap, error) {
	x := d.ctx.XRefTable
	pd, _, inh, err := x.PageDict(p, false)
	if err != nil {
		return nil, err
	}
	var res types.Dict
	if o, ok := pd["Resources"]; ok {
		if res, err = x.DereferenceDict(o); err != nil {
			return nil, err
		}
	} else if inh != nil {
		res = inh.Resources
	}
	out := map[string]cmap{}
	if res == nil {
		return out, nil
	}
	fd, err := x.DereferenceDict(res["Font"])
	if err != nil || fd == nil {
		return out, err
	}
	for name, ref := range fd {
		f, err := x.DereferenceDict(ref)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		o, err := x.Dereference(f["ToUnicode"])
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		sd, ok := o.(types.StreamDict)
		if !ok {
			return nil, fmt.Errorf("font %s has no ToUnicode CMap", name)
		}
		if err := sd.Decode(); err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode: %w", name, err)
		}
		m, err := parseCMap(sd.Content)
		if err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode: %w", name, err)
		}
		out["/"+name] = m
	}
	return out, nil
}

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap
// with 2-byte codes.
func parseCMap(b []byte) (cmap, error) {
	m := cmap{}
	lex := lexer{b: b}
	var toks []string
	section := ""
	for {
		tok, isOp, ok := lex.next()
		if !ok {
			break
		}
		switch {
		case tok == "beginbfchar" || tok == "beginbfrange":
			section, toks = tok, nil
		case tok == "endbfchar":
			for i := 0; i+1 < len(toks); i += 2 {
				c, err := hexCode(toks[i])
				if err != nil {
					return nil, err
				}
				m[c] = hexText(toks[i+1])
			}
			section = ""
		case tok == "endbfrange":
			for i := 0; i+2 < len(toks); {
				lo, err1 := hexCode(toks[i])
				hi, err2 := hexCode(toks[i+1])
				if err1 != nil || err2 != nil || hi < lo {
					return nil, fmt.Errorf("bad bfrange %s %s", toks[i], toks[i+1])
				}
				if toks[i+2] == "[" {
					j := i + 3
					for c := lo; j < len(toks) && toks[j] != "]"; c, j = c+1, j+1 {
						m[c] = hexText(toks[j])
					}
					i = j + 1
					continue
				}
				first := []rune(hexText(toks[i+2]))
				for c := lo; c <= hi && len(first) > 0; c++ {
					r := append([]rune(nil), first...)
					r[len(r)-1] += rune(c - lo)
					m[c] = string(r)
					if c == 0xFFFF {
						break
					}
				}
				i += 3
			}
			section = ""
		case section != "" && !isOp:
			toks = append(toks, tok)
		}
	}
	return m, nil
}

func hexCode(tok string) (uint16, error) {
	v, err := strconv.ParseUint(strings.Trim(tok, "<>"), 16, 16)
	return uint16(v), err
}

// hexText decodes a <...> UTF-16BE string.
func hexText(tok string) string {
	h := strings.Trim(tok, "<>")
	var u []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		v, err := strconv.ParseUint(h[i:i+4], 16, 16)
		if err != nil {
			return ""
		}
		u = append(u, uint16(v))
	}
	return string(utf16.Decode(u))
}

// operators are the content stream operators of PDF 1.7 (ISO 32000-1,
// annex A), each between spaces.
const operators = " b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y ' \" "

// walk calls fn for each operator of a content stream, in order, with
// its operands and the text its strings show: decoded through the
// ToUnicode CMap of the font selected with Tf, for Tj. It fails on an
// operator PDF does not have (two run together, say), which readers skip
// with no more than a warning.
func walk(content []byte, fonts map[string]cmap, fn func(op string, operands []string, text string)) error {
	var operands []string
	cur := cmap(nil)
	lex := lexer{b: content}
	for {
		tok, isOp, ok := lex.next()
		if !ok {
			return nil
		}
		if !isOp {
			operands = append(operands, tok)
			continue
		}
		if !strings.Contains(operators, " "+tok+" ") {
			return fmt.Errorf("content stream: unknown operator %q", tok)
		}
		text := ""
		switch tok {
		case "Tf":
			if len(operands) >= 2 {
				cur = fonts[operands[len(operands)-2]]
			}
		case "Tj":
			if len(operands) > 0 {
				text = decodeWith(operands[len(operands)-1], cur)
			}
		}
		fn(tok, operands, text)
		operands = operands[:0]
	}
}

// shown is the text of each string content shows with Tj, in order.
func shown(content []byte, fonts map[string]cmap) ([]string, error) {
	var out []string
	err := walk(content, fonts, func(op string, _ []string, text string) {
		if op == "Tj" {
			out = append(out, text)
		}
	})
	return out, err
}

// decodeWith decodes a string token, (literal) or <hex>, of 2-byte codes
// through m; a code m lacks reads as U+FFFD.
func decodeWith(tok string, m cmap) string {
	var raw []byte
	switch {
	case strings.HasPrefix(tok, "("):
		b, err := types.Unescape(tok[1 : len(tok)-1])
		if err != nil {
			return ""
		}
		raw = b
	case strings.HasPrefix(tok, "<"):
		h := strings.Trim(tok, "<>")
		for i := 0; i+2 <= len(h); i += 2 {
			v, _ := strconv.ParseUint(h[i:i+2], 16, 8)
			raw = append(raw, byte(v))
		}
	}
	var b strings.Builder
	for i := 0; i+1 < len(raw); i += 2 {
		s, ok := m[uint16(raw[i])<<8|uint16(raw[i+1])]
		if !ok {
			s = "\uFFFD"
		}
		b.WriteString(s)
	}
	return b.String()
}
