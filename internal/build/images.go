package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // logos and pictures may be JPEG
	"image/png"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/inputfs"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/publish"
	"github.com/careprint/careprint/internal/yamlx"
)

// Image limits, checked from the file's header before it is decoded.
const (
	MaxImageSide   = 10000      // px on either side
	MaxImagePixels = 40_000_000 // px in all
)

// loadImage reads a clinic's PNG or JPEG (what names its use in errors;
// pos is where the config names it). An image the PDF and PNG backends
// cannot take as it is (16-bit or interlaced PNG, CMYK JPEG) is
// converted to an 8-bit PNG here, once; one too large is refused before
// it is decoded.
func loadImage(local fs.FS, cl *config.Clinic, pos yamlx.Pos, what, file string) (*layout.Logo, error) {
	var data []byte
	var err error
	if filepath.IsAbs(file) {
		data, err = inputfs.ReadFile(file, inputfs.MaxImage)
	} else {
		data, err = fs.ReadFile(local, path.Clean(file))
	}
	if err != nil {
		return nil, yamlx.Errorf(pos, "clinic %q: %s %q: %v: check the path (it is relative to the config file)", cl.ID, what, file, unwrapPath(err))
	}
	refuse := func(format string, args ...any) error {
		return yamlx.Errorf(pos, "clinic %q: %s %q %s", cl.ID, what, file, fmt.Sprintf(format, args...))
	}
	cfgImg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, refuse("is not a PNG or JPEG image")
	}
	w, h := cfgImg.Width, cfgImg.Height
	if w < 1 || h < 1 || w > MaxImageSide || h > MaxImageSide || w*h > MaxImagePixels {
		return nil, refuse("is %d×%d pixels: the limit is %d on a side and %d megapixels; make it smaller", w, h, MaxImageSide, MaxImagePixels/1_000_000)
	}
	if needsConversion(data, format, cfgImg.ColorModel) {
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, refuse("cannot be read: %v", err)
		}
		nrgba := image.NewNRGBA(img.Bounds())
		draw.Draw(nrgba, nrgba.Bounds(), img, img.Bounds().Min, draw.Src)
		var buf bytes.Buffer
		if err := png.Encode(&buf, nrgba); err != nil {
			return nil, refuse("cannot be converted: %v", err)
		}
		data, format = buf.Bytes(), "png"
	}
	if format == "jpeg" {
		format = "jpg"
	}
	// the name tells two pictures apart that share a file name in
	// different folders: a backend keeps one image per name
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(file)), path.Ext(file))
	return &layout.Logo{
		Name:   what + "-" + cl.ID + "-" + base + "-" + publish.Sum(data)[:12],
		Data:   data,
		Format: format,
		W:      w,
		H:      h,
	}, nil
}

// needsConversion reports whether an image is one the backends cannot
// embed as it is: a PNG of 16 bits a channel or interlaced, or a CMYK
// JPEG.
func needsConversion(data []byte, format string, model color.Model) bool {
	if format == "jpeg" {
		return model == color.CMYKModel
	}
	// the IHDR chunk: 8 bytes of signature, length and type, then width,
	// height, bit depth, colour type, compression, filter, interlace
	if len(data) < 29 || string(data[12:16]) != "IHDR" || binary.BigEndian.Uint32(data[8:12]) != 13 {
		return true
	}
	depth, interlace := data[24], data[28]
	return depth == 16 || interlace != 0
}
