package draw

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Role is what a structure element is, named as tagged PDF names it. The
// PDF backend writes the elements as the document's structure tree (what
// a screen reader reads); the raster backend ignores them.
type Role string

// The roles layout uses (the table roles are there for a page with a
// table, such as a plan). Sect groups a heading with what belongs to it
// (the warning box); L holds LI items, each an Lbl (bullet, number) and an
// LBody; Figure is a picture and must carry Alt.
const (
	RoleH1     Role = "H1"
	RoleH2     Role = "H2"
	RoleP      Role = "P"
	RoleSect   Role = "Sect"
	RoleL      Role = "L"
	RoleLI     Role = "LI"
	RoleLbl    Role = "Lbl"
	RoleLBody  Role = "LBody"
	RoleFigure Role = "Figure"
	RoleTable  Role = "Table"
	RoleTR     Role = "TR"
	RoleTH     Role = "TH"
	RoleTD     Role = "TD"
	RoleSpan   Role = "Span"
	// RoleArtifact marks decoration and pagination (running heads,
	// footers, page numbers): drawn, but not read out. It is not a
	// structure element and may hold no element.
	RoleArtifact Role = "Artifact"
)

// Tag describes a structure element.
type Tag struct {
	Role Role
	Alt  string // the picture in words; required on a Figure
	Lang string // BCP 47 tag, when it differs from the document's Lang
	// Box is where a Figure is drawn on the page, when known: a PDF
	// gives it as the figure's bounding box and draws the figure's
	// paths from the box's corner, so a picture repeated in another
	// box is written in the same bytes.
	Box Rect
}

// Rect is a box of W×H mm whose top left corner is at (X, Y).
type Rect struct{ X, Y, W, H float64 }

// TagOp opens a structure element (End false) or closes the innermost
// open one (End true).
//
// How a backend reads tags: elements nest as Begin and End calls do, and
// on each page every Begin has its End. A text line or image belongs to
// the innermost open element. Paths are decoration (artifacts) unless they
// are inside a Figure. Text or an image outside any element is a defect
// that Untagged reports (the PDF backend still gives it a P or Figure of
// its own so nothing goes unread).
type TagOp struct {
	Tag Tag
	End bool
}

// Begin opens a structure element; End closes it. Use them around what
// the element draws:
//
//	pg.Begin(draw.Tag{Role: draw.RoleH2})
//	textPara(pg, title, ...)
//	pg.End()
//
//	pg.Begin(draw.Tag{Role: draw.RoleFigure, Alt: step.Illustration.Description})
//	illustrate.Draw(pg, ...)
//	pg.End()
func (pg *Page) Begin(t Tag) { pg.Ops = append(pg.Ops, &TagOp{Tag: t}) }

// End closes the innermost open structure element.
func (pg *Page) End() { pg.Ops = append(pg.Ops, &TagOp{End: true}) }

func (o *TagOp) dump(b *strings.Builder) {
	if o.End {
		b.WriteString("end\n")
		return
	}
	fmt.Fprintf(b, "tag %s", o.Tag.Role)
	if o.Tag.Lang != "" {
		fmt.Fprintf(b, " lang=%s", o.Tag.Lang)
	}
	if o.Tag.Alt != "" {
		fmt.Fprintf(b, " alt=%q", o.Tag.Alt)
	}
	b.WriteByte('\n')
}

// Untagged lists what keeps doc from being a well-tagged document: text or
// images outside any structure element, a Figure without Alt, a Figure
// that draws nothing, an element inside an artifact, and Begin and End
// that do not pair on a page. Nil means every page's content sits in the
// structure or is an artifact.
func (doc *Document) Untagged() []string {
	var out []string
	for n, pg := range doc.Pages {
		at := func(format string, args ...any) {
			out = append(out, fmt.Sprintf("page %d: ", n+1)+fmt.Sprintf(format, args...))
		}
		var open []*TagOp
		drawn := map[*TagOp]bool{}
		loose := map[string]bool{}
		for _, op := range pg.Ops {
			var inner *TagOp
			if len(open) > 0 {
				inner = open[len(open)-1]
			}
			switch o := op.(type) {
			case *TagOp:
				if o.End {
					if inner == nil {
						at("End without Begin")
						continue
					}
					if inner.Tag.Role == RoleFigure && !drawn[inner] {
						at("a Figure (%q) that draws nothing", inner.Tag.Alt)
					}
					open = open[:len(open)-1]
					continue
				}
				if inner != nil && inner.Tag.Role == RoleArtifact {
					at("a %s inside an artifact", o.Tag.Role)
				}
				if o.Tag.Role == RoleFigure && strings.TrimSpace(o.Tag.Alt) == "" {
					at("a picture without a description (Figure without Alt)")
				}
				open = append(open, o)
			case *TextOp:
				if inner == nil {
					loose[fmt.Sprintf("text %q outside the structure", o.String())] = true
				}
			case *ImageOp:
				if inner == nil {
					loose[fmt.Sprintf("image %s outside the structure", o.Name)] = true
				}
			}
			for _, t := range open {
				drawn[t] = true
			}
		}
		for _, k := range slices.Sorted(maps.Keys(loose)) {
			at("%s", k)
		}
		if len(open) > 0 {
			at("%d element(s) not closed (%s first)", len(open), open[0].Tag.Role)
		}
	}
	return out
}

// String is the line's text as drawn.
func (o *TextOp) String() string {
	var b strings.Builder
	for _, r := range o.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
