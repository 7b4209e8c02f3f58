// worker.js — the explorer's ensemble, off the page's thread: the first
// message brings the compiled model and the scenario files (and a scenario
// to warm the model up on); each later one
// a request and a number of runs, answered with the bands, or, when the
// page splits the ensemble over several workers, with the values of a
// range of its runs (part) or the bands merged from every range's values
// (merge).
"use strict";
let ready = null;
const warmRuns = 300;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.module) {
    ready = (async () => {
      const go = new Go();
      const inst = await WebAssembly.instantiate(m.module, go.importObject);
      go.run(inst);
      self.simulateModel.files(m.files);
      // A warm-up of warmRuns runs whose values are thrown away: the
      // model's code is optimized before the page asks for an ensemble.
      if (m.warm) self.simulateModel.ensemblePart(m.warm, warmRuns, 0, warmRuns, "[]");
    })();
    return;
  }
  await ready;
  const M = self.simulateModel;
  const t0 = performance.now();
  if (m.part) {
    const values = M.ensemblePart(m.request, m.runs, m.part[0], m.part[1], m.keys);
    if (typeof values === "string") self.postMessage({ id: m.id, bands: values, ms: performance.now() - t0 });
    else self.postMessage({ id: m.id, index: m.index, values, ms: performance.now() - t0 }, [values.buffer]);
    return;
  }
  const bands = m.parts ? M.mergeParts(m.request, m.runs, m.keys, m.parts) : M.ensemble(m.request, m.runs);
  self.postMessage({ id: m.id, bands, ms: performance.now() - t0 });
};
