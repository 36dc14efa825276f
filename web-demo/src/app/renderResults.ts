import type { AppState } from './appState.js';
import { byId, fillSelect } from './dom.js';
import type { Root } from './dom.js';
import { drawProbabilities } from '../ui/probabilitiesView.js';
import { drawSpectrumChart } from '../ui/spectrumChart.js';
import { drawRegions } from '../ui/regionsView.js';
import { drawBatchView } from './renderBatch.js';

/**
 * Draws the explanation of the chosen spectrum and class: probabilities, the spectrum with its
 * map, the top regions. Returns whether something was drawn; the batch view is drawBatchView's.
 */
export function renderResults(root: Root, state: AppState): boolean {
  const { model, explanation } = state;
  if (!model || !explanation || explanation.spectra.length === 0) return false;
  byId(root, 'results').hidden = false;
  const index = Math.min(state.spectrumIndex, explanation.spectra.length - 1);
  const spectrum = explanation.spectra[index]!;
  const className = state.className && model.classes.includes(state.className) ? state.className : spectrum.predicted;
  const classIndex = model.classes.indexOf(className);

  fillSelect(
    byId<HTMLSelectElement>(root, 'spectrum-select'),
    explanation.spectra.map((s, i) => ({ value: String(i), label: `${i + 1}. ${s.name} → ${s.unknown ? `unknown (${s.predicted}?)` : s.predicted}` })),
    String(index),
  );
  fillSelect(
    byId<HTMLSelectElement>(root, 'class-select'),
    model.classes.map((c) => ({ value: c, label: c === spectrum.predicted ? `${c} (predicted)` : c })),
    className,
  );
  // A spectrum unlike the training data gets its class, but marked as the guess it is.
  const banner = byId(root, 'unknown-banner');
  banner.hidden = !spectrum.unknown;
  banner.textContent = spectrum.unknown && model.novelty
    ? `Unknown sample: this spectrum is unlike the model's training data (novelty ${spectrum.novelty!.toPrecision(4)} above its threshold ` +
      `${model.novelty.threshold.toPrecision(4)}, the ${100 * model.novelty.quantile} % quantile of ${model.novelty.heldOut}, in-distribution spectra held out from the score's fit). The class below is a guess.`
    : '';
  drawProbabilities(byId(root, 'probabilities'), model.classes, spectrum.probabilities, spectrum.predicted);
  drawSpectrumChart(
    byId(root, 'spectrum-chart'),
    {
      axis: model.axis,
      unit: model.unit,
      intensities: spectrum.intensities,
      importance: spectrum.maps[classIndex] ?? [],
      className,
      regions: className === spectrum.predicted ? spectrum.regions : [],
    },
    state.overlay,
  );
  const regions = byId(root, 'regions');
  if (className === spectrum.predicted) drawRegions(regions, spectrum.regions, model.unit, className);
  else regions.textContent = `Top regions are listed for the predicted class (${spectrum.predicted}).`;
  return true;
}

/** The batch view for several spectra (vega, loaded on first use); a failure is written in its note. */
export async function renderBatch(root: Root, state: AppState): Promise<void> {
  await drawBatchView(root, state).catch((error: unknown) => {
    byId(root, 'batch-note').textContent = `batch charts failed: ${error instanceof Error ? error.message : String(error)}`;
  });
}
