package chart

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"slices"
)

// encodePNG writes img as a PNG. An opaque *image.RGBA, which is what
// vgimg draws, is written as 8-bit RGB with every row filtered by the Sub
// filter and compressed by rowDeflater; any other image goes through
// image/png.
//
// Why not image/png for charts too: with any compression level it picks a
// filter for each row by trying all five (None, Sub, Up, Average, Paeth) and
// keeping the one whose bytes sum smallest, which costs more than drawing
// the chart. On a chart (long runs of one colour along a row) Sub alone
// compresses within a few per cent of the adaptive choice, at a third of
// the time (docs/PERFORMANCE.md has the figures). Why not compress/flate:
// at its best speed it still hashes every position of the 3.5 MB of a
// chart's rows and makes Huffman codes for every 64 KB of them, twice the
// time rowDeflater takes for files 9% smaller (see rowDeflater).
//
// References: PNG (Third Edition), W3C Recommendation 2025, §§ 5, 7, 9.
func encodePNG(w io.Writer, img image.Image) error {
	var e pngEncoder
	return e.encode(w, img)
}

// A pngEncoder is encodePNG keeping its buffers from one image to the
// next: the filtered row and rowDeflater's. It is not for concurrent use.
type pngEncoder struct {
	row []byte
	zw  rowDeflater
}

// encode is encodePNG with e's buffers. A *bytes.Buffer is written to
// directly (and cut back to where it was if the image is not opaque after
// all); another writer gets the PNG in one write.
func (e *pngEncoder) encode(w io.Writer, img image.Image) error {
	if rgba, ok := img.(*image.RGBA); ok {
		buf, direct := w.(*bytes.Buffer)
		if !direct {
			buf = new(bytes.Buffer)
		}
		start := buf.Len()
		ok, err := e.encodeOpaque(buf, rgba)
		if err != nil || ok {
			if err == nil && !direct {
				_, err = w.Write(buf.Bytes())
			}
			return err
		}
		buf.Truncate(start)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

// encodeOpaque writes img as 8-bit RGB with the Sub filter, if every pixel
// is opaque; it reports whether it was, having written something unusable
// to w when it was not. The opacity is found in the pass that filters
// the rows (the alpha bytes of all pixels ANDed together, with no branch
// per pixel), and a row the same as the one above it is not filtered again
// (its filtered bytes are the same; a chart has many such rows, of
// background and vertical lines), and rowDeflater is told so.
func (e *pngEncoder) encodeOpaque(w io.Writer, rgba *image.RGBA) (bool, error) {
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
	zw := &e.zw
	zw.reset(idat, 1+3*width)
	// A row is the filter byte and 3 bytes a pixel; two bytes more let
	// every pair of pixels be stored as an 8-byte word, its last two bytes
	// overwritten by the next pair (or left out of the row).
	row := slices.Grow(e.row[:0], 1+3*width+2)[:1+3*width+2]
	e.row = row
	row[0] = 1 // filter type Sub: each byte less the same byte of the pixel to its left
	all := ^uint64(0)
	var above []byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := rgba.Pix[rgba.PixOffset(b.Min.X, y):][:4*width]
		same := above != nil && bytes.Equal(pix, above)
		if !same {
			all &= subRow(row[1:], pix)
		}
		above = pix
		if err := zw.writeRow(row[:1+3*width], same); err != nil {
			return false, err
		}
	}
	if all>>24&0xff != 0xff || all>>56 != 0xff {
		return false, nil
	}
	if err := zw.close(); err != nil {
		return false, err
	}
	idat.flush()
	writeChunk(bw, "IEND", nil)
	return true, bw.Flush()
}

// subRow writes the Sub-filtered RGB bytes of the RGBA pixels pix into out,
// which has room for two bytes more, and returns the AND of pix's 8-byte
// words (its pixels taken in pairs, the last one twice when their number
// is odd): the alpha bytes of the pixels are its bytes 3 and 7. Pixels go
// two at a time as one 64-bit word, each less the pixel to its left
// (0 before the first) byte by byte.
func subRow(out, pix []byte) uint64 {
	n := len(pix) / 4
	all := ^uint64(0)
	var left uint64 // the pixel to the left, R, G, B, A from the low byte
	x := 0
	for ; x+1 < n; x += 2 {
		v := binary.LittleEndian.Uint64(pix[4*x:])
		d := subBytes64(v, v<<32|left)
		binary.LittleEndian.PutUint64(out[3*x:], d&0xffffff|d>>8&0xffffff000000)
		all &= v
		left = v >> 32
	}
	if x < n {
		p := binary.LittleEndian.Uint32(pix[4*x:])
		binary.LittleEndian.PutUint32(out[3*x:], subBytes(p, uint32(left)))
		all &= uint64(p) | uint64(p)<<32
	}
	return all
}

// subBytes64 is subBytes on eight bytes.
func subBytes64(a, b uint64) uint64 {
	const high = 0x8080808080808080
	return ((a | high) - (b &^ high)) ^ ((a ^ ^b) & high)
}

// subBytes returns a − b byte by byte, modulo 256 in each byte, with no
// borrow from one byte into the next: the high bit of each byte of a is set
// and that of b cleared so that no byte's difference borrows, and the high
// bits are then corrected (Warren, Hacker's Delight, 2nd ed., § 2-18).
func subBytes(a, b uint32) uint32 {
	const high = 0x80808080
	return ((a | high) - (b &^ high)) ^ ((a ^ ^b) & high)
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
