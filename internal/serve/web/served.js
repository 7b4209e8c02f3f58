// served.js — what the pages of simulate serve share: calls to the server's
// JSON API (the token in an Authorization header, errors as the server's
// own message), the team's token kept in sessionStorage, which keys a role
// owns, and the explorer's host (globalThis.explorerHost), which gives the
// explorer page the server's model in place of the WebAssembly one.
"use strict";

const served = (() => {
  const tokenKey = "simulate-team-token";
  const token = () => sessionStorage.getItem(tokenKey) || "";
  const setToken = (t) => (t ? sessionStorage.setItem(tokenKey, t) : sessionStorage.removeItem(tokenKey));

  // ServerError is a refused request: the server's message and status.
  class ServerError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  function messageOf(status, text) {
    try {
      const e = JSON.parse(text).error;
      if (e) return e;
    } catch (_) { /* not JSON: a proxy's page, or nothing */ }
    if (status === 0) return "the server does not answer (is it running, and is this device on its network?)";
    return `the server answered ${status}`;
  }

  // api calls the server: GET without a body, POST with a JSON one. It
  // resolves to the decoded answer (text when it is not JSON).
  async function api(method, url, body, auth) {
    const headers = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) headers.Authorization = "Bearer " + auth;
    let r;
    try {
      r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
    } catch (e) {
      throw new ServerError(0, messageOf(0, ""));
    }
    const type = r.headers.get("Content-Type") || "";
    if (!r.ok) throw new ServerError(r.status, messageOf(r.status, await r.text()));
    if (type.startsWith("application/json")) return r.json();
    if (type.startsWith("application/zip")) return r.blob();
    return r.text();
  }

  // modelCall posts one of the explorer's model calls to the server,
  // without waiting: it resolves to the answer's text ({ok: true}), or to a
  // JSON error the explorer shows as the model's ({ok: false}).
  async function modelCall(url, body, auth) {
    const headers = { "Content-Type": "application/json" };
    if (auth) headers.Authorization = "Bearer " + auth;
    try {
      const r = await fetch(url, { method: "POST", headers, body, cache: "no-store" });
      const text = await r.text();
      return r.ok ? { ok: true, text } : { ok: false, text: JSON.stringify({ error: messageOf(r.status, text) }) };
    } catch (e) {
      return { ok: false, text: JSON.stringify({ error: messageOf(0, "") }) };
    }
  }

  // owns reports whether a role owning the entries of owned may change
  // what: a key path (an entry owns itself and the keys under it:
  // "actors.ROK" owns "actors.ROK.defense_pct"), "events kind=K" or
  // "investments from=A".
  const owns = (owned, what) => owned.some((o) => what === o || (!o.includes(" ") && what.startsWith(o + ".")));

  // A team's page runs the changes of its move through the preview: the
  // explorer opens this name, and the server runs the previous round's
  // chain with the move.
  const session = "session";

  // model gives the explorer's model functions (those of the WebAssembly
  // model, each taking JSON text) over the server's API: each gives a
  // Promise of the JSON text the WebAssembly function returns.
  async function model(auth) {
    // The model's routes need no token; a team's page sends its own, so
    // that the server's rate limit counts the team's calls, not those of
    // everyone behind the same address.
    const schema = JSON.stringify(await api("GET", "/api/model/schema", undefined, auth));
    return {
      files: async () => "{}", // the server holds the scenario files
      schema: async () => schema,
      async apply(reqText, buf) {
        const req = JSON.parse(reqText);
        const r = auth && req.base === session
          ? await modelCall("/api/preview", JSON.stringify({ set: req.set, investments: req.investments, events: req.events }), auth)
          : await modelCall("/api/model/apply", reqText, auth);
        if (!r.ok || !buf) return r.text;
        // The values go into the caller's buffer, as the WebAssembly model puts them.
        const run = JSON.parse(r.text), out = new Float64Array(buf.buffer);
        if (run.values && run.years && run.values.length * run.years.length <= out.length) run.values.forEach((v, i) => out.set(v, i * run.years.length));
        return r.text;
      },
      ensemble: async (reqText, runs) => (await modelCall("/api/model/ensemble", `{"request":${reqText},"runs":${+runs}}`, auth)).text,
      async csv(reqText, shownText) {
        const r = await modelCall("/api/model/csv", `{"request":${reqText},"shown":${shownText}}`, auth);
        return r.ok ? JSON.stringify({ csv: r.text }) : r.text;
      },
    };
  }

  // ensembleWorker runs the explorer's ensembles on the server, with the
  // interface of its Web Worker.
  function ensembleWorker(onBands) {
    return {
      postMessage(job) {
        const t0 = performance.now();
        modelCall("/api/model/ensemble", `{"request":${job.request},"runs":${job.runs}}`)
          .then((r) => onBands({ id: job.id, bands: r.text, ms: performance.now() - t0 }));
      },
    };
  }

  // host is the explorer's host: the server's model, run once a slider
  // rests; with a team's token, the levers of the keys in owned() only,
  // run through the preview of the team's move.
  function host({ auth = "", owned = null, ready = Promise.resolve(), started = null } = {}) {
    return {
      model: async () => { await ready; return model(auth); },
      ensembleWorker,
      owns: owned ? (what) => owns(owned(), what) : null,
      open: auth ? session : "",
      // Each run is a request: a moving slider is run once it rests (a
      // frame's worth of requests would soon meet the rate limit).
      previewDelay: auth ? 300 : 150,
      started,
    };
  }

  const { $, el } = dom; // the explorer's helpers (dom.js)

  // listen keeps the page's copy of the session current: it reads the
  // state, then again on every change the server announces, and after the
  // event stream reconnects (a server restarted, a laptop woken).
  function listen(auth, onState, onError) {
    let reading = false, again = false;
    const read = async () => {
      if (reading) { again = true; return; }
      reading = true;
      try {
        do { again = false; onState(await api("GET", "/api/state", undefined, auth)); } while (again);
      } catch (e) {
        onError(e);
      } finally {
        reading = false;
      }
    };
    const es = new EventSource("/api/events?t=" + encodeURIComponent(auth));
    es.addEventListener("state", read);
    es.addEventListener("open", read);
    es.addEventListener("error", () => onError(new ServerError(0, "the connection to the server is lost; reconnecting…")));
    read();
    return { read, close: () => es.close() };
  }

  // countdown writes the time left to an RFC 3339 deadline.
  function countdown(deadline, now = Date.now()) {
    if (!deadline) return "";
    const s = Math.round((Date.parse(deadline) - now) / 1000);
    if (!Number.isFinite(s)) return "";
    if (s <= 0) return "deadline passed";
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
  }

  return { api, token, setToken, owns, host, listen, countdown, ServerError, $, el };
})();
