import { thresholdSpectra } from '@spectracam/format';
import type { SpectraModel } from '@spectracam/runtime';

/** The tab-separated cells predict and explain append per spectrum: the score, and `unknown` above its threshold. */
export function noveltyCells(r: { novelty?: number; unknown?: boolean }): string {
  return r.novelty === undefined ? '' : `\tnovelty ${Number(r.novelty.toPrecision(4))}${r.unknown ? '\tunknown' : ''}`;
}

/**
 * What predict and explain say once, after the results: how many spectra the score flagged, or
 * that the file has no score (exported before it, or with --no-novelty).
 */
export function noveltySummary(model: SpectraModel, unknown: number, total: number): string[] {
  const n = model.metadata.novelty;
  if (!n) return ['note: this model file has no unknown-sample score (exported before it, or with --no-novelty): spectra unlike the training data are not flagged'];
  if (unknown === 0) return [];
  return [
    `warning: ${unknown} of ${total} spectra are unknown: unlike the training data (novelty above ${Number(n.threshold.toPrecision(4))}, ` +
      `the ${100 * n.quantile} % quantile of ${thresholdSpectra(n.thresholdFrom)}); their classes are guesses`,
  ];
}
