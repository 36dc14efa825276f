import { classStatistics } from '@spectracam/cam';
import type { AppState } from './appState.js';
import { byId } from './dom.js';
import { drawLineChart } from '../ui/lineChart.js';

const COLOURS = ['#d7301f', '#2171b5', '#238b45', '#6a51a3', '#cc4c02', '#525252'];

/**
 * For a batch: per class, the mean scaled map with its spread (std) and the frequency of each
 * variable among the top 10 %, as in the study's Figs 2-5. Statistics use correctly classified
 * spectra when the file gave labels, otherwise spectra grouped by their predicted class.
 */
export function drawBatchView(state: AppState): void {
  const { model, explanation, spectra } = state;
  const box = byId('batch');
  if (!model || !explanation || explanation.spectra.length < 2) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const predicted = explanation.spectra.map((s) => s.predicted);
  const labels = spectra?.labels && spectra.labels.every((l) => model.classes.includes(l)) ? spectra.labels : undefined;
  const truth = labels ?? predicted;
  // Each spectrum contributes the map of its own (true) class.
  const maps = explanation.spectra.map((s, i) => s.maps[model.classes.indexOf(truth[i]!)] ?? s.maps[0]!);
  const stats = classStatistics(maps, truth, predicted, model.classes, 0.1);
  const present = model.classes.filter((c) => (stats[c]?.n ?? 0) > 0);
  byId('batch-note').textContent = labels
    ? `Over correctly classified spectra (labels from the file): ${present.map((c) => `${c} n=${stats[c]!.n}`).join(', ')}.`
    : `No labels in the file: spectra grouped by predicted class: ${present.map((c) => `${c} n=${stats[c]!.n}`).join(', ')}.`;
  drawLineChart(byId('class-mean-chart'), {
    axis: model.axis,
    unit: model.unit,
    yLabel: 'mean scaled importance ± std',
    yDomain: [0, 1],
    series: present.map((c, k) => ({ label: c, values: stats[c]!.mean, spread: stats[c]!.std, colour: COLOURS[k % COLOURS.length]! })),
  });
  drawLineChart(byId('frequency-chart'), {
    axis: model.axis,
    unit: model.unit,
    yLabel: 'share of spectra with the variable in their top 10 %',
    yDomain: [0, 1],
    series: present.map((c, k) => ({ label: c, values: stats[c]!.frequency, colour: COLOURS[k % COLOURS.length]! })),
  });
}
