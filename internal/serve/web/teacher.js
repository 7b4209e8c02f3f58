// teacher.js — the teacher's page: the room code and join URL large
// enough to read from the back of the room, the round's controls, who has
// submitted, the injects to fire, renaming and removing teams, the export
// of a round, and the revealed results of every team (results.js). The
// teacher's token comes from the page's address (/teacher?t=TOKEN), which
// the page then shows without it.
"use strict";

const teacher = (() => {
  const { $, el, api } = served;
  // The token leaves the address bar once read (the page may be projected)
  // and stays in this tab for a reload.
  const fromURL = new URLSearchParams(location.search).get("t");
  if (fromURL) {
    sessionStorage.setItem("simulate-teacher-token", fromURL);
    history.replaceState(null, "", "/teacher");
  }
  const auth = fromURL || sessionStorage.getItem("simulate-teacher-token") || "";
  let state = null;
  const fail = (msg) => { $("#error").textContent = msg; $("#error").hidden = !msg; };

  async function act(path, body = {}) {
    try {
      await api("POST", "/api/teacher/" + path, body, auth);
      fail("");
      feed.read();
    } catch (e) {
      fail(e.message);
    }
  }

  const statusText = {
    lobby: "Lobby: teams are joining", open: "Round open for moves", closed: "Round closed: reveal when ready",
    revealed: "Results revealed", ended: "The session has ended",
  };

  function status() {
    const s = state, r = s.round || {};
    const submitted = (s.teams || []).filter((t) => t.submitted).length;
    $("#status").textContent = `${statusText[s.status] || s.status}` + (r.n ? ` · round ${r.n} of ${r.rounds}, ${r.first_year}–${r.last_year}` : ` · ${r.rounds} rounds`) +
      (s.status === "open" ? ` · ${submitted} of ${(s.teams || []).length} submitted` : "") +
      (s.status === "open" && r.deadline ? ` · ${served.countdown(r.deadline)}` : "");
  }

  function show() {
    const s = state, r = s.round || {};
    $("#title").textContent = s.title || "session";
    document.title = `simulate serve: ${s.title || "teacher"}`;
    $("#room-code").textContent = s.room || "";
    const url = s.join_url || `${location.origin}/join?room=${s.room}`;
    if ($("#join-url").textContent !== url) {
      $("#join-url").textContent = url;
      try {
        $("#qr").innerHTML = QR.svg(QR.encode(url).modules, 200);
      } catch (e) {
        $("#qr").textContent = ""; // too long for a symbol: the address is there in full
      }
    }
    status();
    const ended = s.status === "ended";
    $("#start").disabled = ended || s.status === "open" || s.status === "closed" || (r.n >= r.rounds && s.status !== "lobby");
    $("#close").disabled = s.status !== "open";
    $("#reveal").disabled = s.status !== "closed";
    $("#end").disabled = ended;
    // Teams: rename in place, remove.
    const rows = (s.teams || []).map((t) => {
      const name = el("input", { value: t.name, maxlength: 40, "aria-label": `new name for ${t.name}` });
      return el("tr", { "data-team": t.id },
        el("td", {}, name, " ", el("button", { type: "button", text: "Rename", onclick: () => act("rename", { team: t.id, name: name.value.trim() }) })),
        el("td", { text: t.role }),
        el("td", { class: t.submitted ? "done" : "", text: t.submitted ? "✓ submitted" : s.status === "open" ? "… not yet" : "" }),
        el("td", {}, el("button", { type: "button", text: "Remove", onclick: () => { if (confirm(`Remove ${t.name}? Its role becomes free to join again.`)) act("remove", { team: t.id }); } })));
    });
    $("#teams").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 4, class: "note", text: "no team has joined yet" }))]));
    const free = (s.roles || []).filter((x) => !x.team).map((x) => x.role);
    $("#free-roles").textContent = free.length ? `Roles nobody holds: ${free.join(", ")}` : "Every role is held.";
    // Injects, fired into the open round.
    $("#injects").replaceChildren(...(s.available_injects || []).map((i) =>
      el("button", { type: "button", "data-inject": i.id, disabled: s.status !== "open", text: `Fire: ${i.label}`, onclick: () => act("inject", { id: i.id }) })));
    if (!(s.available_injects || []).length) $("#injects").textContent = "The session file lists no injects.";
    $("#fired").textContent = (s.injects || []).length ? "Fired: " + s.injects.map((i) => `${i.label || i.kind} in ${i.year}`).join("; ") : (s.status === "open" ? "" : "Injects can be fired while a round is open.");
    // Rounds to export: the revealed ones, the latest chosen when one is added.
    const sel = $("#export-round"), have = Array.from(sel.options, (o) => o.value).join(",");
    const rounds = (s.results || []).map((x) => String(x.round));
    if (have !== rounds.join(",")) {
      sel.replaceChildren(...rounds.map((n) => el("option", { value: n, text: `round ${n}` })));
      if (rounds.length) sel.value = rounds[rounds.length - 1];
    }
    $("#export").disabled = !rounds.length;
    Results.render($("#results"), s, s.teams || []);
  }

  async function exportRound() {
    const n = $("#export-round").value;
    try {
      const blob = await api("GET", "/api/teacher/export?round=" + encodeURIComponent(n), undefined, auth);
      const a = el("a", { href: URL.createObjectURL(blob), download: `round-${n}.zip` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      fail("");
    } catch (e) {
      fail(e.message);
    }
  }

  $("#start").addEventListener("click", () => act("start"));
  $("#close").addEventListener("click", () => act("close"));
  $("#reveal").addEventListener("click", () => act("reveal"));
  $("#end").addEventListener("click", () => { if (confirm("End the session? Teams can no longer move; the log and the exports stay.")) act("end"); });
  $("#export").addEventListener("click", exportRound);
  if (!auth) fail("This page needs the teacher's address as simulate serve printed it (/teacher?t=…).");
  let lost = false;
  const feed = served.listen(auth, (s) => {
    state = s;
    if (lost) { lost = false; fail(""); }
    show();
    document.body.dataset.ready = "true";
  }, (e) => { lost = e.status === 0; fail(e.message); });
  setInterval(() => { if (state && state.status === "open") status(); }, 1000);
  return { state: () => state, act };
})();
