package illustrate_test

import (
	"fmt"
	"image"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/illustrate"
	"github.com/careprint/careprint/internal/routine"
)

// testColors are the handout's colours: the default clinic's brand on white.
func testColors() illustrate.Colors {
	return illustrate.Colors{Ink: draw.Hex("#1F262B"), Brand: draw.Hex("#0F6E66"), Paper: draw.White()}
}

// illCase is one illustration to look at and to hold in a golden file.
type illCase struct {
	Name string // file-name safe, unique
	Il   routine.Illustration
}

// mk builds a mark from "key=value" pairs, e.g. mk("sweep", "from=nipple", "to=chin").
func mk(kind string, kv ...string) routine.Mark {
	m := routine.Mark{Kind: kind}
	for _, s := range kv {
		k, v, _ := strings.Cut(s, "=")
		switch k {
		case "at":
			m.At = v
		case "from":
			m.From = v
		case "to":
			m.To = v
		case "side":
			m.Side = v
		case "hand":
			m.Hand = v
		case "clock":
			m.Clock = v
		case "label":
			m.Label = v
		case "count":
			fmt.Sscan(v, &m.Count)
		default:
			panic("mk: unknown key " + k)
		}
	}
	return m
}

// markCases is every mark kind in the views where it makes sense, with the
// variants that change the drawing (hands, clock positions, with and
// without a landmark), each alone on the body so it can be judged alone.
func markCases() []illCase {
	type c struct {
		name string
		view string
		m    []routine.Mark
	}
	cs := []c{
		{"sweep-armpit", "front", []routine.Mark{mk("sweep", "from=breast-base", "to=armpit", "hand=palm")}},
		{"sweep-chin", "front", []routine.Mark{mk("sweep", "from=nipple", "to=chin", "hand=palm")}},
		{"sweep-collarbone", "front", []routine.Mark{mk("sweep", "from=areola", "to=collarbone")}},
		{"sweep-fingertips", "front", []routine.Mark{mk("sweep", "from=breast-outer", "to=armpit", "hand=fingertips", "side=right")}},
		{"sweep-armpit", "closeup", []routine.Mark{mk("sweep", "from=breast-base", "to=armpit", "hand=palm")}},
		{"sweep-up", "closeup", []routine.Mark{mk("sweep", "from=nipple", "to=upper-chest", "count=5")}},
		{"glide", "front", []routine.Mark{mk("glide", "from=breast-inner", "to=armpit")}},
		{"glide", "closeup", []routine.Mark{mk("glide", "from=areola", "to=armpit")}},
		{"butterfly", "front", []routine.Mark{mk("butterfly", "at=breast")}},
		{"butterfly", "closeup", []routine.Mark{mk("butterfly", "at=breast")}},
		{"circles-neck", "front", []routine.Mark{mk("circles", "at=neck-base", "count=10")}},
		{"circles-armpit", "front", []routine.Mark{mk("circles", "at=armpit", "count=10")}},
		{"circles", "closeup", []routine.Mark{mk("circles", "at=breast-top", "count=10")}},
		{"fingertip-circles", "front", []routine.Mark{mk("fingertip-circles", "at=breast-outer", "count=5")}},
		{"fingertip-circles", "closeup", []routine.Mark{mk("fingertip-circles", "at=areola")}},
		{"press", "front", []routine.Mark{mk("press", "at=areola", "side=right")}},
		{"press", "closeup", []routine.Mark{mk("press", "at=areola")}},
		{"roll", "front", []routine.Mark{mk("roll", "at=breast", "side=right")}},
		{"roll", "closeup", []routine.Mark{mk("roll", "at=breast")}},
		{"roll-side", "front", []routine.Mark{mk("roll-side", "at=breast", "side=right")}},
		{"roll-side", "closeup", []routine.Mark{mk("roll-side", "at=breast")}},
		{"knead", "front", []routine.Mark{mk("knead", "at=breast", "side=right")}},
		{"knead", "closeup", []routine.Mark{mk("knead", "at=breast")}},
		{"tap", "front", []routine.Mark{mk("tap", "at=breast-top")}},
		{"tap-nipple", "closeup", []routine.Mark{mk("tap", "at=nipple")}},
		{"nipple-roll", "front", []routine.Mark{mk("nipple-roll", "at=nipple", "side=left")}},
		{"nipple-roll", "closeup", []routine.Mark{mk("nipple-roll", "at=nipple")}},
		{"opposing-12-6", "closeup", []routine.Mark{mk("opposing", "at=areola", "clock=12-6")}},
		{"opposing-1-7", "closeup", []routine.Mark{mk("opposing", "at=areola", "clock=1-7")}},
		{"opposing-3-9", "closeup", []routine.Mark{mk("opposing", "at=areola", "clock=3-9")}},
		{"opposing-12-6-3-9", "closeup", []routine.Mark{mk("opposing", "at=areola", "clock=12-6,3-9")}},
		{"opposing-12-6", "front", []routine.Mark{mk("opposing", "at=areola", "clock=12-6", "side=right")}},
		{"hand-palm", "front", []routine.Mark{mk("hand", "at=breast", "hand=palm", "side=right")}},
		{"hand-fingertips", "front", []routine.Mark{mk("hand", "at=breast", "hand=fingertips", "side=right")}},
		{"hand-fist", "front", []routine.Mark{mk("hand", "at=breast", "hand=fist", "side=right")}},
		{"hand-palm", "closeup", []routine.Mark{mk("hand", "at=breast", "hand=palm")}},
		{"hand-fingertips", "closeup", []routine.Mark{mk("hand", "at=breast", "hand=fingertips")}},
		{"hand-fist", "closeup", []routine.Mark{mk("hand", "at=breast", "hand=fist")}},
		{"hand-c-hold", "front", []routine.Mark{mk("hand", "at=areola", "hand=c-hold", "side=left")}},
		{"hand-two-hands", "closeup", []routine.Mark{mk("hand", "at=areola", "hand=two-hands")}},
		{"hand-tapping", "closeup", []routine.Mark{mk("hand", "at=breast-top", "hand=tapping")}},
		{"hand-poses-both", "front", []routine.Mark{mk("hand", "at=breast", "hand=flat-palm"), mk("hand", "at=breast-top", "hand=tapping")}},
		{"circles-palm", "front", []routine.Mark{mk("circles", "at=breast", "hand=flat-palm", "side=right"), mk("circles", "at=breast", "hand=fingertips", "side=left")}},
		{"circles-fist", "front", []routine.Mark{mk("circles", "at=breast", "hand=soft-fist")}},
		{"sweep-fingertips-hand", "front", []routine.Mark{mk("sweep", "from=nipple", "to=chin", "hand=fingertips", "side=left")}},
		{"press", "side", []routine.Mark{mk("press", "at=areola")}},
		{"sweep", "side", []routine.Mark{mk("sweep", "from=breast", "to=armpit", "hand=flat-palm")}},
		{"glide", "side", []routine.Mark{mk("glide", "from=breast", "to=armpit")}},
		{"icons", "side", []routine.Mark{mk("press", "at=areola"), mk("timer"), mk("warm")}},
		{"zone", "front", []routine.Mark{mk("zone", "at=lump", "side=right", "label=1")}},
		{"zone", "closeup", []routine.Mark{mk("zone", "at=lump")}},
		{"warm", "front", []routine.Mark{mk("warm")}},
		{"warm-at", "front", []routine.Mark{mk("warm", "at=breast")}},
		{"warm-at", "closeup", []routine.Mark{mk("warm", "at=breast")}},
		{"cold", "front", []routine.Mark{mk("cold")}},
		{"cold-at", "front", []routine.Mark{mk("cold", "at=breast")}},
		{"cold-at", "closeup", []routine.Mark{mk("cold", "at=breast")}},
		{"oil", "front", []routine.Mark{mk("oil")}},
		{"breathe", "front", []routine.Mark{mk("breathe")}},
		{"timer", "front", []routine.Mark{mk("timer")}},
		{"sit", "front", []routine.Mark{mk("sit")}},
		{"talk", "front", []routine.Mark{mk("talk")}},
		{"icons-four", "front", []routine.Mark{mk("sit"), mk("warm"), mk("oil"), mk("timer")}},
		{"icons-four", "closeup", []routine.Mark{mk("talk"), mk("cold"), mk("breathe"), mk("timer")}},
		{"breathe", "closeup", []routine.Mark{mk("breathe")}},
		{"express", "front", []routine.Mark{mk("express", "at=areola", "side=left")}},
		{"express-both", "front", []routine.Mark{mk("express", "at=areola")}},
		{"express", "closeup", []routine.Mark{mk("express", "at=areola")}},
		{"feed", "front", []routine.Mark{mk("feed", "side=right")}},
		{"feed-left", "front", []routine.Mark{mk("feed", "side=left")}},
		{"feed", "closeup", []routine.Mark{mk("feed")}},
		{"pump", "front", []routine.Mark{mk("pump", "side=left")}},
		{"pump", "closeup", []routine.Mark{mk("pump")}},
	}
	out := make([]illCase, 0, len(cs))
	for _, x := range cs {
		for i := range x.m {
			if err := x.m[i].Validate(); err != nil {
				panic(fmt.Sprintf("case %s: %v", x.name, err))
			}
		}
		out = append(out, illCase{
			Name: "mark-" + x.name + "-" + x.view,
			Il:   routine.Illustration{View: x.view, Description: x.name, Marks: x.m},
		})
	}
	return out
}

// routineCases is every step of every built-in routine.
func routineCases(t testing.TB) []illCase {
	t.Helper()
	rs, err := routine.LoadDir(careprint.Files, "templates/routines")
	if err != nil {
		t.Fatalf("load built-in routines: %v", err)
	}
	var out []illCase
	for _, r := range rs {
		for _, s := range r.Steps {
			out = append(out, illCase{Name: "routine-" + r.ID + "-" + s.ID, Il: s.Illustration})
		}
	}
	return out
}

// allCases is every mark case, then every routine step.
func allCases(t testing.TB) []illCase {
	return append(markCases(), routineCases(t)...)
}

// record draws il alone into a square page of side mm.
func record(t testing.TB, il routine.Illustration, side float64, col illustrate.Colors) *draw.Page {
	t.Helper()
	pg := draw.NewPage(side, side)
	bg := &draw.Path{}
	pg.Path(bg.MoveTo(0, 0).LineTo(side, 0).LineTo(side, side).LineTo(0, side).Close(), draw.Filled(col.Paper))
	if err := illustrate.Draw(pg, il, 0, 0, side, side, col); err != nil {
		t.Fatalf("draw: %v", err)
	}
	return pg
}

// builtinFonts loads the built-in font set once per test.
func builtinFonts(t testing.TB) *fonts.Set {
	t.Helper()
	fs, err := fonts.Builtin(careprint.Files)
	if err != nil {
		t.Fatalf("fonts: %v", err)
	}
	return fs
}

// render draws il at px×px pixels.
func render(t testing.TB, fs *fonts.Set, il routine.Illustration, px int, col illustrate.Colors) image.Image {
	t.Helper()
	img, err := raster.Render(record(t, il, 100, col), px, px, fs)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return img
}
