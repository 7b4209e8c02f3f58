// qr.js — a small QR code encoder (ISO/IEC 18004) for the join address on
// the teacher's page: byte mode, error correction level M (15% of the
// symbol may be damaged), versions 1 to 10 (up to 213 bytes, far more than
// a join address), drawn as SVG. The mask is the one of least penalty, as
// the standard chooses it; a test checks the modules against symbols made
// by another encoder (cmd/simulate/testdata/qr/).
"use strict";

const QR = (() => {
  // Level M's blocks per version: [EC codewords per block, [blocks, data codewords per block]...].
  const blocksM = [null,
    [10, [1, 16]], [16, [1, 28]], [26, [1, 44]], [18, [2, 32]], [24, [2, 43]],
    [16, [4, 27]], [18, [4, 31]], [22, [2, 38], [2, 39]], [22, [3, 36], [2, 37]], [26, [4, 43], [1, 44]]];
  const alignment = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];
  const levelBitsM = 0; // the format information's two bits for level M
  const maxVersion = 10;

  const dataCodewords = (v) => blocksM[v].slice(1).reduce((n, [b, d]) => n + b * d, 0);

  // gfMul multiplies in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1.
  function gfMul(x, y) {
    let z = 0;
    for (let i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z & 0xff;
  }
  // rsDivisor is the generator polynomial of degree n (leading 1 left out).
  function rsDivisor(n) {
    const out = new Array(n).fill(0);
    out[n - 1] = 1;
    let root = 1;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        out[j] = gfMul(out[j], root);
        if (j + 1 < n) out[j] ^= out[j + 1];
      }
      root = gfMul(root, 2);
    }
    return out;
  }
  function rsRemainder(data, divisor) {
    const out = new Array(divisor.length).fill(0);
    for (const b of data) {
      const f = b ^ out.shift();
      out.push(0);
      divisor.forEach((d, i) => { out[i] ^= gfMul(d, f); });
    }
    return out;
  }

  // codewords are the symbol's data and error correction codewords, interleaved.
  function codewords(bytes, v) {
    const bits = [];
    const put = (val, n) => { for (let i = n - 1; i >= 0; i--) bits.push((val >>> i) & 1); };
    put(0b0100, 4); // byte mode
    put(bytes.length, v < 10 ? 8 : 16);
    for (const b of bytes) put(b, 8);
    const capacity = dataCodewords(v) * 8;
    put(0, Math.min(4, capacity - bits.length)); // terminator
    while (bits.length % 8) bits.push(0);
    const data = [];
    for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
    for (let pad = 0xec; data.length < capacity / 8; pad ^= 0xec ^ 0x11) data.push(pad);
    const [ecLen, ...groups] = blocksM[v];
    const divisor = rsDivisor(ecLen);
    const blocks = [];
    let k = 0;
    for (const [n, len] of groups) {
      for (let i = 0; i < n; i++) {
        const d = data.slice(k, k + len);
        k += len;
        blocks.push({ d, ec: rsRemainder(d, divisor) });
      }
    }
    const out = [];
    const longest = Math.max(...blocks.map((b) => b.d.length));
    for (let i = 0; i < longest; i++) for (const b of blocks) if (i < b.d.length) out.push(b.d[i]);
    for (let i = 0; i < ecLen; i++) for (const b of blocks) out.push(b.ec[i]);
    return out;
  }

  const maskFns = [
    (x, y) => (x + y) % 2 === 0, (x, y) => y % 2 === 0, (x, y) => x % 3 === 0, (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0, (x, y) => (x * y) % 2 + (x * y) % 3 === 0,
    (x, y) => ((x * y) % 2 + (x * y) % 3) % 2 === 0, (x, y) => ((x + y) % 2 + (x * y) % 3) % 2 === 0,
  ];

  // symbol draws version v with mask m: rows of booleans (true: dark).
  function symbol(words, v, m) {
    const size = 17 + 4 * v;
    const dark = Array.from({ length: size }, () => new Array(size).fill(false));
    const fixed = Array.from({ length: size }, () => new Array(size).fill(false));
    const set = (x, y, d) => { dark[y][x] = d; fixed[y][x] = true; };
    for (let i = 0; i < size; i++) { set(6, i, i % 2 === 0); set(i, 6, i % 2 === 0); }
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
      for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx, y = cy + dy, dist = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, dist !== 2 && dist !== 4);
      }
    }
    const al = alignment[v], last = al.length - 1;
    for (let i = 0; i <= last; i++) for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(al[i] + dx, al[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
    // Format information: level and mask, BCH-coded, twice.
    const fdata = (levelBitsM << 3) | m;
    let rem = fdata;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const fbits = ((fdata << 10) | rem) ^ 0x5412;
    const bit = (b, i) => ((b >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i++) set(8, i, bit(fbits, i));
    set(8, 7, bit(fbits, 6)); set(8, 8, bit(fbits, 7)); set(7, 8, bit(fbits, 8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(fbits, i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(fbits, i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(fbits, i));
    set(8, size - 8, true);
    // Version information, from version 7.
    if (v >= 7) {
      let r = v;
      for (let i = 0; i < 12; i++) r = (r << 1) ^ ((r >>> 11) * 0x1f25);
      const vbits = (v << 12) | r;
      for (let i = 0; i < 18; i++) {
        const a = size - 11 + (i % 3), b = Math.floor(i / 3);
        set(a, b, bit(vbits, i)); set(b, a, bit(vbits, i));
      }
    }
    // The codewords, in two-module columns from the right, up and down.
    let i = 0;
    const n = words.length * 8;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j, up = ((right + 1) & 2) === 0, y = up ? size - 1 - vert : vert;
          if (fixed[y][x]) continue;
          const d = i < n && ((words[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
          i++;
          dark[y][x] = d !== maskFns[m](x, y);
        }
      }
    }
    return dark;
  }

  // penalty scores a symbol as the standard does, to choose its mask.
  function penalty(d) {
    const size = d.length;
    let p = 0;
    const lines = [];
    for (let y = 0; y < size; y++) lines.push(d[y]);
    for (let x = 0; x < size; x++) lines.push(d.map((row) => row[x]));
    const finderA = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], finderB = finderA.slice().reverse();
    for (const line of lines) {
      // Runs of five or more modules of one colour.
      let run = 1;
      for (let i = 1; i <= size; i++) {
        if (i < size && line[i] === line[i - 1]) { run++; continue; }
        if (run >= 5) p += run - 2;
        run = 1;
      }
      // Patterns like a finder's, with four light modules on one side.
      for (let i = 0; i + 11 <= size; i++) {
        const at = (pat) => pat.every((b, k) => line[i + k] === (b === 1));
        if (at(finderA) || at(finderB)) p += 40;
      }
    }
    // Two-by-two blocks of one colour.
    for (let y = 0; y + 1 < size; y++) for (let x = 0; x + 1 < size; x++) {
      const c = d[y][x];
      if (d[y][x + 1] === c && d[y + 1][x] === c && d[y + 1][x + 1] === c) p += 3;
    }
    // The share of dark modules, away from half.
    const darkCount = d.reduce((n, row) => n + row.filter(Boolean).length, 0);
    p += 10 * Math.floor(Math.abs(darkCount * 100 / (size * size) - 50) / 5);
    return p;
  }

  // encode returns the symbol of text (UTF-8), with the least-penalty mask
  // unless mask is given: {version, mask, modules}.
  function encode(text, mask = -1) {
    const bytes = Array.from(new TextEncoder().encode(text));
    let v = 1;
    while (v <= maxVersion && 4 + (v < 10 ? 8 : 16) + 8 * bytes.length > dataCodewords(v) * 8) v++;
    if (v > maxVersion) throw new Error(`${bytes.length} bytes are more than a version ${maxVersion} symbol holds`);
    const words = codewords(bytes, v);
    if (mask >= 0) return { version: v, mask, modules: symbol(words, v, mask) };
    let best = null;
    for (let m = 0; m < 8; m++) {
      const modules = symbol(words, v, m), p = penalty(modules);
      if (!best || p < best.p) best = { version: v, mask: m, modules, p };
    }
    return { version: best.version, mask: best.mask, modules: best.modules };
  }

  // svg draws a symbol with its four-module quiet zone, px pixels wide.
  function svg(modules, px) {
    const n = modules.length + 8;
    let path = "";
    modules.forEach((row, y) => row.forEach((d, x) => { if (d) path += `M${x + 4},${y + 4}h1v1h-1z`; }));
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges" role="img"><rect width="${n}" height="${n}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  }

  return { encode, svg };
})();
