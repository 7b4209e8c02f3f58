package chart

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
)

// encodePNG writes img as a PNG. An opaque *image.RGBA, which is what
// vgimg draws, is written as 8-bit RGB with every row filtered by the Sub
// filter and compressed at zlib's best speed; any other image goes through
// image/png.
//
// Why not image/png for charts too: with any compression level it picks a
// filter for each row by trying all five (None, Sub, Up, Average, Paeth) and
// keeping the one whose bytes sum smallest, which costs more than drawing
// the chart. On a chart (long runs of one colour along a row) Sub alone
// compresses within a few per cent of the adaptive choice, at a third of
// the time (docs/PERFORMANCE.md has the figures).
//
// References: PNG (Third Edition), W3C Recommendation 2025, §§ 5, 7, 9.
func encodePNG(w io.Writer, img image.Image) error {
	rgba, ok := img.(*image.RGBA)
	if !ok || !rgba.Opaque() {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(w, img)
	}
	b := rgba.Bounds()
	width, height := b.Dx(), b.Dy()
	bw := bufio.NewWriter(w)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = 2 // colour type: RGB; compression, filter method and interlace are 0
	writeChunk(bw, "IHDR", ihdr[:])

	idat := &chunkWriter{w: bw, typ: "IDAT"}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+3*width)
	row[0] = 1 // filter type Sub: each byte less the same byte of the pixel to its left
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := rgba.Pix[rgba.PixOffset(b.Min.X, y):][:4*width]
		out := row[1:]
		var lr, lg, lb byte // the pixel to the left; 0 before the first
		for i, j := 0, 0; i+3 < len(pix) && j+2 < len(out); i, j = i+4, j+3 {
			r, g, b := pix[i], pix[i+1], pix[i+2]
			out[j], out[j+1], out[j+2] = r-lr, g-lg, b-lb
			lr, lg, lb = r, g, b
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	idat.flush()
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// chunkWriter cuts what is written to it into chunks of one type, of at
// most 64 KiB each.
type chunkWriter struct {
	w   *bufio.Writer
	typ string
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 1<<16-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<16 {
			c.flush()
		}
	}
	return n, nil
}

// flush writes what is buffered as a chunk.
func (c *chunkWriter) flush() {
	if len(c.buf) > 0 {
		writeChunk(c.w, c.typ, c.buf)
		c.buf = c.buf[:0]
	}
}

// writeChunk writes one chunk: length, type, data and the CRC-32 of type
// and data. Write errors are sticky in w and reported by its Flush.
func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	w.WriteString(typ)
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
