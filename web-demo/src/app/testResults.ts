import type { ExplainedDetail } from '../element/spectracamExplainElement.js';

/**
 * Numbers the browser tests compare with the Node runtime (never pixels): a JSON in the page's
 * hidden <pre id="test-results">, rewritten after every explanation the element reports, with a
 * counter so a test can wait for a new one.
 */
let version = 0;
export function publishTestResults(pre: HTMLElement, detail: ExplainedDetail): void {
  version++;
  const e = detail.explanation;
  pre.textContent = JSON.stringify({
    version,
    model: detail.model.name,
    device: detail.model.device,
    classes: detail.model.classes,
    source: detail.source,
    names: e.spectra.map((s) => s.name),
    predicted: e.spectra.map((s) => s.predicted),
    probabilities: e.spectra.map((s) => s.probabilities),
    maps: e.spectra.map((s) => s.maps),
    regions: e.spectra.map((s) => s.regions),
    novelty: e.spectra.map((s) => s.novelty ?? null),
    unknown: e.spectra.map((s) => s.unknown ?? null),
    timings: detail.timings,
  });
  pre.dataset.version = String(version);
}
