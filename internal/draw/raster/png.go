package raster

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"

	"github.com/klauspost/compress/flate"
)

// EncodePNG writes img as a PNG. Opaque RGBA images (all careprint draws)
// are written with a palette: every colour when there are at most 256,
// else the 256 that keep the image closest to the original (see
// palettize; TestCardsWithinTolerance bounds the difference), 8-bit
// indices, rows unfiltered (runs of one index compress best as they are),
// deflated with klauspost/compress at its fastest level (about twice as
// fast as compress/flate's, for the same size). One byte a pixel
// instead of three: a third of the data to compress and to store (see
// bench/RESULTS.md). Others go to image/png.
func EncodePNG(w io.Writer, img image.Image) error {
	var e encoder
	return e.encode(w, img, nil)
}

// EncodePNG writes img as a PNG, as the function EncodePNG does, reusing
// the Renderer's buffers. When img is the canvas Render returned, as
// Render left it, only the pixels drawn over the background are read.
func (r *Renderer) EncodePNG(w io.Writer, img image.Image) error {
	return r.enc.encode(w, img, r.cv)
}

// encoder keeps the buffers of one PNG for the next.
type encoder struct {
	pal  palettizer
	zw   *flate.Writer
	idat []byte
}

// encode writes img; cv, if not nil, is the canvas img may be (see
// palettize).
func (e *encoder) encode(w io.Writer, img image.Image, cv *canvas) error {
	rgba, ok := img.(*image.RGBA)
	var pal []uint32
	if ok {
		pal, ok = e.pal.palettize(rgba, cv)
	}
	if !ok {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	bw := bufio.NewWriter(w)
	width, height := rgba.Bounds().Dx(), rgba.Bounds().Dy()
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits per index, paletted
	if err := chunk(bw, "IHDR", ihdr); err != nil {
		return err
	}
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		plte = append(plte, byte(c>>16), byte(c>>8), byte(c))
	}
	if err := chunk(bw, "PLTE", plte); err != nil {
		return err
	}
	if e.idat == nil {
		e.idat = make([]byte, 0, 64<<10)
	}
	idat := &chunkWriter{w: bw, kind: "IDAT", buf: e.idat[:0]}
	// a zlib stream: header (deflate, 32 KiB window, fastest), the
	// deflated rows, their Adler-32 (writeRows counts it from the runs:
	// zlib's writer would read every byte again for it)
	if _, err := idat.Write([]byte{0x78, 0x01}); err != nil {
		return err
	}
	if e.zw == nil {
		zw, err := flate.NewWriter(idat, flate.BestSpeed)
		if err != nil {
			return err
		}
		e.zw = zw
	} else {
		e.zw.Reset(idat)
	}
	adler, err := e.pal.writeRows(e.zw)
	if err != nil {
		return err
	}
	if err := e.zw.Close(); err != nil {
		return err
	}
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler)
	if _, err := idat.Write(sum[:]); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	if err := chunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// chunk writes one PNG chunk: length, type, data, CRC.
func chunk(w io.Writer, kind string, data []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	for _, part := range [][]byte{n[:], []byte(kind), data} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	_, err := w.Write(n[:])
	return err
}

// chunkWriter buffers compressed data into chunks of up to 64 KiB.
type chunkWriter struct {
	w    io.Writer
	kind string
	buf  []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(cap(c.buf)-len(c.buf), len(p))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == cap(c.buf) {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := chunk(c.w, c.kind, c.buf)
	c.buf = c.buf[:0]
	return err
}
