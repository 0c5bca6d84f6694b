package check

import (
	"math"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#FFFFFF", 21},
		{"#FFFFFF", "#000000", 21},
		{"#FFFFFF", "#FFFFFF", 1},
		{"#777777", "#FFFFFF", 4.48}, // the classic just-failing grey
		{"#767676", "#FFFFFF", 4.54}, // the lightest grey that passes
		{"#FFFF00", "#FFFFFF", 1.07},
		{"#0F6E66", "#FFFFFF", 6.10}, // the default primary
	}
	for _, tt := range tests {
		got := contrast(draw.Hex(tt.a), draw.Hex(tt.b))
		if math.Abs(got-tt.want) > 0.005 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCheckColors(t *testing.T) {
	tests := []struct {
		name          string
		primary       string
		accent        string
		wantN         int
		wantFirst     string // prefix of the first warning
		wantNoneAbout string // no warning mentions this
	}{
		{name: "defaults pass", primary: "#0F6E66", accent: "#B4462C"},
		{name: "black passes", primary: "#000000", accent: "#000000"},
		{
			name: "yellow primary", primary: "#FFFF00", accent: "#B4462C", wantN: 4,
			wantFirst:     "colors: primary #FFFF00 on white paper: contrast 1.07:1, want 4.5:1 or more",
			wantNoneAbout: "accent",
		},
		{
			name: "light accent", primary: "#0F6E66", accent: "#FF8888", wantN: 3,
			wantFirst:     "colors: accent #FF8888 on white paper: contrast 2.",
			wantNoneAbout: "primary",
		},
		{
			// a mid grey fails on white and behind white step numbers
			name: "mid grey", primary: "#888888", accent: "#000000", wantN: 4,
			wantFirst: "colors: primary #888888 on white paper: contrast 3.54:1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			issues := checkColors(config.Colors{Primary: tt.primary, Accent: tt.accent})
			if len(issues) != tt.wantN {
				t.Fatalf("got %d warnings, want %d: %v", len(issues), tt.wantN, issues)
			}
			if tt.wantN > 0 && !strings.HasPrefix(issues[0].String(), tt.wantFirst) {
				t.Errorf("first warning %q, want it to start with %q", issues[0], tt.wantFirst)
			}
			for _, i := range issues {
				if tt.wantNoneAbout != "" && strings.Contains(i.Message, tt.wantNoneAbout) {
					t.Errorf("unexpected warning %q", i)
				}
			}
		})
	}
}
