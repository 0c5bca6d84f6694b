package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image/color"
	"image/png"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// Shared is what the documents of a run share. It keeps the PNG images
// decoded and compressed as PDF image streams, so a logo printed on every
// handout is decoded once (fpdf inflated it, split out its alpha and
// deflated both planes again for every document: 7% of a handout's CPU),
// and idle compressors, each about a megabyte to set up. Safe for
// concurrent use; the build holds one for its workers. The zero value is
// ready.
type Shared struct {
	mu   sync.Mutex
	m    map[[sha256.Size]byte]*pngImage
	idle []*deflater // compressors, one a worker at most in use
}

// deflater returns an idle compressor, or a new one. (A sync.Pool would
// drop them at every other collection, which a build makes often.)
func (c *Shared) deflater() *deflater {
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if n := len(c.idle); n > 0 {
			d := c.idle[n-1]
			c.idle = c.idle[:n-1]
			return d
		}
	}
	return &deflater{}
}

// done takes back a compressor: as many are kept as documents were
// written at once.
func (c *Shared) done(d *deflater) {
	if c != nil {
		c.mu.Lock()
		c.idle = append(c.idle, d)
		c.mu.Unlock()
	}
}

// pngImage is one PNG as PDF image streams: RGB samples and, when not
// opaque, the alpha plane as a soft mask, both deflated.
type pngImage struct {
	w, h       int
	rgb, alpha []byte
}

func (c *Shared) get(data []byte) (*pngImage, error) {
	key := sha256.Sum256(data)
	if c != nil {
		c.mu.Lock()
		im, ok := c.m[key]
		c.mu.Unlock()
		if ok {
			return im, nil
		}
	}
	im, err := decodePNG(data)
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

func decodePNG(data []byte) (*pngImage, error) {
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
	// once per run, so it pays to compress hard: rows filtered as PNG
	// does (the reader undoes it: /Predictor 15), at zlib's best level
	if im.rgb, err = filterDeflate(rgb, w, 3); err != nil {
		return nil, err
	}
	if !opaque {
		if im.alpha, err = filterDeflate(alpha, w, 1); err != nil {
			return nil, err
		}
	}
	return im, nil
}

// filterDeflate deflates samples (rows of w pixels of n bytes) as PNG
// does: each row filtered and preceded by its filter's byte. It tries
// every filter for all rows and the per-row choice of the smallest sum
// of absolute differences, and keeps the smallest result (flat logos
// compress best unfiltered, photographs filtered).
func filterDeflate(samples []byte, w, n int) ([]byte, error) {
	stride := w * n
	rows := len(samples) / stride
	filtered := make([][]byte, 6) // filters 0-4 for every row; 5 adaptive
	for i := range filtered {
		filtered[i] = make([]byte, 0, rows*(stride+1))
	}
	prev := make([]byte, stride)
	c := make([]byte, stride)
	for y := range rows {
		cur := samples[y*stride : (y+1)*stride]
		best, bestSum := 0, -1
		for f := range 5 {
			sum := 0
			for i := range cur {
				var a, b, ul byte
				if i >= n {
					a, ul = cur[i-n], prev[i-n]
				}
				b = prev[i]
				switch f {
				case 0:
					c[i] = cur[i]
				case 1:
					c[i] = cur[i] - a
				case 2:
					c[i] = cur[i] - b
				case 3:
					c[i] = cur[i] - byte((int(a)+int(b))/2)
				case 4:
					c[i] = cur[i] - paeth(a, b, ul)
				}
				sum += min(int(c[i]), 256-int(c[i]))
			}
			filtered[f] = append(append(filtered[f], byte(f)), c...)
			if bestSum < 0 || sum < bestSum {
				best, bestSum = f, sum
			}
		}
		filtered[5] = append(filtered[5], filtered[best][len(filtered[best])-stride-1:]...)
		prev = cur
	}
	var smallest []byte
	for _, f := range filtered {
		var b bytes.Buffer
		zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(f); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		if smallest == nil || b.Len() < len(smallest) {
			smallest = b.Bytes()
		}
	}
	return smallest, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// docImage is a PNG drawn in the document, written by the post-pass.
type docImage struct {
	name string // resource name, without the slash
	im   *pngImage
}
