package pdftest

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Node is a structure element read back from a tagged PDF.
type Node struct {
	Role       string // S: "Document", "H1", "P", "Figure", ...
	Alt        string
	Lang       string
	ActualText string
	// BBox is a Figure's layout attribute /BBox: x1 y1 x2 y2, points
	BBox []float64
	// Text is what the element's own marked content shows, in content
	// order (its kids' text is theirs).
	Text string
	Kids []*Node
}

// Read is what the element reads as: its ActualText if it has one, else
// its own text and its kids', in order, separated by spaces.
func (n *Node) Read() string {
	if n.ActualText != "" {
		return n.ActualText
	}
	parts := []string{}
	if n.Text != "" {
		parts = append(parts, n.Text)
	}
	for _, k := range n.Kids {
		if s := k.Read(); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// Walk calls f for n and every element below it, depth first in order.
func (n *Node) Walk(f func(*Node)) {
	f(n)
	for _, k := range n.Kids {
		k.Walk(f)
	}
}

// Tagged is the structure of a tagged PDF, read back.
type Tagged struct {
	Lang            string // the catalog's /Lang
	Marked          bool   // /MarkInfo <</Marked true>>
	DisplayDocTitle bool   // /ViewerPreferences <</DisplayDocTitle true>>
	XMP             string // the metadata stream
	Root            *Node  // the StructTreeRoot's element (Document)
	// Untagged lists what a page paints outside any marked-content
	// sequence of the structure or an artifact ("page 1: Tj").
	Untagged []string
	// Artifacts is the text each page shows as artifacts (not read).
	Artifacts []string
}

// Structure reads d's structure tree, and each page's marked content.
func (d *Doc) Structure() (*Tagged, error) {
	x := d.ctx.XRefTable
	cat, err := x.Catalog()
	if err != nil {
		return nil, err
	}
	t := &Tagged{}
	if s, err := types.StringOrHexLiteral(cat["Lang"]); err == nil && s != nil {
		t.Lang = *s
	}
	if mi, err := x.DereferenceDict(cat["MarkInfo"]); err == nil && mi != nil {
		b, _ := mi["Marked"].(types.Boolean)
		t.Marked = bool(b)
	}
	if vp, err := x.DereferenceDict(cat["ViewerPreferences"]); err == nil && vp != nil {
		b, _ := vp["DisplayDocTitle"].(types.Boolean)
		t.DisplayDocTitle = bool(b)
	}
	if o, err := x.Dereference(cat["Metadata"]); err == nil {
		if sd, ok := o.(types.StreamDict); ok {
			if err := sd.Decode(); err == nil {
				t.XMP = string(sd.Content)
			}
		}
	}
	// each page's marked content: MCID -> text
	pageOf := map[int]int{} // page object number -> page index
	mc := make([]map[int]string, d.Pages)
	for p := 1; p <= d.Pages; p++ {
		_, ref, _, err := x.PageDict(p, false)
		if err != nil {
			return nil, err
		}
		pageOf[ref.ObjectNumber.Value()] = p - 1
		r, err := pdfcpu.ExtractPageContent(d.ctx, p)
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		fonts, err := d.pageFonts(p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		m, untagged, artifacts, err := markedContent(content, fonts)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		mc[p-1] = m
		for _, u := range untagged {
			t.Untagged = append(t.Untagged, fmt.Sprintf("page %d: %s", p, u))
		}
		t.Artifacts = append(t.Artifacts, artifacts)
	}
	str, err := x.DereferenceDict(cat["StructTreeRoot"])
	if err != nil || str == nil {
		return t, fmt.Errorf("no StructTreeRoot")
	}
	var node func(o types.Object, page int, depth int) (*Node, error)
	node = func(o types.Object, page int, depth int) (*Node, error) {
		if depth > 64 {
			return nil, fmt.Errorf("structure deeper than 64")
		}
		e, err := x.DereferenceDict(o)
		if err != nil || e == nil {
			return nil, fmt.Errorf("structure element %v: %v", o, err)
		}
		n := &Node{}
		if s, ok := e["S"].(types.Name); ok {
			n.Role = string(s)
		}
		for key, dst := range map[string]*string{"Alt": &n.Alt, "Lang": &n.Lang, "ActualText": &n.ActualText} {
			if s, err := types.StringOrHexLiteral(e[key]); err == nil && s != nil {
				*dst = *s
			}
		}
		if a, err := x.DereferenceDict(e["A"]); err == nil && a != nil {
			if bb, ok := a["BBox"].(types.Array); ok {
				for _, v := range bb {
					switch v := v.(type) {
					case types.Integer:
						n.BBox = append(n.BBox, float64(v))
					case types.Float:
						n.BBox = append(n.BBox, float64(v))
					}
				}
			}
		}
		if pg, ok := e["Pg"].(types.IndirectRef); ok {
			page = pageOf[pg.ObjectNumber.Value()]
		}
		kids := []types.Object{e["K"]}
		if a, ok := e["K"].(types.Array); ok {
			kids = a
		}
		var text []string
		for _, k := range kids {
			switch k := k.(type) {
			case nil:
			case types.Integer:
				if page < 0 {
					return nil, fmt.Errorf("%s: MCID %d without /Pg", n.Role, k)
				}
				s, ok := mc[page][int(k)]
				if !ok {
					return nil, fmt.Errorf("%s: MCID %d not on page %d", n.Role, k, page+1)
				}
				delete(mc[page], int(k))
				text = append(text, s)
			case types.IndirectRef:
				c, err := node(k, page, depth+1)
				if err != nil {
					return nil, err
				}
				n.Kids = append(n.Kids, c)
			default:
				return nil, fmt.Errorf("%s: kid %T not read", n.Role, k)
			}
		}
		n.Text = strings.Join(text, "")
		return n, nil
	}
	if t.Root, err = node(str["K"], -1, 0); err != nil {
		return nil, err
	}
	for p, m := range mc {
		for id, s := range m {
			t.Untagged = append(t.Untagged, fmt.Sprintf("page %d: MCID %d (%q) in no structure element", p+1, id, s))
		}
	}
	return t, nil
}

// markedContent splits a content stream by marked content: the text of
// each MCID sequence, what is painted outside any (untagged), and the text
// of artifacts.
func markedContent(content []byte, fonts map[string]cmap) (byMCID map[int]string, untagged []string, artifacts string, err error) {
	byMCID = map[int]string{}
	type mark struct {
		mcid     int // -1: none
		artifact bool
	}
	var stack []mark
	var art strings.Builder
	in := func() (int, bool) {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].artifact {
				return -1, true
			}
			if stack[i].mcid >= 0 {
				return stack[i].mcid, false
			}
		}
		return -1, false
	}
	err = walk(content, fonts, func(op string, operands []string, text string) {
		switch op {
		case "BMC", "BDC":
			m := mark{mcid: -1}
			if len(operands) > 0 {
				m.artifact = operands[0] == "/Artifact"
				for i, o := range operands {
					if o == "/MCID" && i+1 < len(operands) {
						m.mcid, _ = strconv.Atoi(operands[i+1])
					}
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				untagged = append(untagged, "EMC without BMC/BDC")
			} else {
				stack = stack[:len(stack)-1]
			}
		case "Tj", "TJ", "'", "\"", "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh":
			mcid, artifact := in()
			switch {
			case artifact:
				art.WriteString(text)
			case mcid >= 0:
				byMCID[mcid] += text
			default:
				untagged = append(untagged, op+" "+text)
			}
		}
	})
	if len(stack) > 0 {
		untagged = append(untagged, fmt.Sprintf("%d marked-content sequence(s) not closed", len(stack)))
	}
	return byMCID, untagged, art.String(), err
}

// lexer splits a content stream into operands and operators.
type lexer struct {
	b []byte
	i int
}

func (l *lexer) next() (tok string, isOp, ok bool) {
	b := l.b
	for l.i < len(b) && strings.IndexByte(" \t\r\n\f\x00", b[l.i]) >= 0 {
		l.i++
	}
	if l.i >= len(b) {
		return "", false, false
	}
	start := l.i
	switch c := b[l.i]; {
	case c == '(':
		depth := 0
	str:
		for ; l.i < len(b); l.i++ {
			switch b[l.i] {
			case '\\':
				l.i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					break str
				}
			}
		}
		l.i++
		return string(b[start:min(l.i, len(b))]), false, true
	case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<', c == '>' && l.i+1 < len(b) && b[l.i+1] == '>':
		l.i += 2
		return string(b[start:l.i]), false, true
	case c == '<':
		for l.i < len(b) && b[l.i] != '>' {
			l.i++
		}
		l.i++
		return string(b[start:min(l.i, len(b))]), false, true
	case c == '[' || c == ']' || c == '{' || c == '}':
		l.i++
		return string(c), false, true
	case c == '/':
		l.i++
		for l.i < len(b) && !delim(b[l.i]) {
			l.i++
		}
		return string(b[start:l.i]), false, true
	}
	for l.i < len(b) && !delim(b[l.i]) {
		l.i++
	}
	if l.i == start { // a lone delimiter such as ')'
		l.i++
	}
	tok = string(b[start:l.i])
	c := tok[0]
	isNum := c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9'
	return tok, !isNum && tok != "true" && tok != "false" && tok != "null", true
}

func delim(c byte) bool { return strings.IndexByte(" \t\r\n\f\x00()<>[]{}/%", c) >= 0 }
