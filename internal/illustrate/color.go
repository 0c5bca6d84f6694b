package illustrate

import (
	"github.com/careprint/careprint/internal/draw"
)

// minMarkContrast is the least contrast ratio (WCAG 2, 1 to 21) between the
// marks and the paper. 4.5 keeps a pale brand colour readable when a clinic
// prints in black and white.
const minMarkContrast = 4.5

// contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func contrast(a, b draw.Color) float64 { return a.Contrast(b) }

// markColor is the colour marks are drawn in: the brand colour, blended
// toward ink just enough to reach minMarkContrast against the paper, so a
// pale brand colour still prints as a clear gray.
func markColor(brand, paper, ink draw.Color) draw.Color {
	for i := 0; i <= 20; i++ {
		c := brand.Mix(ink, float64(i)/20)
		if contrast(c, paper) >= minMarkContrast {
			return c
		}
	}
	return ink
}
