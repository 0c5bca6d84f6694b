package illustrate_test

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/fonts"
	"github.com/careprint/careprint/internal/illustrate"
)

var gallery = flag.String("gallery", "", "write every illustration as PNG into this `dir`, to look at")

// Gallery sizes: the handout picture is 35 mm wide, looked at here at
// galleryDPI; a card picture is about cardPx pixels wide.
const (
	galleryCellMM = 35.0
	galleryDPI    = 150.0
	cardPx        = 560
	sheetCols     = 4
	sheetRows     = 4
)

// TestGallery writes every mark case and every built-in routine step as a
// card-size PNG, and contact sheets at handout size (in colour and in
// gray), so a person can look at them:
//
//	go test ./internal/illustrate -run TestGallery -gallery /tmp/gallery
func TestGallery(t *testing.T) {
	if *gallery == "" {
		t.Skip("pass -gallery DIR to write the pictures")
	}
	fs := builtinFonts(t)
	col := testColors()
	cases := allCases(t)
	if err := os.MkdirAll(filepath.Join(*gallery, "card"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		writePNG(t, filepath.Join(*gallery, "card", c.Name+".png"), render(t, fs, c.Il, cardPx, col))
	}
	per := sheetCols * sheetRows
	for i := 0; i*per < len(cases); i++ {
		end := min((i+1)*per, len(cases))
		img := contactSheet(t, fs, cases[i*per:end], col)
		writePNG(t, filepath.Join(*gallery, fmt.Sprintf("sheet-%02d.png", i+1)), img)
		writePNG(t, filepath.Join(*gallery, fmt.Sprintf("sheet-%02d-gray.png", i+1)), toGray(img))
	}
	t.Logf("wrote %d illustrations to %s", len(cases), *gallery)
}

// contactSheet lays cases out in a grid of handout-size cells, each with its
// name below, and renders it at galleryDPI.
func contactSheet(t *testing.T, fs *fonts.Set, cases []illCase, col illustrate.Colors) image.Image {
	t.Helper()
	cellW, cellH := galleryCellMM+6, galleryCellMM+9
	rows := (len(cases) + sheetCols - 1) / sheetCols
	pg := draw.NewPage(cellW*sheetCols, cellH*float64(rows))
	pg.Path(draw.RoundRect(0, 0, pg.W, pg.H, 0), draw.Filled(draw.White()))
	for i, c := range cases {
		x := float64(i%sheetCols)*cellW + 3
		y := float64(i/sheetCols)*cellH + 2
		if err := illustrate.Draw(pg, c.Il, x, y, galleryCellMM, galleryCellMM, col); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		pg.Path(draw.RoundRect(x, y, galleryCellMM, galleryCellMM, 0), draw.Style{Stroke: &draw.Color{R: 200, G: 200, B: 200}, Width: 0.2})
		pg.Text(x, y+galleryCellMM+4, 6, draw.Black(), draw.Run{Font: fonts.Regular, Text: c.Name})
	}
	px := int(pg.W / 25.4 * galleryDPI)
	img, err := raster.Render(pg, px, int(pg.H/pg.W*float64(px)), fs)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// toGray converts img to gray with the luma weights a black-and-white
// printer uses.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := raster.EncodePNG(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
