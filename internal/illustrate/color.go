package illustrate

import (
	"math"

	"github.com/careprint/careprint/internal/draw"
)

// minMarkContrast is the least contrast ratio (WCAG 2, 1 to 21) between the
// marks and the paper. 4.5 keeps a pale brand colour readable when a clinic
// prints in black and white.
const minMarkContrast = 4.5

// luminance is c's relative luminance (WCAG 2): 0 for black, 1 for white.
func luminance(c draw.Color) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func contrast(a, b draw.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

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
