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
	if !ok || !opaque(rgba) {
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
	// A row is the filter byte and 3 bytes a pixel; one byte more lets
	// every pixel be stored as a 4-byte word, its fourth byte overwritten
	// by the next pixel (or left out of the row).
	row := make([]byte, 1+3*width+1)
	row[0] = 1 // filter type Sub: each byte less the same byte of the pixel to its left
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := rgba.Pix[rgba.PixOffset(b.Min.X, y):][:4*width]
		out := row[1:]
		var left uint32 // the pixel to the left, R, G, B, A from the low byte; 0 before the first
		for x := range width {
			p := binary.LittleEndian.Uint32(pix[4*x:])
			binary.LittleEndian.PutUint32(out[3*x:], subBytes(p, left))
			left = p
		}
		if _, err := zw.Write(row[:1+3*width]); err != nil {
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

// subBytes returns a − b byte by byte, modulo 256 in each byte, with no
// borrow from one byte into the next: the high bit of each byte of a is set
// and that of b cleared so that no byte's difference borrows, and the high
// bits are then corrected (Warren, Hacker's Delight, 2nd ed., § 2-18).
func subBytes(a, b uint32) uint32 {
	const high = 0x80808080
	return ((a | high) - (b &^ high)) ^ ((a ^ ^b) & high)
}

// opaque reports whether every pixel of img has full alpha: the alpha
// bytes of all pixels ANDed together, a word at a time, without a branch
// per pixel.
func opaque(img *image.RGBA) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	all := uint32(0xffffffff)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := img.Pix[img.PixOffset(b.Min.X, y):][:4*b.Dx()]
		for len(pix) >= 4 {
			all &= binary.LittleEndian.Uint32(pix)
			pix = pix[4:]
		}
	}
	return all>>24 == 0xff
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
