// Package yamlx decodes YAML strictly: an unknown or misspelt key is an error
// that names the file, line and column, with the nearest valid key as a hint.
package yamlx

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Pos is a position in a source file (1-based line and column).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is a problem at a position in a source file.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errorf returns an *Error at pos.
func Errorf(pos Pos, format string, args ...any) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// NodePos returns the position of n in file.
func NodePos(file string, n *yaml.Node) Pos {
	return Pos{File: file, Line: n.Line, Col: n.Column}
}

var lineRE = regexp.MustCompile(`line (\d+): `)

// Decode parses data (named file in errors) into v, which must be a pointer to
// a struct. Keys that v has no field for are errors.
func Decode(file string, data []byte, v any) error {
	_, err := DecodeDoc(file, data, v)
	return err
}

// wrap turns a yaml.v3 error ("yaml: line 3: ...") into an *Error. An
// *Error from a type's own UnmarshalYAML passes through, named file.
func wrap(file string, err error) error {
	var pe *Error
	if errors.As(err, &pe) {
		e := *pe
		e.Pos.File = file
		return &e
	}
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := lineRE.FindStringSubmatchIndex(msg); m != nil {
		line, _ := strconv.Atoi(msg[m[2]:m[3]])
		rest := msg[:m[0]] + msg[m[1]:]
		return Errorf(Pos{File: file, Line: line}, "%s", friendly(rest))
	}
	return Errorf(Pos{File: file}, "%s", friendly(msg))
}

func friendly(msg string) string {
	msg = strings.ReplaceAll(msg, "!!str", "text")
	msg = strings.ReplaceAll(msg, "!!int", "number")
	msg = strings.ReplaceAll(msg, "!!seq", "list")
	msg = strings.ReplaceAll(msg, "!!map", "mapping")
	return msg
}

// checkKnown walks n against t and reports the first key that t has no field for.
func checkKnown(file string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return nil
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!int" && n.ShortTag() != "!!null" {
			return Errorf(NodePos(file, n), "%q is not a whole number: write one like 3", n.Value)
		}
	case reflect.Float32, reflect.Float64:
		if n.Kind == yaml.ScalarNode {
			switch n.ShortTag() {
			case "!!int", "!!null":
			case "!!float":
				if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
					return Errorf(NodePos(file, n), "%q is not a finite number: write one like 1.5", n.Value)
				}
			default:
				return Errorf(NodePos(file, n), "%q is not a number: write one like 1.5", n.Value)
			}
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // a scalar form or a type error: Decode reports it
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				names := make([]string, 0, len(fields))
				for name := range fields {
					names = append(names, name)
				}
				return Errorf(NodePos(file, k), "unknown key %q%s", k.Value, Suggest(k.Value, names))
			}
			if err := checkKnown(file, val, ft); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for _, c := range n.Content {
			if err := checkKnown(file, c, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 1; i < len(n.Content); i += 2 {
			if err := checkKnown(file, n.Content[i], t.Elem()); err != nil {
				return err
			}
		}
	}
	return nil
}

// structFields maps the YAML key of every decodable field of t to its type.
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range structFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// Suggest returns ` (did you mean "x"?)` for the candidates nearest to s,
// up to three, nearest first: ` (did you mean "x", "y" or "z"?)`. Without
// a near one it lists the valid names (up to 40), else "".
func Suggest(s string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	sorted = slices.Compact(sorted)
	type near struct {
		name string
		d    int
	}
	var close []near
	limit := max(2, utf8.RuneCountInString(s)/3)
	for _, c := range sorted {
		d := distance(strings.ToLower(s), strings.ToLower(c))
		if d <= limit || (len(s) >= 3 && strings.HasPrefix(strings.ToLower(c), strings.ToLower(s))) {
			close = append(close, near{c, d})
		}
	}
	sort.SliceStable(close, func(i, j int) bool { return close[i].d < close[j].d })
	if n := len(close); n > 0 {
		q := make([]string, min(n, 3))
		for i := range q {
			q[i] = strconv.Quote(close[i].name)
		}
		list := q[0]
		if len(q) > 1 {
			list = strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
		}
		return " (did you mean " + list + "?)"
	}
	if len(sorted) > 0 && len(sorted) <= 40 {
		return " (valid: " + strings.Join(sorted, ", ") + ")"
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Doc is a decoded file's node tree, kept so that a later check (a
// translation against its routine, a clinic's timing against the
// routines) can name the line and column of the key or value at fault.
// Only the file's text is kept: the tree (ten times its size) is parsed
// again when a position is first asked for, which is mostly for an
// error, and then kept.
type Doc struct {
	File string
	src  []byte
	tree *tree // shared by the Doc's copies
}

// tree is a Doc's node tree, parsed once, when first needed.
type tree struct {
	once sync.Once
	root *yaml.Node
}

// root returns the document's root node, parsing the text the first time.
func (d Doc) root() *yaml.Node {
	if d.tree == nil {
		return nil
	}
	d.tree.once.Do(func() {
		var n yaml.Node
		if yaml.Unmarshal(d.src, &n) == nil && len(n.Content) > 0 {
			d.tree.root = n.Content[0]
		}
	})
	return d.tree.root
}

// DecodeDoc is Decode that also returns the file's node tree.
func DecodeDoc(file string, data []byte, v any) (Doc, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Doc{File: file}, wrap(file, err)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return Doc{File: file}, Errorf(Pos{File: file, Line: 1}, "the file is empty")
	}
	doc := root.Content[0]
	if _, _, err := (&shape{file: file, memo: map[*yaml.Node][2]int{}}).walk(doc, 1); err != nil {
		return Doc{File: file}, err
	}
	if err := checkComments(file, strings.Split(string(data), "\n"), doc); err != nil {
		return Doc{File: file}, err
	}
	if err := checkKnown(file, doc, reflect.TypeOf(v)); err != nil {
		return Doc{File: file}, err
	}
	if err := doc.Decode(v); err != nil {
		return Doc{File: file}, wrap(file, err)
	}
	return Doc{File: file, src: data, tree: &tree{}}, nil
}

var hexComment = regexp.MustCompile(`^#[0-9A-Fa-f]{6}\b`)

// checkComments finds a key whose value was meant to be a colour but
// reads as a comment: `primary: #5B2A86` leaves primary empty.
func checkComments(file string, lines []string, n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
				c := strings.TrimSpace(k.LineComment + v.LineComment)
				if m := hexComment.FindString(c); m != "" {
					pos := NodePos(file, v)
					// point at the colour itself, not the space before it
					if l := v.Line - 1; l < len(lines) && k.Column-1 < len(lines[l]) {
						if i := strings.Index(lines[l][k.Column-1:], m); i >= 0 {
							pos.Col = utf8.RuneCountInString(lines[l][:k.Column-1+i]) + 1
						}
					}
					return Errorf(pos, "%s: %s reads as a comment (a # starts one), so %s is empty: put the colour in quotes: %s: \"%s\"", k.Value, m, k.Value, k.Value, m)
				}
			}
		}
	}
	for _, c := range n.Content {
		if err := checkComments(file, lines, c); err != nil {
			return err
		}
	}
	return nil
}

// Values maps each key of the mapping node n to the position of its value
// (file left empty), for errors about one value of a decoded struct.
func Values(n *yaml.Node) map[string]Pos {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	out := make(map[string]Pos, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = Pos{Line: n.Content[i+1].Line, Col: n.Content[i+1].Column}
	}
	return out
}

// PosOf is Pos, but when the value at path is text that contains needle,
// it points at needle itself: the line and column in a block of several
// lines, or in a quoted string.
func (d Doc) PosOf(needle string, path ...any) Pos {
	n, _ := d.find(path)
	if n == nil || n.Kind != yaml.ScalarNode || needle == "" || n.Line < 1 {
		return d.Pos(path...)
	}
	lines := strings.Split(string(d.src), "\n")
	if n.Line > len(lines) {
		return d.Pos(path...)
	}
	first, last := n.Line-1, n.Line-1 // the lines the value is on
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// the block runs while lines are blank or indented more than
		// the line of its key
		keyIndent := indent(lines[first])
		for last+1 < len(lines) && (strings.TrimSpace(lines[last+1]) == "" || indent(lines[last+1]) > keyIndent) {
			last++
		}
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		last = min(len(lines)-1, first+strings.Count(n.Value, "\n")+8)
	}
	for i := first; i <= last; i++ {
		from := 0
		if i == first {
			from = min(len(lines[i]), n.Column-1)
		}
		if k := strings.Index(lines[i][from:], needle); k >= 0 {
			return Pos{File: d.File, Line: i + 1, Col: utf8.RuneCountInString(lines[i][:from+k]) + 1}
		}
	}
	return d.Pos(path...)
}

func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// Pos returns the position of the value at path (mapping keys as strings,
// sequence indexes as ints), or of the deepest part of the path that
// exists: a missing step still points at its steps: key.
func (d Doc) Pos(path ...any) Pos {
	n, _ := d.find(path)
	if n == nil {
		return Pos{File: d.File, Line: 1, Col: 1}
	}
	return NodePos(d.File, n)
}

// KeyPos is Pos, but for a path ending in a mapping key it returns the
// position of the key itself, not of its value.
func (d Doc) KeyPos(path ...any) Pos {
	n, key := d.find(path)
	if key != nil {
		return NodePos(d.File, key)
	}
	if n == nil {
		return Pos{File: d.File, Line: 1, Col: 1}
	}
	return NodePos(d.File, n)
}

// Find returns the key and value nodes at path, when the whole path is
// there (the key is nil for a sequence index).
func (d Doc) Find(path ...any) (key, value *yaml.Node) {
	n, k := d.find(path)
	if n == nil {
		return nil, nil
	}
	// find stops at the deepest node it reached: check that it is the end
	if k == nil && len(path) > 0 {
		if _, ok := path[len(path)-1].(string); ok {
			return nil, nil
		}
	}
	return k, n
}

// find walks path from the root; key is the last key node matched, when
// the whole path was found and ended in a key.
func (d Doc) find(path []any) (n, key *yaml.Node) {
	n = d.root()
	for _, p := range path {
		if n == nil {
			return nil, nil
		}
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		key = nil
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						key, next = n.Content[i], n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p >= 0 && p < len(n.Content) {
				next = n.Content[p]
			}
		}
		if next == nil {
			return n, nil
		}
		n = next
	}
	return n, key
}

// Limits on a file's shape, so that a small file cannot take a run's
// memory or time (an alias repeated inside aliases, "billion laughs").
const (
	// MaxNodes bounds a file's values, counted as if every alias were
	// written out in full.
	MaxNodes = 100_000
	// MaxDepth bounds how deep mappings and lists nest, aliases written
	// out.
	MaxDepth = 64
)

// shape measures a node tree with every alias written out.
type shape struct {
	file string
	memo map[*yaml.Node][2]int // node -> (values, depth); depth -1 while walking
}

// walk returns n's values and depth; level is how deep n itself is.
func (s *shape) walk(n *yaml.Node, level int) (nodes, depth int, err error) {
	if level > MaxDepth {
		return 0, 0, Errorf(NodePos(s.file, n), "nested more than %d levels deep: flatten the file", MaxDepth)
	}
	if m, ok := s.memo[n]; ok {
		if m[1] < 0 {
			return 0, 0, Errorf(NodePos(s.file, n), "an alias that contains itself")
		}
		if level+m[1]-1 > MaxDepth {
			return 0, 0, Errorf(NodePos(s.file, n), "nested more than %d levels deep once aliases are written out: use fewer aliases", MaxDepth)
		}
		return m[0], m[1], nil
	}
	s.memo[n] = [2]int{0, -1}
	nodes, depth = 1, 1
	kids := n.Content
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		kids = []*yaml.Node{n.Alias}
		nodes = 0
	}
	for _, c := range kids {
		cl := level + 1
		if n.Kind == yaml.AliasNode {
			cl = level // an alias stands where its anchor's value goes
		}
		cn, cd, err := s.walk(c, cl)
		if err != nil {
			return 0, 0, err
		}
		nodes += cn
		depth = max(depth, cd+cl-level)
		if nodes > MaxNodes {
			return 0, 0, Errorf(NodePos(s.file, c), "more than %d values once aliases are written out: use fewer aliases", MaxNodes)
		}
	}
	s.memo[n] = [2]int{nodes, depth}
	return nodes, depth, nil
}
