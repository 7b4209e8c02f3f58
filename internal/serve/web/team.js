// team.js — a team's page: the explorer with the levers of the keys the
// team's role owns, previewed on the server (the previous round's chain
// with this move; nobody else sees it), a bar with the round, its
// deadline, who has submitted and the Submit button, and, once a round is
// revealed, the results (results.js).
"use strict";

const team = (() => {
  const { $, el, api } = served;
  const auth = served.token();
  if (!auth) location.replace("/join");
  let state = null;
  let built = -1;      // how many rounds were revealed when the levers were built
  let shownRound = -1; // the round the submit status is about
  let started = false;
  let readyResolve;
  const ready = new Promise((res) => { readyResolve = res; });

  const me = () => (state && state.me) || {};
  const owned = () => {
    const r = state && (state.roles || []).find((x) => x.role === me().role);
    return r ? r.owns : [];
  };

  globalThis.explorerHost = served.host({ auth, owned, ready, started: () => { started = true; built = revealed(); restore(); show(); } });
  const revealed = () => (state.results || []).length;

  function bar() {
    const b = el("section", { id: "team-bar", "aria-label": "your team" },
      el("div", { class: "who" }, el("strong", { id: "team-name" }), " ", el("span", { id: "team-role" })),
      el("div", { id: "round-info", "aria-live": "polite" }),
      el("div", { id: "countdown" }),
      el("div", { id: "submitted" }),
      el("div", { class: "send" }, el("button", { type: "button", id: "submit", text: "Submit move", onclick: submit }), " ", el("span", { id: "submit-status", role: "status" })));
    $("header").after(b);
    $("#view").prepend(el("section", { id: "results", "aria-label": "results", hidden: true }));
  }

  function describeRound(s) {
    const r = s.round || {};
    const years = r.first_year ? `, ${r.first_year}–${r.last_year}` : "";
    switch (s.status) {
      case "lobby": return "waiting for the teacher to open round 1";
      case "open": return `round ${r.n} of ${r.rounds}${years}: open for moves`;
      case "closed": return `round ${r.n} of ${r.rounds}${years}: closed, waiting for the reveal`;
      case "revealed": return `round ${r.n} of ${r.rounds}${years}: results revealed`;
      case "ended": return "the session has ended";
    }
    return s.status;
  }

  function show() {
    if (!state) return;
    const m = me();
    if (started) {
      // The explorer names itself and the loaded scenario: this is the session's.
      const h1 = $("header h1");
      if (h1.firstChild.nodeType === Node.TEXT_NODE) h1.firstChild.textContent = "simulate serve: ";
      $("#title").textContent = `${state.title || "session"}, ${m.name || ""}`;
      document.title = `simulate serve: ${m.name || "team"} (${m.role || ""})`;
    }
    $("#team-name").textContent = m.name || "";
    $("#team-role").textContent = m.role ? `(${m.role})` : "";
    $("#round-info").textContent = describeRound(state);
    const playing = state.status === "open" || state.status === "closed";
    $("#submitted").replaceChildren(...(playing ? ["Submitted: ", ...(state.teams || []).map((t) =>
      el("span", { class: t.submitted ? "done" : "waiting", "data-team": t.id, text: `${t.submitted ? "✓" : "…"} ${t.name} (${t.role})` }))] : []));
    tick();
    const open = state.status === "open";
    $("#submit").disabled = !open;
    if ((state.round || {}).n !== shownRound) {
      shownRound = (state.round || {}).n;
      $("#submit-status").dataset.mine = "";
      setStatus("", false);
    }
    if (!open && state.status !== "revealed") setStatus(m.move ? "your move is in" : "", false);
    else if (open && m.move && !$("#submit-status").dataset.mine) setStatus("your move for this round is in; submit again to replace it", false);
    Results.render($("#results"), state, (state.teams || []).filter((t) => t.id === m.id));
    // A reveal changes the chain the levers start from (a preview extends
    // the last revealed round): build them again. Opening the next round
    // does not, so a move planned during the debrief stays.
    if (started && built !== revealed()) {
      built = revealed();
      explorer.open("session").then((ok) => { if (ok) restore(); });
    }
  }

  // restore puts the team's move of this round back into the levers, when
  // the page starts (reloaded, or a phone's browser dropped the tab) or
  // builds them again, so that Submit does not replace the move with
  // nothing: each key's box is set as a person would type it.
  function restore() {
    const move = state && state.status === "open" && me().move;
    if (!move) return;
    let left = (move.events || []).length + (move.investments || []).length;
    for (const x of move.set || []) {
      const rule = x.key.match(/^(actors\.[A-Z]+)\.initial_defense_pct$/); // the model's rule for the defense share
      const row = $(`#levers [data-key="${CSS.escape(rule ? rule[1] + ".defense_pct" : x.key)}"]`);
      if (!row) { left++; continue; }
      const set = (box, v) => { box.value = v; box.dispatchEvent(new Event("change")); };
      if (rule) {
        const mode = row.closest("fieldset").querySelector("select");
        mode.value = "rule";
        mode.dispatchEvent(new Event("change"));
      } else if (x.value != null) {
        set(row.querySelector("input[type=number]"), x.value);
      } else if (x.path) {
        const years = Object.keys(x.path).map(Number).sort((a, b) => a - b), last = years[years.length - 1];
        set(row.querySelector("input[type=number]"), x.path[last]);
        const by = row.nextElementSibling && row.nextElementSibling.querySelector("input[type=number]");
        if (by) set(by, last);
      } else {
        left++;
      }
    }
    if (left) setStatus(`your move for this round is in; ${left} of its changes (events, packages) are not shown in the levers: submitting again replaces them`, false);
  }

  function setStatus(text, error) {
    const s = $("#submit-status");
    s.textContent = text;
    s.className = error ? "error" : "";
  }

  function tick() {
    if (!state) return;
    $("#countdown").textContent = state.status === "open" ? served.countdown((state.round || {}).deadline) : "";
  }

  async function submit() {
    const req = explorer.request();
    const move = { set: req.set, investments: req.investments, events: req.events };
    $("#submit").disabled = true;
    setStatus("sending…", false);
    try {
      const r = await api("POST", "/api/move", move, auth);
      $("#submit-status").dataset.mine = "1";
      setStatus(`submitted: move ${r.seq} of round ${r.round}, saved on the server`, false);
    } catch (e) {
      setStatus(e.message, true);
    } finally {
      $("#submit").disabled = !(state && state.status === "open");
    }
  }

  function onError(e) {
    // A removed team's token is void: back to the join form, in the same room.
    if (e.status === 401) { served.setToken(""); location.replace("/join" + (state && state.room ? "?room=" + encodeURIComponent(state.room) : "")); return; }
    $("#round-info").textContent = e.message;
  }

  bar();
  served.listen(auth, (s) => {
    state = s;
    if (readyResolve) { readyResolve(); readyResolve = null; }
    show();
  }, onError);
  setInterval(tick, 1000);
  return { state: () => state, submit };
})();
