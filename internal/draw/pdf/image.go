package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image/color"
	"image/png"
	"sync"
)

// Images keeps the PNG images of a run decoded and compressed as PDF
// image streams, so a logo printed on every handout is decoded once:
// fpdf inflated it, split out its alpha and deflated both planes again
// for every document (7% of a handout's CPU). Safe for concurrent use;
// the build holds one for its workers. The zero value is ready.
type Images struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]*pngImage
}

// pngImage is one PNG as PDF image streams: RGB samples and, when not
// opaque, the alpha plane as a soft mask, both deflated.
type pngImage struct {
	w, h       int
	rgb, alpha []byte
}

func (c *Images) get(data []byte, z *deflater) (*pngImage, error) {
	key := sha256.Sum256(data)
	if c != nil {
		c.mu.Lock()
		im, ok := c.m[key]
		c.mu.Unlock()
		if ok {
			return im, nil
		}
	}
	im, err := decodePNG(data, z)
	if err != nil {
		return nil, err
	}
	if c != nil {
		c.mu.Lock()
		if c.m == nil {
			c.m = map[[sha256.Size]byte]*pngImage{}
		}
		c.m[key] = im
		c.mu.Unlock()
	}
	return im, nil
}

func decodePNG(data []byte, z *deflater) (*pngImage, error) {
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	rgb := make([]byte, 0, 3*w*h)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 255
		}
	}
	im := &pngImage{w: w, h: h}
	if im.rgb, err = z.deflate(rgb); err != nil {
		return nil, err
	}
	im.rgb = bytes.Clone(im.rgb)
	if !opaque {
		if im.alpha, err = z.deflate(alpha); err != nil {
			return nil, err
		}
		im.alpha = bytes.Clone(im.alpha)
	}
	return im, nil
}

// docImage is a PNG drawn in the document, written by the post-pass.
type docImage struct {
	name string // resource name, without the slash
	im   *pngImage
}
