import { classPatternChart, classStatistics, topFrequencyChart } from '@spectracam/cam';
import type { AppState } from './appState.js';
import { byId } from './dom.js';
import type { Root } from './dom.js';

/**
 * For a batch: per class, the mean spectrum with the mean scaled map and its spread (std), and
 * the frequency of each variable among the top 10 %, as in the study's Figs 2-5, drawn with the
 * report's Vega-Lite specs from cam. Statistics use correctly classified spectra when the file
 * gave labels, otherwise spectra grouped by their predicted class. vega and vega-lite (most of
 * the page's script) load on first use, after the first explanation is on screen.
 */
export async function drawBatchView(root: Root, state: AppState): Promise<void> {
  const { model, explanation, spectra } = state;
  const box = byId(root, 'batch');
  if (!model || !explanation || explanation.spectra.length < 2) {
    box.hidden = true;
    return;
  }
  const { drawVegaLite } = await import('../ui/vegaLiteChart.js');
  box.hidden = false;
  const predicted = explanation.spectra.map((s) => s.predicted);
  const labels = spectra?.labels && spectra.labels.every((l) => model.classes.includes(l)) ? spectra.labels : undefined;
  const truth = labels ?? predicted;
  // Each spectrum contributes the map of its own (true) class.
  const maps = explanation.spectra.map((s, i) => s.maps[model.classes.indexOf(truth[i]!)] ?? s.maps[0]!);
  const stats = classStatistics(maps, truth, predicted, model.classes, 0.1);
  const present = model.classes.filter((c) => (stats[c]?.n ?? 0) > 0);
  byId(root, 'batch-note').textContent =
    (labels ? 'Over correctly classified spectra (labels from the file): ' : 'No labels in the file: spectra grouped by predicted class: ') +
    `${present.map((c) => `${c} n=${stats[c]!.n}`).join(', ')}. Blue: mean spectrum; red: mean importance ± std.`;

  const patterns = byId(root, 'class-mean-chart');
  patterns.replaceChildren();
  for (const c of present) {
    const members = explanation.spectra.filter((s, i) => truth[i] === c && predicted[i] === c);
    const meanSpectrum = model.axis.map((_, j) => members.reduce((sum, s) => sum + s.intensities[j]!, 0) / members.length);
    const figure = document.createElement('div');
    figure.className = 'class-pattern';
    patterns.appendChild(figure);
    await drawVegaLite(
      figure,
      classPatternChart({ axis: model.axis, meanSpectrum, meanMap: stats[c]!.mean, stdMap: stats[c]!.std, unit: model.unit, title: c, width: 820, height: 180 }),
    );
  }
  const frequency = Object.fromEntries(present.map((c) => [c, stats[c]!.frequency]));
  await drawVegaLite(byId(root, 'frequency-chart'), topFrequencyChart({ axis: model.axis, frequency, fraction: 0.1, unit: model.unit, width: 820, height: 160 }));
}
