// join.js — the join form: the room code (from ?room= when the teacher's
// link gave it), a team name and one of the roles no team holds yet. On
// success the team's token is kept in sessionStorage (this tab only) and
// the page goes to /team.
"use strict";

(() => {
  const { $, el, api } = served;
  const room = $("#room"), role = $("#role"), err = $("#error");
  const fail = (msg) => { err.textContent = msg; err.hidden = !msg; };
  let asked = "";
  async function roles() {
    const code = room.value.trim().toUpperCase();
    if (!code || code === asked) return;
    asked = code;
    try {
      const r = await api("GET", "/api/roles?room=" + encodeURIComponent(code));
      $("#title").textContent = r.title ? `Session: ${r.title}` : "";
      const free = (r.roles || []).filter((x) => x.free);
      role.replaceChildren(...(free.length ? free.map((x) => el("option", { value: x.role, text: x.role })) : [el("option", { value: "", text: "every role is taken" })]));
      fail("");
    } catch (e) {
      asked = "";
      role.replaceChildren(el("option", { value: "", text: "enter the room code first" }));
      fail(e.message);
    }
  }
  room.value = (new URLSearchParams(location.search).get("room") || "").toUpperCase();
  room.addEventListener("change", roles);
  room.addEventListener("input", () => { if (room.value.trim().length >= 4) roles(); });
  $("#join").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    await roles();
    $("#go").disabled = true;
    try {
      const r = await api("POST", "/api/join", { room: room.value.trim().toUpperCase(), name: $("#name").value.trim(), role: role.value });
      served.setToken(r.token);
      location.assign("/team");
    } catch (e) {
      fail(e.message);
      asked = "";
      roles();
    } finally {
      $("#go").disabled = false;
    }
  });
  if (room.value) roles();
  document.body.dataset.ready = "true";
})();
