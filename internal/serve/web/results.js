// results.js — the revealed rounds, as the team's page and the teacher's
// draw them: each team's scorecard against its goals in the latest
// revealed round, a chart per goal with a line per round (chart.js), and
// the round-by-round history of goals met.
"use strict";

const Results = (() => {
  const { el } = served;
  // The latest round in blue, the earlier ones in lighter colours.
  const roundColor = (i, n) => {
    const P = Chart.palette, c = [P.skyBlue, P.orange, P.bluishGreen, P.reddishPurple, P.vermillion];
    return i === n - 1 ? P.blue : c[(n - 2 - i) % c.length];
  };

  function series(run, ind, subj) {
    const i = (run.series || []).findIndex((s) => s.indicator === ind && s.subject === subj);
    return i < 0 ? null : run.values[i];
  }
  const num = (v) => (Number.isFinite(v) ? Chart.number(v, 1) : "–");
  const pretty = (id) => id.replaceAll("_", " ");

  // goalOf is the role's goal an entry of a scorecard scores.
  function goalOf(state, role, entry) {
    const r = (state.roles || []).find((x) => x.role === role);
    return r && (r.goals || []).find((g) => g.indicator === entry.indicator && g.subject === entry.subject);
  }
  function targetText(state, role, e) {
    const g = goalOf(state, role, e);
    const what = g && g.reference ? ` (${pretty(g.reference)})` : "";
    return (e.comparison === "at_most" ? "≤ " : e.comparison === "at_least" ? "≥ " : "") + num(e.target) + what;
  }
  // goalLine is a goal's target on its chart: a number, or the series of
  // the indicator it names (burden_share at least burden_parity).
  function goalLine(state, role, e, run) {
    const g = goalOf(state, role, e);
    const ref = g && g.reference && series(run, g.reference, e.subject);
    return ref ? { values: ref, label: pretty(g.reference) } : { value: e.target, label: `goal ${targetText(state, role, e)}` };
  }

  // render draws the revealed rounds into box for the teams teams (the
  // team's own on its page; every team on the teacher's).
  function render(box, state, teams) {
    const results = state.results || [];
    box.hidden = !results.length;
    if (!results.length) { box.replaceChildren(); return; }
    const last = results[results.length - 1];
    const kids = [el("h2", { text: `Results of round ${last.round}` + (results.length > 1 ? ` (rounds ${results.map((r) => r.round).join(", ")} revealed)` : "") })];
    const fired = state.injects || [];
    if (fired.length) kids.push(el("p", { class: "injects", text: "Injects: " + fired.map((i) => `${i.label || pretty(i.kind)} in ${i.year}`).join("; ") }));
    // The scorecards of the latest revealed round.
    const cards = el("div", { class: "scorecards" });
    for (const team of teams) {
      const entries = (last.scorecard || {})[team.id] || [];
      const rows = entries.map((e) => el("tr", { class: e.met ? "met" : "missed" },
        el("td", { text: `${pretty(e.indicator)} ${e.subject}` }), el("td", { class: "num", text: num(e.value) }),
        el("td", { class: "num", text: targetText(state, team.role, e) }), el("td", { text: `${e.year}` }),
        el("td", { class: "verdict", text: e.met ? "✓ met" : "✗ not met" })));
      const met = entries.filter((e) => e.met).length;
      cards.append(el("div", { class: "scorecard", "data-team": team.id },
        el("h3", { text: `${team.name} (${team.role}): ${met} of ${entries.length} goals met` }),
        el("table", {}, el("thead", {}, el("tr", {}, ...["goal", "value", "target", "year", ""].map((h) => el("th", { scope: "col", text: h })))), el("tbody", {}, ...rows))));
    }
    kids.push(cards);
    // A chart per goal: a line per revealed round, the goal's target dashed.
    const charts = el("div", { class: "result-charts" });
    const seen = new Set();
    const figs = [];
    for (const team of teams) {
      for (const e of (last.scorecard || {})[team.id] || []) {
        const id = `${e.indicator} ${e.subject}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const plot = el("div", { class: "plot" });
        const fig = el("figure", { "data-series": id }, el("figcaption", {}, el("strong", { text: `${pretty(e.indicator)} ${e.subject}` })), plot);
        charts.append(fig);
        figs.push({ plot, e, team });
      }
    }
    kids.push(charts);
    // The history: goals met in each revealed round.
    const head = el("tr", {}, el("th", { scope: "col", text: "round" }), ...teams.map((t) => el("th", { scope: "col", text: `${t.name} (${t.role})` })));
    const body = results.map((r) => el("tr", {}, el("td", { text: `round ${r.round}` }), ...teams.map((t) => {
      const es = (r.scorecard || {})[t.id] || [];
      return el("td", { text: es.length ? `${es.filter((x) => x.met).length} of ${es.length} met: ` + es.map((x) => `${pretty(x.indicator)} ${num(x.value)}${x.met ? " ✓" : " ✗"}`).join(", ") : "–" });
    })));
    kids.push(el("h3", { text: "Round by round" }), el("table", { class: "history" }, el("thead", {}, head), el("tbody", {}, ...body)));
    box.replaceChildren(...kids);
    // Drawn once laid out, at the width the grid gives them.
    for (const { plot, e, team } of figs) {
      const n = results.length;
      const lines = results.map((r, i) => ({ values: series(r.run, e.indicator, e.subject) || [], color: roundColor(i, n), width: i === n - 1 ? 2.5 : 1.5, label: `round ${r.round}` })).filter((l) => l.values.length);
      if (!lines.length) continue;
      const years = last.run.years;
      Chart.render(plot, { width: plot.clientWidth, years, lines, refs: [goalLine(state, team.role, e, last.run)], label: `${e.indicator} ${e.subject}` });
      plot.after(el("div", { class: "round-key" }, ...lines.map((l) => el("span", {}, el("b", { style: `color:${l.color}`, text: "━ " }), l.label))));
    }
  }

  return { render, series };
})();
