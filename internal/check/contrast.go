package check

import (
	"fmt"
	"math"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
)

// minContrast is WCAG 2.x level AA's contrast ratio for normal text.
const minContrast = 4.5

// contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func contrast(a, b draw.Color) float64 { return a.Contrast(b) }

// checkColors warns about each pair of a clinic's colours that careprint
// prints as text on a background below 4.5:1: the primary and accent colours
// on white paper and on the card background (the primary mixed 95% toward
// white), white step numbers on the primary, and the tinted boxes the
// layout puts text on: the accent heading of the warning box (accent mixed
// 92% toward white) and the primary timing badges (primary mixed 85%, the
// darker of the card's and the handout's).
func checkColors(c config.Colors) []Issue {
	primary, accent := draw.Hex(c.Primary), draw.Hex(c.Accent)
	card := primary.Mix(draw.White(), 0.95)
	warnBox, badge := accent.Mix(draw.White(), 0.92), primary.Mix(draw.White(), 0.85)
	pairs := []struct {
		what   string
		fg, bg draw.Color
	}{
		{"primary " + c.Primary + " on white paper", primary, draw.White()},
		{"accent " + c.Accent + " on white paper", accent, draw.White()},
		{"primary " + c.Primary + " on the card background " + hex(card), primary, card},
		{"accent " + c.Accent + " on the card background " + hex(card), accent, card},
		{"white step numbers on primary " + c.Primary, draw.White(), primary},
		{"accent " + c.Accent + " on the warning box " + hex(warnBox), accent, warnBox},
		{"primary " + c.Primary + " on the timing badge " + hex(badge), primary, badge},
	}
	var out []Issue
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < minContrast {
			out = append(out, Issue{Where: "colors", Message: fmt.Sprintf("%s: contrast %.2f:1, want %g:1 or more: use a darker colour", p.what, math.Floor(r*100)/100, minContrast)})
		}
	}
	return out
}

// hex formats c as #RRGGBB.
func hex(c draw.Color) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }
