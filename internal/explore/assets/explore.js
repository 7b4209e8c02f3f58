// explore.js — the explorer page: it unpacks the model (WebAssembly,
// gzipped and base64-encoded in the page), builds the levers from the
// model's schema, and on every change asks the model to write the changes
// as a scenario file extending the loaded one, load it with the loader the
// command line uses, and run it; then it redraws the charts and the table.
"use strict";

const explorer = (() => {
  const { $, el } = dom;
  const P = Chart.palette;
  const pinColors = [P.vermillion, P.bluishGreen, P.reddishPurple];
  const pinDashes = ["7 4", "2 3", "9 3 2 3"];
  const maxPins = 3;

  let M = null;         // the model's functions (globalThis.simulateModel)
  // A page a server sent: the host gives the model (the server's) and, on
  // a team's page, which levers the team owns ("actors.ROK" owns the keys
  // under it, "events kind=K" adding events of kind K, "investments
  // from=ROK" packages from ROK). See internal/serve/web.
  const host = globalThis.explorerHost || null;
  const owns = (what) => !host || !host.owns || host.owns(what);
  let schema = null;    // api.Schema
  let data = null;      // {files, open, menu}
  const st = {
    base: "",           // the loaded scenario's file
    baseRun: null,      // its reference run
    run: null,          // the run with the page's changes
    levers: [],         // every lever: {key, emit()}, emit giving its settings
    packages: [],       // packages added on the page
    events: [],         // events added on the page
    pins: [],           // {label, run}
    chosen: "defense_share",
    chosenSubject: "",  // one subject of the chosen indicator, or "" for all
    year: null,         // the year of the table and the hover line
    uncertainty: false,
    bands: null,        // api.Bands of the latest ensemble
    timings: null,      // while timeRedraw measures: {apply: [ms], draw: [ms]}
  };

  // ---- model calls -------------------------------------------------------

  // call runs one of the model's functions and decodes its JSON answer.
  // It gives a Promise: the WebAssembly model answers at once (the promise
  // is resolved when call returns), a server's model when its reply comes,
  // and the page never waits for it.
  async function call(name, ...args) {
    return JSON.parse(await M[name](...args));
  }

  function request() {
    const set = [];
    for (const l of st.levers) for (const s of l.emit()) set.push(s);
    const investments = st.packages.filter((p) => p.on).map((p) => {
      const inv = { name: p.name, from: p.from, to: p.to, sector: p.sector, total_usd_bn: p.total, start_year: p.start, note: p.note() };
      if (p.end) inv.end_year = p.end;
      if (p.cap) inv.annual_cap_usd_bn = p.cap;
      return inv;
    });
    const events = st.events.map((e) => {
      const ev = { year: e.year, kind: e.kind, severity: e.severity, note: "added in simulate explore" };
      if (e.actor) ev.actor = e.actor;
      return ev;
    });
    return { base: st.base, set, investments, events };
  }

  // ---- numbers -----------------------------------------------------------

  const pathAt = (p, y) => {
    if (!p || !p.years.length) return NaN;
    const n = p.years.length;
    if (y <= p.years[0]) return p.values[0];
    if (y >= p.years[n - 1]) return p.values[n - 1];
    for (let i = 1; i < n; i++) {
      if (y <= p.years[i]) {
        const y0 = p.years[i - 1], y1 = p.years[i];
        return p.values[i - 1] + (p.values[i] - p.values[i - 1]) * (y - y0) / (y1 - y0);
      }
    }
    return p.values[n - 1];
  };
  // lastPoint is a path's target: its last point, a constant's value at the end.
  const lastPoint = (p, end) => {
    const n = p.years.length;
    return p.years[n - 1] === 0 ? { year: end, value: p.values[0] } : { year: p.years[n - 1], value: p.values[n - 1] };
  };
  // decimals of a step, to round slider values to what the step can reach.
  const decimals = (step) => Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
  const round = (v, step) => +(+v).toFixed(decimals(step));
  const fmt = (v, d = 2) => Number.isFinite(v) ? Chart.number(v, d) : "–";

  function input(table, key) { return schema.inputs.find((i) => i.table === table && i.key === key); }

  // ---- levers ------------------------------------------------------------

  let nextId = 0;

  // slider makes a labelled range input with a number box beside it. The
  // slider spans view (a convenient part of what the loader accepts); the
  // box takes any number, which the loader then checks against range.
  function slider({ label, unit, range, view, step, value, title, onchange, key }) {
    const id = "lever-" + nextId++;
    const box = el("input", { type: "number", min: range[0], max: range[1], step, value, "aria-label": `${label} (${unit})` });
    const r = el("input", { type: "range", id, min: view[0], max: view[1], step, value, "aria-valuetext": `${value} ${unit}` });
    const set = (v, committed) => {
      r.value = v; box.value = v;
      r.setAttribute("aria-valuetext", `${v} ${unit}`);
      onchange(+v, committed);
    };
    // A slider's value is min + n × step in floating point; rounded to the
    // step's decimals it is what a person would type (0.3, not 0.30000000000000004).
    r.addEventListener("input", () => set(round(r.value, step), false));
    r.addEventListener("change", () => set(round(r.value, step), true));
    box.addEventListener("change", () => { if (box.value !== "") set(box.value, true); });
    const row = el("div", { class: "lever", title: title || null, "data-key": key || null },
      el("label", { for: id, text: label }), r, box, el("span", { class: "unit", text: unit }));
    return row;
  }

  // pathLever is a target value and its year, or the model's rule, for a
  // path key. start is the value in the start year, kept (it is the record).
  // With anchor false (a path the scenario leaves to the model's rule), the
  // path set is the target alone, flat over the horizon.
  function pathLever(parent, { label, key, inp, base, start, ruleAllowed, ruleKey, ruleNote, view, step, sc, anchor = true }) {
    if (!owns(key)) return;
    const initial = base ? lastPoint(base, sc.end_year) : { year: sc.end_year, value: start };
    const lv = { key, mode: base ? "path" : "rule", target: round(initial.value, step), year: Math.max(initial.year, sc.start_year + 1) };
    const init = { ...lv };
    const modeSel = el("select", { "aria-label": `${label}: a path or the model's rule` },
      el("option", { value: "path", text: "path to a target" }),
      el("option", { value: "rule", text: "the model's rule", disabled: !ruleAllowed }));
    if (!ruleAllowed) modeSel.title = ruleNote;
    modeSel.value = lv.mode;
    const value = slider({ label: "target", key, unit: inp.unit, range: [inp.lo, inp.hi], view, step, value: lv.target,
      title: `${key}: ${inp.lo} to ${inp.hi} ${inp.unit}`, onchange: (v, c) => { lv.target = v; if (lv.mode === "rule") { lv.mode = "path"; modeSel.value = "path"; showMode(); } changed(c); } });
    const year = slider({ label: "by", unit: "year", range: [sc.start_year + 1, sc.end_year], view: [sc.start_year + 1, sc.end_year], step: 1, value: lv.year,
      onchange: (v, c) => { lv.year = Math.round(v); changed(c); } });
    const fs = el("fieldset", { class: "path", "data-mode": lv.mode }, el("legend", { text: label }), modeSel, value, year);
    const showMode = () => { fs.dataset.mode = lv.mode; };
    modeSel.addEventListener("change", () => { lv.mode = modeSel.value; showMode(); changed(true); });
    parent.append(fs);
    lv.emit = () => {
      if (lv.mode === init.mode && (lv.mode === "rule" || (lv.target === init.target && lv.year === init.year))) return [];
      if (lv.mode === "rule") return ruleKey ? [{ key: ruleKey, value: start, note: `the decision rule from the loaded scenario's ${sc.start_year} value` }] : [];
      if (!anchor) return [{ key, path: { [lv.year]: lv.target } }];
      return [{ key, path: { [sc.start_year]: start, [lv.year]: lv.target }, note: `${lv.year}: set in simulate explore; ${sc.start_year}: the loaded scenario's value` }];
    };
    st.levers.push(lv);
  }

  // valueLever sets a key to one number.
  function valueLever(parent, { label, key, unit, range, view, step, value, title }) {
    if (!owns(key)) return;
    const init = round(value, step);
    const lv = { key, value: init };
    const row = slider({ label, key, unit, range, view, step, value: init, title, onchange: (v, c) => { lv.value = v; changed(c); } });
    parent.append(row);
    lv.emit = () => (lv.value === init ? [] : [{ key, value: lv.value }]);
    st.levers.push(lv);
  }

  function buildLevers(sc) {
    st.levers = []; st.packages = []; st.events = [];
    const root = $("#levers");
    root.replaceChildren();
    const dp = input("actors", "defense_pct"), gr = input("actors", "gdp_growth_pct");
    // Actors.
    const actors = el("details", { open: true }, el("summary", { text: "Actors: defense share and growth" }));
    for (const code of schema.actors) {
      const path = (key) => sc.inputs[`actors.${code}.${key}`].path, num = (key) => sc.inputs[`actors.${code}.${key}`].value;
      const a = { defense_pct: path("defense_pct"), initial_defense_pct: num("initial_defense_pct"), gdp_growth_pct: path("gdp_growth_pct") };
      const box = el("div", { class: "actor" }, el("h3", { text: code }));
      const start = a.defense_pct ? pathAt(a.defense_pct, sc.start_year) : a.initial_defense_pct;
      pathLever(box, {
        label: "defense share", key: `actors.${code}.defense_pct`, inp: dp, base: a.defense_pct, start, sc,
        ruleAllowed: true, ruleKey: a.defense_pct ? `actors.${code}.initial_defense_pct` : null,
        view: [0, Math.min(dp.hi, Math.max(10, Math.ceil(start * 2)))], step: 0.05,
      });
      const g0 = pathAt(a.gdp_growth_pct, sc.start_year);
      valueLever(box, { label: "growth", key: `actors.${code}.gdp_growth_pct`, unit: gr.unit, range: [gr.lo, gr.hi],
        view: [Math.max(gr.lo, -5), Math.min(gr.hi, 10)], step: 0.05, value: g0, title: "real GDP growth, constant over the horizon" });
      actors.append(box);
    }
    root.append(actors);
    // Alliance.
    const al = el("details", { open: true }, el("summary", { text: "Alliance" }));
    const cm = input("alliance", "us_commitment_pct"), hns = input("alliance", "host_nation_support_krw_tn");
    const cBase = sc.inputs["alliance.us_commitment_pct"].path;
    pathLever(al, {
      label: "US commitment", key: "alliance.us_commitment_pct", inp: cm, base: cBase, sc,
      start: cBase ? pathAt(cBase, sc.start_year) : schema.full_commitment,
      ruleAllowed: !cBase, ruleNote: "the loaded scenario sets a path, and a file that extends it cannot unset it",
      view: [cm.lo, cm.hi], step: 1,
    });
    const hBase = sc.inputs["alliance.host_nation_support_krw_tn"].path, hStart = sc.inputs["alliance.hns_start_krw_tn"].value;
    pathLever(al, {
      label: "host-nation support", key: "alliance.host_nation_support_krw_tn", inp: hns, base: hBase, sc,
      start: hBase ? pathAt(hBase, sc.start_year) : hStart,
      ruleAllowed: !hBase, ruleNote: "the loaded scenario sets a path, and a file that extends it cannot unset it",
      view: [hns.lo, Math.min(hns.hi, Math.max(5, Math.ceil(3 * (hStart || 1))))], step: 0.01,
    });
    root.append(al);
    buildPackages(root, sc);
    buildEvents(root, sc);
    buildInputs(root, sc);
    buildParams(root, sc);
    if (host && host.owns) {
      // A team's page: drop the groups left without a lever of the team's.
      for (const box of root.querySelectorAll(".actor, details")) if (!box.querySelector(".lever, .add")) box.remove();
      if (!st.levers.length && !root.querySelector(".add")) root.append(el("p", { class: "fixed", text: "your role owns no lever of this scenario" }));
    }
  }

  // The keys above have levers of their own.
  const ownLevers = ["defense_pct", "initial_defense_pct", "gdp_growth_pct", "us_commitment_pct", "host_nation_support_krw_tn"];

  // viewOf is the part of a key's range a slider spans: all of it, or,
  // for ranges far wider than any real value (GDP up to 10⁶ USD bn), up to
  // twice the scenario's value.
  function viewOf(inp, v) {
    const lo = inp.lo < 0 ? Math.max(inp.lo, -Math.max(10, 2 * Math.abs(v))) : inp.lo;
    const hi = Math.min(inp.hi, Math.max(lo + 1, v > 0 ? 2 * v : 10));
    return [lo, hi];
  }
  const stepOf = (view) => Math.pow(10, Math.floor(Math.log10((view[1] - view[0]) / 200)));

  // buildInputs makes a lever for every other key the loader reads under
  // [actors.ACTOR], [alliance] and [region], from the schema: a key the
  // loader learns appears here without a change to the page.
  function buildInputs(root, sc) {
    const box = el("details", { class: "inputs" }, el("summary", { text: "More inputs: start values and paths" }));
    const one = (parent, inp, key, label) => {
      const cur = sc.inputs[key];
      if (!cur) return;
      if (!inp.path) {
        const view = viewOf(inp, cur.value), step = stepOf(view);
        valueLever(parent, { label, key, unit: inp.unit, range: [inp.lo, inp.hi], view, step, value: cur.value, title: `${key}: ${inp.lo} to ${inp.hi} ${inp.unit}` });
        return;
      }
      const start = cur.path ? pathAt(cur.path, sc.start_year) : NaN;
      const view = viewOf(inp, cur.path ? Math.max(...cur.path.values) : (inp.lo + inp.hi) / 2), step = stepOf(view);
      pathLever(parent, {
        label, key, inp, base: cur.path, sc, view, step, anchor: !!cur.path,
        start: cur.path ? start : round((view[0] + view[1]) / 2, step),
        ruleAllowed: !cur.path, ruleNote: "the loaded scenario sets a path, and a file that extends it cannot unset it",
      });
    };
    for (const code of schema.actors) {
      const sub = el("div", { class: "actor" }, el("h3", { text: code }));
      for (const inp of schema.inputs) {
        if (inp.table === "actors" && !ownLevers.includes(inp.key) && inp.actors.includes(code)) one(sub, inp, `actors.${code}.${inp.key}`, inp.key);
      }
      box.append(sub);
    }
    const rest = el("div", { class: "actor" }, el("h3", { text: "alliance and region" }));
    for (const inp of schema.inputs) {
      if (inp.table !== "actors" && !ownLevers.includes(inp.key)) one(rest, inp, `${inp.table}.${inp.key}`, inp.key);
    }
    box.append(rest);
    root.append(box);
  }

  // Investment packages: the loaded scenario's, which a file extending it
  // keeps, and packages added here from those of the bundled scenarios.
  function buildPackages(root, sc) {
    const box = el("details", { open: true }, el("summary", { text: "Investment packages" }));
    const list = el("div");
    for (const inv of sc.investments) {
      list.append(el("p", { class: "fixed", text: `${inv.name}: ${fmt(inv.total_usd_bn, 0)} USD bn, ${inv.from} → ${inv.to}, from ${inv.start_year}` + (inv.end_year ? ` to ${inv.end_year}` : "") + (inv.annual_cap_usd_bn ? `, at most ${inv.annual_cap_usd_bn} USD bn a year` : "") + " (in the loaded scenario)" }));
    }
    const added = el("div");
    const sel = el("select", { "aria-label": "a package to add" });
    const offered = data.packages.filter((t) => owns(`investments from=${t.from}`));
    for (const t of offered) sel.append(el("option", { value: data.packages.indexOf(t), text: `${t.name} (${t.from_file})` }));
    const addBtn = el("button", { type: "button", text: "Add package", onclick: () => addPackage(added, sc, data.packages[+sel.value]) });
    box.append(list, added, el("div", { class: "add" }, sel, addBtn));
    if (!offered.length) { addBtn.disabled = true; if (host && host.owns) box.lastChild.remove(); }
    root.append(box);
  }

  function addPackage(parent, sc, t) {
    const p = { on: true, name: t.name, from: t.from, to: t.to, sector: t.sector, total: t.total_usd_bn,
      start: Math.max(t.start_year, sc.start_year), end: t.end_year ? Math.min(Math.max(t.end_year, sc.start_year), sc.end_year) : 0, cap: t.annual_cap_usd_bn || 0 };
    p.note = () => {
      const same = p.total === t.total_usd_bn && p.start === t.start_year && p.end === (t.end_year || 0) && p.cap === (t.annual_cap_usd_bn || 0);
      return same ? `as in ${t.from_file}` : `from ${t.from_file}, changed in simulate explore (there: ${t.total_usd_bn} USD bn from ${t.start_year}` + (t.end_year ? ` to ${t.end_year}` : "") + (t.annual_cap_usd_bn ? `, cap ${t.annual_cap_usd_bn}` : "") + ")";
    };
    st.packages.push(p);
    const on = el("input", { type: "checkbox", checked: true, id: "lever-" + nextId++ });
    on.addEventListener("change", () => { p.on = on.checked; changed(true); });
    const fs = el("fieldset", { class: "package" }, el("legend", {}, on, el("label", { for: on.id, text: ` ${p.name}` })));
    fs.append(
      slider({ label: "size", unit: "USD bn", range: [0.01, 1e6], view: [0, Math.max(50, Math.ceil(2 * t.total_usd_bn))], step: 1, value: p.total, onchange: (v, c) => { p.total = v; changed(c); } }),
      slider({ label: "from", unit: "year", range: [sc.start_year, sc.end_year], view: [sc.start_year, sc.end_year], step: 1, value: p.start, onchange: (v, c) => { p.start = Math.round(v); changed(c); } }),
      slider({ label: "to", unit: "year (0: none)", range: [0, sc.end_year + 20], view: [0, sc.end_year], step: 1, value: p.end, onchange: (v, c) => { p.end = Math.round(v); changed(c); } }),
      slider({ label: "cap", unit: "USD bn/yr (0: none)", range: [0, 1e6], view: [0, Math.max(40, Math.ceil(2 * (t.annual_cap_usd_bn || 20)))], step: 1, value: p.cap, onchange: (v, c) => { p.cap = v; changed(c); } }),
      el("button", { type: "button", text: "Remove", onclick: () => { st.packages.splice(st.packages.indexOf(p), 1); fs.remove(); changed(true); } }));
    parent.append(fs);
    changed(true);
  }

  // Events: the loaded scenario's, which stay, and events added here.
  function buildEvents(root, sc) {
    const box = el("details", { open: true }, el("summary", { text: "Events" }));
    for (const e of sc.events) box.append(el("p", { class: "fixed", text: `${e.year}: ${e.kind.replaceAll("_", " ")}${e.actor ? " in " + e.actor : ""}, severity ${e.severity} (in the loaded scenario)` }));
    const added = el("div");
    const sel = el("select", { "aria-label": "an event to add" });
    const kinds = schema.event_kinds.filter((k) => owns(`events kind=${k.name}`));
    for (const k of kinds) sel.append(el("option", { value: k.name, text: k.name.replaceAll("_", " ") }));
    if (kinds.length) box.append(added, el("div", { class: "add" }, sel, el("button", { type: "button", text: "Add event", onclick: () => addEvent(added, sc, sel.value) })));
    root.append(box);
  }

  function addEvent(parent, sc, kind) {
    const k = schema.event_kinds.find((x) => x.name === kind);
    const e = { kind, year: Math.min(sc.end_year, sc.start_year + 2), severity: 0.5, actor: k.needs_actor ? "ROK" : "" };
    st.events.push(e);
    const fs = el("fieldset", { class: "event" }, el("legend", { text: kind.replaceAll("_", " ") }));
    if (k.needs_actor) {
      const a = el("select", { "aria-label": "the actor in crisis" });
      for (const c of schema.actors) a.append(el("option", { value: c, text: c }));
      a.value = e.actor;
      a.addEventListener("change", () => { e.actor = a.value; changed(true); });
      fs.append(el("div", { class: "lever" }, el("span", { text: "actor" }), a));
    }
    fs.append(
      slider({ label: "year", unit: "year", range: [sc.start_year + 1, sc.end_year], view: [sc.start_year + 1, sc.end_year], step: 1, value: e.year, onchange: (v, c) => { e.year = Math.round(v); changed(c); } }),
      slider({ label: "severity", unit: "0–1", range: [0, 1], view: [0, 1], step: 0.05, value: e.severity, onchange: (v, c) => { e.severity = v; changed(c); } }),
      el("button", { type: "button", text: "Remove", onclick: () => { st.events.splice(st.events.indexOf(e), 1); fs.remove(); changed(true); } }));
    parent.append(fs);
    changed(true);
  }

  // Coefficients, grouped as the registry groups them, each within its
  // plausible range, with its unit, source and meaning on hover.
  function buildParams(root, sc) {
    const groups = new Map();
    for (const p of schema.params) {
      if (!groups.has(p.group)) groups.set(p.group, []);
      groups.get(p.group).push(p);
    }
    for (const [group, ps] of groups) {
      const box = el("details", { class: "params" }, el("summary", { text: `Coefficients: ${group}` }));
      for (const p of ps) {
        const unit = p.unit === "1" ? "" : p.unit;
        const who = p.per_actor ? schema.actors.map((c, a) => ({ c, a })) : [{ c: "", a: 0 }];
        for (const { c, a } of who) {
          const lo = p.low[a], hi = p.high[a];
          if (!(hi > lo)) continue; // fixed for this actor (no range to explore)
          const step = +(niceParamStep(hi - lo)).toPrecision(1);
          valueLever(box, {
            label: c ? `${p.key} (${c})` : p.key, key: c ? `params.${c}.${p.key}` : `params.${p.key}`,
            unit, range: [lo, hi], view: [lo, hi], step, value: sc.params[p.key][a],
            title: `${p.doc}. Unit: ${p.unit}. Plausible range ${lo} to ${hi}. Source: ${p.source}`,
          });
        }
      }
      root.append(box);
    }
  }
  const niceParamStep = (span) => Math.pow(10, Math.floor(Math.log10(span / 100)));

  // ---- running -----------------------------------------------------------

  // changed is called on every lever event. A committed change (a slider
  // released, a box or menu changed) is run at once; the input events of a
  // moving slider, which can come several to a frame, are run once a frame.
  let framePending = false, committedPending = false, previewTimer = 0;
  function changed(committed) {
    committedPending = committedPending || committed;
    if (host && host.previewDelay) {
      // The server runs each change: a moving slider is run when it rests.
      clearTimeout(previewTimer);
      previewTimer = setTimeout(flush, committed ? 0 : host.previewDelay);
      return;
    }
    if (committed) { flush(); return; }
    if (!framePending) { framePending = true; requestAnimationFrame(() => { if (framePending) flush(); }); }
  }

  // flush runs the page's changes and redraws. One run at a time: a
  // change made while a run is out (a server's reply still to come) waits,
  // the latest replacing any that waited before it, and runs when the run
  // out answers, whose reply, overtaken, is dropped. It gives a Promise
  // that resolves once the latest change is drawn.
  let running = null, rerun = false;
  function flush() {
    if (running) { rerun = true; return running; }
    running = (async () => {
      try {
        do { rerun = false; await runChanges(); } while (rerun);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  // settled resolves when no run of the page's changes is out or waiting.
  const settled = () => running || Promise.resolve();

  // opened counts the scenarios opened: a run asked for before the latest
  // was opened is of levers that are gone.
  let openedCount = 0;
  async function runChanges() {
    const committed = committedPending;
    framePending = false; committedPending = false;
    const t0 = performance.now(), mine = openedCount;
    // The values come back in a buffer of the loaded run's size, not as JSON.
    const ny = st.baseRun.years.length, buf = new Float64Array(st.baseRun.series.length * ny);
    const r = await call("apply", JSON.stringify(request()), new Uint8Array(buf.buffer));
    if (rerun || mine !== openedCount) { committedPending ||= committed; return; } // stale: a newer run follows
    if (!r.error) r.values = r.series.map((_, i) => buf.subarray(i * ny, (i + 1) * ny));
    const t1 = performance.now();
    if (st.timings) st.timings.apply.push(t1 - t0);
    const err = $("#error");
    if (r.error) {
      err.textContent = r.error;
      err.hidden = false;
      return;
    }
    err.hidden = true;
    st.run = r;
    showWarnings(r.warnings);
    draw();
    if (st.timings) st.timings.draw.push(performance.now() - t1);
    setText($("#changes"), r.toml && r.changed && r.changed.length ? `${r.changed.length} key${r.changed.length > 1 ? "s" : ""} changed: ${r.changed.join(", ")}` : "nothing changed: the loaded scenario");
    if (st.uncertainty) ensemble(committed ? 1000 : 100);
  }

  // setText sets an element's text if it differs (writing the same text
  // would still make the browser lay it out again).
  function setText(e, text) { if (e.textContent !== text) e.textContent = text; }

  function showWarnings(ws) {
    const w = $("#warnings");
    const key = (ws || []).join("\n");
    if (w.lastKey === key) return;
    w.lastKey = key;
    w.replaceChildren(...(ws || []).map((x) => el("li", { text: x })));
    w.hidden = !(ws && ws.length);
  }

  // ---- ensemble in a worker ----------------------------------------------

  let worker = null, busy = false, queued = null, jobId = 0;
  const ensembleTimes = [];
  function ensemble(runs) {
    if (!worker) return;
    queued = { request: JSON.stringify(request()), keys: JSON.stringify(bandKeys()), runs, id: ++jobId, base: st.base, t0: performance.now() };
    if (!busy) sendJob();
  }
  function sendJob() {
    const job = queued;
    queued = null;
    busy = true;
    worker.postMessage(job);
    worker.current = job;
  }
  function onBands(msg) {
    busy = false;
    const job = worker.current;
    const b = typeof msg.bands === "string" ? JSON.parse(msg.bands) : msg.bands;
    ensembleTimes.push({ runs: job.runs, ms: performance.now() - job.t0, model_ms: msg.ms, parts_ms: msg.parts_ms, merge_ms: msg.merge_ms });
    if (b.skipped || job.base !== st.base) { /* a newer request is queued, or another scenario is open */ }
    else if (b.error) { $("#error").textContent = b.error; $("#error").hidden = false; }
    else if (st.uncertainty) {
      st.bands = b;
      draw();
      $("#ensemble-status").textContent = `${b.runs} runs in ${Math.round(msg.ms)} ms`;
    }
    if (!st.uncertainty) $("#ensemble-status").textContent = "";
    if (queued) sendJob();
    else if (ensembleWaiters.length) ensembleWaiters.splice(0).forEach((f) => f());
  }
  // bandKeys names the series whose bands the charts and the table show,
  // in report order (the order of a part's values): every subject of the
  // indicators shown (choosing another indicator runs the ensemble again
  // for its bands).
  function bandKeys() {
    const shown = new Set(shownIndicators());
    return st.run.series.filter((s) => shown.has(s.indicator)).map((s) => `${s.indicator} ${s.subject}`);
  }
  const ensembleWaiters = [];
  // ensembleSettled resolves when no ensemble is running or queued.
  const ensembleSettled = () => new Promise((res) => (busy || queued ? ensembleWaiters.push(res) : res()));

  // workerPool starts a worker per core the browser reports (at most four)
  // and gives them the one worker's interface: a job's runs are split into
  // as many contiguous ranges, one per worker, each worker returns its
  // range's values of the series shown, and then each worker merges a
  // share of those series over all the ranges into their bands. They are
  // the bands one worker gives, to the bit: a run's random numbers depend
  // on its number alone, and each series' bands summarize its values in
  // run order as the whole ensemble does (ensemble.MergeParts).
  function workerPool(src, module, files) {
    const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
    const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
    let job = null;
    const pool = {
      current: null,
      postMessage(j) {
        job = { ...j, sent: performance.now(), keys: JSON.parse(j.keys) };
        const k = Math.max(1, Math.min(n, j.runs, job.keys.length));
        if (k === 1) { job.whole = true; ws[0].postMessage(j); return; }
        job.parts = new Array(k);
        job.left = k;
        for (let i = 0; i < k; i++) ws[i].postMessage({ ...j, part: [Math.floor(i * j.runs / k), Math.floor((i + 1) * j.runs / k)], index: i });
      },
    };
    const receive = (m) => {
      if (!job || m.id !== job.id) return; // a part of a job already answered
      if (m.bands !== undefined) {
        const b = JSON.parse(m.bands);
        if (job.whole || b.error) { finish(b, m.ms); return; }
        if (!job.bands) job.bands = b;
        else Object.assign(job.bands.series, b.series);
        job.merge_ms = Math.max(job.merge_ms || 0, m.ms);
        if (--job.left === 0) finish(job.bands, job.merge_ms);
        return;
      }
      job.parts[m.index] = new Float64Array(m.values.buffer);
      (job.parts_ms ||= [])[m.index] = m.ms;
      if (--job.left > 0) return;
      // Each part holds its runs' values series by series (each series'
      // years one after another, each over the part's runs): worker i
      // merges the series keys[s0:s1] of every part.
      const k = job.parts.length, nk = job.keys.length;
      job.left = k;
      for (let i = 0; i < k; i++) {
        const s0 = Math.floor(i * nk / k), s1 = Math.floor((i + 1) * nk / k);
        const parts = job.parts.map((p) => {
          const per = p.length / nk; // a series' values: its years × the part's runs
          return new Uint8Array(p.slice(s0 * per, s1 * per).buffer);
        });
        ws[i].postMessage({ id: job.id, request: job.request, runs: job.runs, keys: JSON.stringify(job.keys.slice(s0, s1)), parts }, parts.map((v) => v.buffer));
      }
    };
    const finish = (bands, model_ms) => {
      const done = job;
      job = null;
      onBands({ id: done.id, bands, ms: performance.now() - done.sent, parts_ms: done.parts_ms, merge_ms: done.parts_ms ? model_ms : undefined });
    };
    // A worker that fails (a browser that refuses it to a page from disk)
    // is replaced by the page's own thread, and its job run there.
    const failed = (e) => {
      e.preventDefault();
      if (worker !== pool) return;
      ws.forEach((w) => w.terminate());
      worker = inPageWorker();
      if (job && busy) { worker.current = pool.current; worker.postMessage(pool.current); }
    };
    const ws = [];
    for (let i = 0; i < n; i++) {
      const w = new Worker(url);
      w.onmessage = (e) => receive(e.data);
      w.onerror = failed;
      // Each worker runs a small ensemble of the opened scenario once it
      // has the model, while the page is idle: WebAssembly's code is
      // compiled for speed only once it has run for a while, and that
      // should not be the first toggle's wait.
      w.postMessage({ module, files, warm: JSON.stringify({ base: data.open }) });
      ws.push(w);
    }
    return pool;
  }

  // inPageWorker runs the ensemble on the page's thread, with the worker's
  // interface, skipping the quick ensembles made while a slider moves.
  function inPageWorker() {
    return {
      postMessage(job) {
        setTimeout(() => {
          if (job.runs < 1000 && queued) { onBands({ id: job.id, bands: JSON.stringify({ runs: 0, skipped: true }), ms: 0 }); return; }
          const t0 = performance.now();
          const bands = M.ensemble(job.request, job.runs);
          onBands({ id: job.id, bands, ms: performance.now() - t0 });
        }, 0);
      },
    };
  }

  // ---- drawing -----------------------------------------------------------

  function indicator(id) { return schema.indicators.find((i) => i.id === id); }
  function series(run, ind, subj) {
    const i = run.series.findIndex((s) => s.indicator === ind && s.subject === subj);
    return i < 0 ? null : run.values[i];
  }

  function shownIndicators() {
    const ids = schema.indicators.filter((i) => i.headline).map((i) => i.id);
    if (!ids.includes(st.chosen)) ids.push(st.chosen);
    return ids;
  }

  function refsFor(ind, subjects, lines) {
    const out = [];
    let lo = Infinity, hi = -Infinity;
    for (const l of lines) for (const v of l.values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    for (const r of schema.refs) {
      if (r.indicator !== ind.id) continue;
      if (r.series) {
        const [i, s] = r.series.split(" ");
        const v = series(st.run, i, s);
        if (v) out.push({ values: v, label: r.label });
        continue;
      }
      const applies = !r.subjects || subjects.some((s) => r.subjects.includes(s));
      if (applies || (lo <= r.value && r.value <= hi)) out.push({ value: r.value, label: r.label });
    }
    return out;
  }

  function draw() {
    const grid = $("#charts");
    const ids = shownIndicators();
    if (grid.dataset.ids !== ids.join(",")) {
      grid.replaceChildren(...ids.map((id) => {
        const ind = indicator(id);
        const fig = el("figure", { "data-indicator": id },
          el("figcaption", {}, el("strong", { text: id.replaceAll("_", " ") }), el("span", { class: "unit", text: ` (${ind.unit})` }), el("span", { class: "subject" })),
          el("div", { class: "plot" }));
        fig.title = ind.meaning;
        return fig;
      }));
      grid.dataset.ids = ids.join(",");
      st.widths = null;
      for (const fig of grid.children) {
        const plot = fig.querySelector(".plot");
        const tip = el("div", { class: "tip", role: "status" });
        tip.hidden = true;
        fig.append(tip);
        plot.addEventListener("mousemove", (ev) => {
          const y = Chart.yearAt(plot, ev.clientX);
          if (y == null) { tip.hidden = true; return; }
          setYear(y);
          showTip(fig, tip, y, ev);
        });
        plot.addEventListener("mouseleave", () => { tip.hidden = true; });
      }
    }
    // The charts' widths are read only when the grid changes: reading them
    // after a slider has moved would force a layout of the whole page.
    if (!st.widths || st.widths.length !== grid.children.length) st.widths = Array.from(grid.children, (fig) => fig.querySelector(".plot").clientWidth);
    const widths = st.widths;
    Array.from(grid.children).forEach((fig, i) => {
      drawChart(fig, indicator(fig.dataset.indicator), widths[i]);
      const tip = fig.querySelector(".tip");
      if (tip && !tip.hidden) tip.hidden = true; // its values were the last run's
    });
    drawLegend();
    drawTable();
  }

  // subjectsOf returns the subjects drawn for an indicator: the chosen one
  // of the chosen indicator, if one is chosen.
  function subjectsOf(ind) {
    return ind.id === st.chosen && st.chosenSubject && ind.subjects.includes(st.chosenSubject) ? [st.chosenSubject] : ind.subjects;
  }

  function drawChart(fig, ind, width) {
    const subjects = subjectsOf(ind);
    fig.querySelector(".subject").textContent = subjects.length === 1 && ind.subjects.length > 1 ? `: ${subjects[0]}` : "";
    const lines = [], bands = [];
    for (const subj of subjects) {
      const color = ind.subjects.length > 1 ? Chart.subjectColor(subj) : P.blue;
      const base = series(st.baseRun, ind.id, subj), cur = series(st.run, ind.id, subj);
      if (st.uncertainty && st.bands && st.bands.series) {
        const q = st.bands.series[`${ind.id} ${subj}`];
        if (q) {
          bands.push({ lo: q[0], hi: q[4], color, opacity: 0.14 }, { lo: q[1], hi: q[3], color, opacity: 0.28 });
          lines.push({ values: q[2], color, width: 1.25, dash: "1 3", label: `${subjects.length > 1 ? subj + ": " : ""}median of ${st.bands.runs} runs` });
        }
      }
      const who = subjects.length > 1 ? `${subj}: ` : "";
      lines.push({ values: base, color, width: 4, opacity: 0.3, label: `${who}the loaded scenario` });
      st.pins.forEach((p, k) => {
        const v = series(p.run, ind.id, subj);
        if (v) lines.push({ values: v, color: ind.subjects.length > 1 ? color : pinColors[k], width: 1.75, dash: pinDashes[k], label: who + p.label });
      });
      lines.push({ values: cur, color, width: 2, label: `${who}this run` });
    }
    fig.tipLines = lines.slice().reverse().filter((l) => l.values);
    const plot = fig.querySelector(".plot");
    Chart.render(plot, { width, years: st.run.years, lines, bands, refs: refsFor(ind, subjects, lines), label: `${ind.id} (${ind.unit})` });
    Chart.showYear(plot, st.year);
  }

  // showTip writes the values of a chart's lines in year y beside the pointer.
  function showTip(fig, tip, y, ev) {
    const t = y - st.run.years[0];
    const rows = (fig.tipLines || []).map((l) => `<div><span style="color:${l.color}">${l.dash ? "╌" : "━"}</span> ${escapeHTML(l.label)}: <b>${fmt(l.values[t])}</b></div>`);
    tip.innerHTML = `<div><b>${y}</b></div>` + rows.join("");
    tip.hidden = false;
    const box = fig.getBoundingClientRect();
    const x = ev.clientX - box.left, w = tip.offsetWidth;
    tip.style.left = `${x + 14 + w > box.width ? Math.max(0, x - 14 - w) : x + 14}px`;
    tip.style.top = `${ev.clientY - box.top + 12}px`;
  }

  function drawLegend() {
    const lg = $("#legend");
    const items = [
      `<span><svg width="28" height="10"><line x1="0" x2="28" y1="5" y2="5" stroke="${P.blue}" stroke-width="4" stroke-opacity="0.3"/></svg> the loaded scenario</span>`,
      `<span><svg width="28" height="10"><line x1="0" x2="28" y1="5" y2="5" stroke="${P.blue}" stroke-width="2"/></svg> this run</span>`,
    ];
    st.pins.forEach((p, k) => items.push(`<span><svg width="28" height="10"><line x1="0" x2="28" y1="5" y2="5" stroke="${pinColors[k]}" stroke-width="2" stroke-dasharray="${pinDashes[k]}"/></svg> ${escapeHTML(p.label)} <button type="button" data-unpin="${k}" aria-label="remove ${escapeHTML(p.label)}">×</button></span>`));
    if (st.uncertainty && st.bands) items.push(`<span><svg width="28" height="10"><rect width="28" height="10" fill="${P.blue}" fill-opacity="0.28"/><line x1="0" x2="28" y1="5" y2="5" stroke="${P.blue}" stroke-width="1.25" stroke-dasharray="1 3"/></svg> median, middle 50% and 90% of ${st.bands.runs} runs</span>`);
    if (ind_multi()) items.push(`<span>colours on ${escapeHTML(st.chosen.replaceAll("_", " "))}: ${schema.actors.map((a) => `<b style="color:${Chart.subjectColor(a)}">${a}</b>`).join(" ")}</span>`);
    const html = items.join("");
    if (lg.lastHTML === html) return; // unchanged: keep it (and its buttons)
    lg.lastHTML = html;
    lg.innerHTML = html;
    for (const b of lg.querySelectorAll("button[data-unpin]")) b.addEventListener("click", () => { st.pins.splice(+b.dataset.unpin, 1); $("#pin").disabled = false; draw(); });
  }
  const ind_multi = () => subjectsOf(indicator(st.chosen)).length > 1;
  const escapeHTML = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  function setYear(y) {
    st.year = y;
    $("#year").value = y;
    $("#year-out").textContent = y;
    for (const plot of document.querySelectorAll("#charts .plot")) Chart.showYear(plot, y);
    drawTable();
  }

  function drawTable() {
    const y = st.year ?? st.run.years[st.run.years.length - 1];
    const t = y - st.run.years[0];
    const head = ["indicator", "subject", "unit", "loaded", "this run", "change"];
    st.pins.forEach((p) => head.push(p.label));
    const withBands = st.uncertainty && st.bands && st.bands.series;
    if (withBands) head.push("median", "90% of runs");
    const rows = [];
    for (const id of shownIndicators()) {
      const ind = indicator(id);
      for (const subj of subjectsOf(ind)) {
        const b = series(st.baseRun, id, subj)[t], c = series(st.run, id, subj)[t];
        const cells = [id.replaceAll("_", " "), subj, ind.unit, fmt(b), fmt(c), (c - b >= 0 ? "+" : "") + fmt(c - b)];
        st.pins.forEach((p) => cells.push(fmt((series(p.run, id, subj) || [])[t])));
        if (withBands) {
          const q = st.bands.series[`${id} ${subj}`]; // none while the bands of a newly chosen indicator run
          cells.push(q ? fmt(q[2][t]) : "", q ? `${fmt(q[0][t])} – ${fmt(q[4][t])}` : "");
        }
        rows.push(cells);
      }
    }
    setText($("#table-year"), String(y));
    const headHTML = "<tr>" + head.map((h) => `<th scope="col">${escapeHTML(h)}</th>`).join("") + "</tr>";
    const thead = $("#values thead");
    if (thead.lastHTML !== headHTML) { thead.innerHTML = headHTML; thead.lastHTML = headHTML; }
    // The same rows as before: rewrite the cells' text only, which lays
    // out less than new rows would.
    const body = $("#values tbody");
    if (body.rows.length === rows.length && body.rows[0] && body.rows[0].cells.length === head.length) {
      rows.forEach((r, i) => r.forEach((c, j) => { const cell = body.rows[i].cells[j]; if (cell.textContent !== c) cell.textContent = c; }));
    } else {
      body.innerHTML = rows.map((r) => "<tr>" + r.map((c, i) => (i < 3 ? `<td>${escapeHTML(c)}</td>` : `<td class="num">${escapeHTML(c)}</td>`)).join("") + "</tr>").join("");
    }
  }

  // ---- opening a scenario, pins, downloads ---------------------------------

  // open opens a scenario: it resolves to true once its levers are built
  // and its run drawn, false if the model refused it (the page keeps the
  // scenario it had), null if another was opened before it came.
  let opening = 0;
  async function open(name) {
    const mine = ++opening;
    const r = await call("apply", JSON.stringify({ base: name }));
    if (mine !== opening) return null;
    if (r.error) { $("#error").textContent = r.error; $("#error").hidden = false; return false; }
    openedCount++;
    st.base = name; st.baseRun = r; st.run = r; st.pins = []; st.bands = null;
    st.year = null;
    $("#pin").disabled = false;
    $("#title").textContent = r.scenario.title;
    document.title = "simulate explore: " + r.scenario.title;
    $("#description").textContent = r.scenario.description || "";
    const yr = $("#year");
    yr.min = r.years[0]; yr.max = r.years[r.years.length - 1]; yr.value = yr.max;
    $("#year-out").textContent = yr.max;
    const u = $("#uncertainty");
    u.disabled = !r.scenario.uncertain;
    u.parentElement.title = r.scenario.uncertain ? "runs the scenario's risks and uncertain coefficients in a Web Worker: 100 runs while a slider moves, 1,000 when it stops" : "the loaded scenario declares no [[risks]] and no [uncertainty]";
    if (!r.scenario.uncertain && st.uncertainty) { st.uncertainty = false; u.checked = false; }
    buildLevers(r.scenario);
    showWarnings(r.warnings);
    // Run and draw the levers' changes (none, unless they differ from the
    // scenario's values) at once, as changed(true) does without a server.
    committedPending = true;
    clearTimeout(previewTimer);
    await flush();
    return true;
  }

  function pin() {
    if (st.pins.length >= maxPins) return;
    const changes = st.run.changed && st.run.changed.length ? st.run.changed.map((k) => k.replace(/^(actors|alliance|params)\./, "")).join(", ") : "no change";
    st.pins.push({ label: `pin ${st.pins.length + 1}: ${changes.length > 60 ? changes.slice(0, 57) + "…" : changes}`, run: st.run });
    $("#pin").disabled = st.pins.length >= maxPins;
    draw();
  }

  function download(name, text, type) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  const stem = (p) => p.split("/").pop().replace(/\.toml$/, "");
  function scenarioText() {
    return st.run.toml || "";
  }
  function downloadScenario() {
    const text = scenarioText();
    if (!text) { $("#changes").textContent = "nothing changed: there is no scenario to download beyond the loaded one"; return; }
    download(`${stem(st.base)}-explore.toml`, text, "application/toml");
  }
  async function csvText() {
    const shown = shownIndicators().flatMap((id) => subjectsOf(indicator(id)).map((subj) => `${id} ${subj}`));
    const out = await call("csv", JSON.stringify(request()), JSON.stringify(shown));
    if (out.error) throw new Error(out.error);
    return out.csv;
  }
  async function downloadCSV() {
    const name = `${stem(st.base)}-explore.csv`;
    try {
      download(name, await csvText(), "text/csv");
    } catch (e) {
      $("#error").textContent = e.message; $("#error").hidden = false;
    }
  }

  // ---- start -------------------------------------------------------------

  function base64Bytes(b64) {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  async function start() {
    const t0 = performance.now();
    data = JSON.parse($("#explore-data").textContent);
    let module = null;
    if (host) {
      M = await host.model();
      if (host.open) data.open = host.open;
    } else {
      const gz = base64Bytes($("#explore-wasm").textContent.trim());
      const wasm = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
      module = await WebAssembly.compile(wasm);
      const go = new Go();
      const inst = await WebAssembly.instantiate(module, go.importObject);
      go.run(inst);
      M = globalThis.simulateModel;
    }
    const files = JSON.stringify(data.files);
    await call("files", files);
    schema = await call("schema");
    // Packages to add: those of the bundled scenarios.
    data.packages = [];
    const runs = await Promise.all(data.menu.map((m) => call("apply", JSON.stringify({ base: m.name }))));
    for (const [i, m] of data.menu.entries()) {
      const r = runs[i];
      if (r.error) continue;
      for (const inv of r.scenario.investments) {
        if (!data.packages.some((p) => p.name === inv.name)) data.packages.push({ ...inv, from_file: m.name.split("/").pop() });
      }
    }
    const menu = $("#scenario");
    for (const m of data.menu) menu.append(el("option", { value: m.name, text: m.label }));
    menu.value = data.open;
    menu.addEventListener("change", async () => { if ((await open(menu.value)) === false) menu.value = st.base; });
    const ind = $("#indicator");
    for (const i of schema.indicators) if (!i.headline) ind.append(el("option", { value: i.id, text: i.id.replaceAll("_", " ") }));
    ind.value = st.chosen;
    const subj = $("#subject");
    const subjects = () => {
      const i = indicator(st.chosen);
      subj.replaceChildren(el("option", { value: "", text: "every subject" }), ...i.subjects.map((x) => el("option", { value: x, text: x })));
      $("#subject-box").hidden = i.subjects.length < 2;
      st.chosenSubject = "";
    };
    subjects();
    ind.addEventListener("change", () => { st.chosen = ind.value; subjects(); draw(); if (st.uncertainty) ensemble(1000); });
    subj.addEventListener("change", () => { st.chosenSubject = subj.value; draw(); });
    $("#year").addEventListener("input", (e) => setYear(+e.target.value));
    $("#pin").addEventListener("click", pin);
    $("#reset").addEventListener("click", () => open(st.base));
    $("#download-toml").addEventListener("click", downloadScenario);
    $("#download-csv").addEventListener("click", downloadCSV);
    $("#uncertainty").addEventListener("change", (e) => {
      st.uncertainty = e.target.checked;
      st.bands = null;
      if (st.uncertainty) ensemble(1000); else { $("#ensemble-status").textContent = ""; draw(); }
    });
    let resizeTimer = 0, lastWidth = 0;
    new ResizeObserver((entries) => {
      const w = entries[0].contentRect.width;
      if (w === lastWidth) return;
      lastWidth = w;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { st.widths = null; if (st.run) draw(); }, 100);
    }).observe($("#charts"));
    // A server's page runs the ensemble on the server.
    if (host) { worker = host.ensembleWorker((m) => onBands(m)); await opened(t0); return; }
    // The ensemble's worker: the Go loader and a small handler, from the
    // page's own scripts, with the compiled module passed to it.
    const src = $("#wasm-exec").textContent + "\n" + $("#explore-worker").textContent;
    try {
      worker = workerPool(src, module, files);
    } catch (e) {
      // A browser that refuses workers to a page opened from disk: the
      // ensemble runs on the page's thread instead, when a slider stops.
      worker = inPageWorker();
    }
    await opened(t0);
  }

  // opened opens the first scenario once the model and the ensemble's
  // worker are there.
  async function opened(t0) {
    await open(data.open);
    st.startMs = performance.now() - t0;
    if (host && host.started) host.started();
    document.body.dataset.ready = "true";
  }

  // timeRedraw moves the slider of key through values as a hand would
  // (an input event each) and measures each redraw: the model's run and
  // the charts and table, in ms (for the test and the documented figures).
  async function timeRedraw(key, values) {
    const r = $(`[data-key="${key}"] input[type=range]`);
    const out = { total: [], input: [], model: [], draw: [] };
    st.timings = { apply: [], draw: [] };
    out.layout = [];
    for (const v of values) {
      const t0 = performance.now();
      r.value = v;
      r.dispatchEvent(new Event("input"));
      out.input.push(performance.now() - t0);
      await flush(); // what the next frame would do
      out.total.push(performance.now() - t0);
      void document.body.offsetHeight; // style and layout, which the browser would do before painting
      out.layout.push(performance.now() - t0);
    }
    r.dispatchEvent(new Event("change"));
    await settled();
    out.model = st.timings.apply.slice(0, values.length);
    out.draw = st.timings.draw.slice(0, values.length);
    st.timings = null;
    return out;
  }

  return { schema: () => schema, start, st, request, open, settled, pin, scenarioText, csvText, timeRedraw, ensemble, ensembleSettled, ensembleTimes, series: (ind, subj) => series(st.run, ind, subj) };
})();

explorer.start().catch((e) => {
  const err = document.getElementById("error");
  err.textContent = "the explorer could not start: " + e;
  err.hidden = false;
  console.error(e);
});
