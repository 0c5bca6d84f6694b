package illustrate

import (
	"testing"

	"github.com/careprint/careprint/internal/draw"
)

func TestMarkColor(t *testing.T) {
	ink := draw.Hex("#1F262B")
	tests := []struct {
		name         string
		brand, paper string
		same         bool // a brand dark enough is kept as it is
	}{
		{"dark teal on white", "#0F6E66", "#FFFFFF", true},
		{"dark teal on its card tint", "#0F6E66", "#F3F8F7", true},
		{"rust on white", "#B4462C", "#FFFFFF", true},
		{"yellow on white", "#F2C300", "#FFFFFF", false},
		{"mint on white", "#9ED9CC", "#FFFFFF", false},
		{"white on white", "#FFFFFF", "#FFFFFF", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			brand, paper := draw.Hex(tt.brand), draw.Hex(tt.paper)
			got := markColor(brand, paper, ink)
			if r := contrast(got, paper); r < minMarkContrast {
				t.Errorf("contrast %.2f, want at least %.1f", r, minMarkContrast)
			}
			if (got == brand) != tt.same {
				t.Errorf("markColor = %v, brand %v: kept = %v, want %v", got, brand, got == brand, tt.same)
			}
		})
	}
}

func TestContrast(t *testing.T) {
	if r := contrast(draw.Black(), draw.White()); r < 20.9 || r > 21.1 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	if r := contrast(draw.White(), draw.White()); r != 1 {
		t.Errorf("white on white: %.2f, want 1", r)
	}
}
