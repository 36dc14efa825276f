import type { AppState } from './appState.js';
import { byId } from './dom.js';

/**
 * Numbers the browser tests compare with the Node runtime (never pixels): a JSON in a hidden
 * <pre>, rewritten after every explanation, with a counter so a test can wait for a new one.
 */
let version = 0;
export function publishTestResults(state: AppState, timings: Record<string, number>): void {
  version++;
  const e = state.explanation;
  const pre = byId('test-results');
  pre.textContent = JSON.stringify({
    version,
    model: state.model?.name,
    device: state.model?.device,
    classes: state.model?.classes,
    source: state.spectra?.source,
    names: e?.spectra.map((s) => s.name),
    predicted: e?.spectra.map((s) => s.predicted),
    probabilities: e?.spectra.map((s) => s.probabilities),
    maps: e?.spectra.map((s) => s.maps),
    regions: e?.spectra.map((s) => s.regions),
    novelty: e?.spectra.map((s) => s.novelty ?? null),
    unknown: e?.spectra.map((s) => s.unknown ?? null),
    timings,
  });
  pre.dataset.version = String(version);
}
