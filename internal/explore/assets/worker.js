// worker.js — the explorer's ensemble, off the page's thread: the first
// message brings the compiled model and the scenario files; each later one
// a request and a number of runs, answered with the bands.
"use strict";
let ready = null;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.module) {
    ready = (async () => {
      const go = new Go();
      const inst = await WebAssembly.instantiate(m.module, go.importObject);
      go.run(inst);
      self.simulateModel.files(m.files);
    })();
    return;
  }
  await ready;
  const t0 = performance.now();
  const bands = self.simulateModel.ensemble(m.request, m.runs);
  self.postMessage({ id: m.id, bands, ms: performance.now() - t0 });
};
