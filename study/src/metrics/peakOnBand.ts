import type { ExplainedSpectrum } from './explainedSpectrum.js';

/** Share of correctly classified spectra whose first map peaks near a ground-truth band. */
export interface PeakOnBand {
  tested: number;
  correct: number;
  /** Correct spectra whose map peak lies within `tolerance` of a band. */
  hits: number;
  share: number;
}

/**
 * The pointing game on band positions: of the spectra whose prediction equals their label, how
 * many have the maximum of their (first) map within `tolerance` axis units of one of `bands`.
 */
export function peakOnBand(explained: readonly ExplainedSpectrum[], labels: readonly string[], bands: readonly number[], tolerance = 10): PeakOnBand {
  if (explained.length !== labels.length) throw new RangeError(`peakOnBand: ${explained.length} explanations for ${labels.length} labels`);
  let correct = 0;
  let hits = 0;
  explained.forEach((e, i) => {
    if (e.predicted !== labels[i]) return;
    correct++;
    const peak = e.maps[0]!.peak;
    if (bands.some((b) => Math.abs(peak - b) <= tolerance)) hits++;
  });
  return { tested: explained.length, correct, hits, share: correct ? hits / correct : 0 };
}
