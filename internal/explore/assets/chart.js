// chart.js — the explorer's line charts, drawn as SVG text from the model's
// series. Plain JavaScript, no library: a chart is a frame with round
// ticks, bands (filled between two series), lines and dashed reference
// lines labelled in the right margin, and a hover line moved without
// redrawing the rest.
"use strict";

const Chart = (() => {
  // The Okabe–Ito palette of the PNG charts (internal/chart/style.go).
  const palette = {
    blue: "#0072b2", vermillion: "#d55e00", bluishGreen: "#009e73",
    reddishPurple: "#cc79a7", orange: "#e69f00", skyBlue: "#56b4e9", black: "#000000",
  };
  const subjectColors = { US: palette.blue, ROK: palette.vermillion, DPRK: palette.black, CHN: palette.reddishPurple, JPN: palette.bluishGreen };
  const subjectColor = (s) => subjectColors[s] || palette.blue;

  // niceStep returns a round step (1, 2 or 5 times a power of ten) giving
  // about n intervals over span.
  function niceStep(span, n) {
    const raw = span / n;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  // ticks returns round values covering lo..hi, and the covered range.
  function ticks(lo, hi, n) {
    if (!(hi > lo)) {
      const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
      lo -= d; hi += d;
    }
    const step = niceStep(hi - lo, n);
    const first = Math.floor(lo / step + 1e-9) * step, last = Math.ceil(hi / step - 1e-9) * step;
    const out = [];
    for (let v = first; v <= last + step * 1e-6; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return { values: out, lo: first, hi: last, step };
  }

  // number formats v with d decimals and thousands separators; the
  // formatters are made once (toLocaleString makes one per call, slowly).
  const formatters = [];
  function number(v, d) {
    if (!formatters[d]) formatters[d] = new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
    return formatters[d].format(v);
  }

  function fmt(v, step) {
    return number(v, step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step))));
  }

  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  // render draws spec into el, spec.width pixels wide:
  //   years: [y0, ...]; unit: string
  //   bands: [{lo: [...], hi: [...], color, opacity}]
  //   lines: [{values, color, width, dash, opacity, label}]
  //   refs:  [{values | value, label}]
  // and returns the geometry the hover line needs.
  function render(el, spec) {
    // The width is the caller's (read once for all charts: reading it
    // here, after the previous chart was written, would force a layout).
    const W = Math.max(240, Math.round(spec.width || 320)), H = spec.height || 190;
    const m = { l: 46, r: 74, t: 8, b: 24 }; // the same on every chart, so their years line up
    const years = spec.years, n = years.length;
    let lo = Infinity, hi = -Infinity;
    const see = (v) => { if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } };
    for (const l of spec.lines) l.values.forEach(see);
    for (const b of spec.bands || []) { b.lo.forEach(see); b.hi.forEach(see); }
    for (const r of spec.refs || []) (r.values || [r.value]).forEach(see);
    if (spec.zero && lo > 0) lo = 0;
    const ty = ticks(lo, hi, 4);
    const x = (t) => m.l + (W - m.l - m.r) * (n > 1 ? t / (n - 1) : 0.5);
    const y = (v) => m.t + (H - m.t - m.b) * (1 - (v - ty.lo) / (ty.hi - ty.lo));
    // Array.from, not map: a Float64Array's map would make numbers of the strings.
    const pts = (vals) => Array.from(vals, (v, t) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    // The data's geometry, which a slider move changes ...
    const bandPts = (spec.bands || []).map((b) => pts(b.hi) + " " + Array.from(b.lo, (v, t) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).reverse().join(" "));
    const refVals = (spec.refs || []).map((r) => r.values || years.map(() => r.value));
    const refPts = refVals.map(pts);
    const labels = (spec.refs || []).map((r, i) => ({ y: y(refVals[i][n - 1]), text: r.label, i }));
    // Margin labels of the reference lines, pushed apart so none overlap.
    labels.sort((a, b) => a.y - b.y);
    for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 11);
    const linePts = spec.lines.map((l) => pts(l.values));
    // ... and the frame around it, which mostly stays: when it does, only
    // the points and label heights are rewritten, not the whole drawing.
    const xs = ticks(years[0], years[n - 1], Math.max(2, Math.floor((W - m.l - m.r) / 70)));
    const frame = JSON.stringify([W, H, years[0], n, ty.values, spec.label,
      (spec.bands || []).map((b) => [b.color, b.opacity]), labels.map((l) => l.text),
      spec.lines.map((l) => [l.color, l.width, l.dash, l.opacity, l.label])]);
    if (el.chartFrame === frame) {
      const p = el.chartParts;
      bandPts.forEach((v, i) => p.bands[i].setAttribute("points", v));
      refPts.forEach((v, i) => p.refs[i].setAttribute("points", v));
      labels.forEach((l, i) => p.labels[i].setAttribute("y", l.y.toFixed(1)));
      linePts.forEach((v, i) => p.lines[i].setAttribute("points", v));
      return el.chartGeometry;
    }
    const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(spec.label || "")}">`];
    for (const v of ty.values) {
      const yy = y(v).toFixed(1);
      parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`,
        `<text x="${m.l - 5}" y="${yy}" dy="0.32em" text-anchor="end" class="tick">${fmt(v, ty.step)}</text>`);
    }
    for (const yr of xs.values) {
      if (yr < years[0] || yr > years[n - 1] || yr !== Math.round(yr)) continue;
      const xx = x(yr - years[0]).toFixed(1);
      parts.push(`<line x1="${xx}" x2="${xx}" y1="${H - m.b}" y2="${H - m.b + 4}" stroke="#222"/>`,
        `<text x="${xx}" y="${H - 6}" text-anchor="middle" class="tick">${yr}</text>`);
    }
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#222"/>`);
    (spec.bands || []).forEach((b, i) => parts.push(`<polygon class="band" points="${bandPts[i]}" fill="${b.color}" fill-opacity="${b.opacity}" stroke="none"/>`));
    refPts.forEach((v) => parts.push(`<polyline class="refline" points="${v}" fill="none" stroke="#666" stroke-width="1" stroke-dasharray="5 4"/>`));
    spec.lines.forEach((l, i) => {
      parts.push(`<polyline class="line" points="${linePts[i]}" fill="none" stroke="${l.color}" stroke-width="${l.width || 2}"` +
        (l.dash ? ` stroke-dasharray="${l.dash}"` : "") + (l.opacity != null ? ` stroke-opacity="${l.opacity}"` : "") +
        ` stroke-linejoin="round"><title>${esc(l.label || "")}</title></polyline>`);
    });
    for (const lb of labels) parts.push(`<text class="ref" x="${W - m.r + 4}" y="${lb.y.toFixed(1)}" dy="0.32em">${esc(lb.text)}</text>`);
    parts.push(`<line class="hover" x1="0" x2="0" y1="${m.t}" y2="${H - m.b}" stroke="#333" stroke-width="1" visibility="hidden"/>`);
    parts.push(`<rect class="hit" x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="transparent"/>`);
    parts.push("</svg>");
    el.innerHTML = parts.join("");
    el.chartFrame = frame;
    el.chartParts = {
      bands: Array.from(el.querySelectorAll("polygon.band")), refs: Array.from(el.querySelectorAll("polyline.refline")),
      labels: Array.from(el.querySelectorAll("text.ref")), lines: Array.from(el.querySelectorAll("polyline.line")),
    };
    const geo = { x0: x(0), x1: x(n - 1), year0: years[0], n };
    el.chartGeometry = geo;
    return geo;
  }

  // yearAt returns the year under client x in el's chart, or null.
  function yearAt(el, clientX) {
    const g = el.chartGeometry, svg = el.querySelector("svg");
    if (!g || !svg) return null;
    const px = clientX - svg.getBoundingClientRect().left;
    const t = Math.round(g.n > 1 ? (px - g.x0) / (g.x1 - g.x0) * (g.n - 1) : 0);
    return t < 0 || t >= g.n ? null : g.year0 + t;
  }

  // showYear moves el's hover line to year (null hides it).
  function showYear(el, year) {
    const g = el.chartGeometry, line = el.querySelector("line.hover");
    if (!g || !line) return;
    if (year == null) { line.setAttribute("visibility", "hidden"); return; }
    const t = year - g.year0, xx = g.n > 1 ? g.x0 + (g.x1 - g.x0) * t / (g.n - 1) : g.x0;
    line.setAttribute("x1", xx); line.setAttribute("x2", xx); line.setAttribute("visibility", "visible");
  }

  return { render, yearAt, showYear, palette, subjectColor, ticks, number };
})();
