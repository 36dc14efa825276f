import type { ExplainedSpectrum } from './explainedSpectrum.js';
import type { TruthRegion } from './pointingGame.js';

/** Share of correctly classified spectra whose first map peaks near a ground-truth band. */
export interface PeakOnBand {
  tested: number;
  correct: number;
  /** Correct spectra whose map peak lies within `tolerance` of a band. */
  hits: number;
  share: number;
}

/**
 * The pointing game on bands: of the spectra whose prediction equals their label, how many have the
 * maximum of their (first) map within `tolerance` axis units of one of `bands`, each a position or
 * a region (start..end, e.g. a band's position +- half its width, as `audit --truth` reads it).
 */
export function peakOnBand(explained: readonly ExplainedSpectrum[], labels: readonly string[], bands: readonly (number | TruthRegion)[], tolerance = 10): PeakOnBand {
  if (explained.length !== labels.length) throw new RangeError(`peakOnBand: ${explained.length} explanations for ${labels.length} labels`);
  let correct = 0;
  let hits = 0;
  explained.forEach((e, i) => {
    if (e.predicted !== labels[i]) return;
    correct++;
    const peak = e.maps[0]!.peak;
    const near = (b: number | TruthRegion) => (typeof b === 'number' ? Math.abs(peak - b) <= tolerance : peak >= Math.min(b.start, b.end) - tolerance && peak <= Math.max(b.start, b.end) + tolerance);
    if (bands.some(near)) hits++;
  });
  return { tested: explained.length, correct, hits, share: correct ? hits / correct : 0 };
}
