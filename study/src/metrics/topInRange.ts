import type { ExplainedSpectrum } from './explainedSpectrum.js';

/**
 * Per class, over correctly classified spectra, how often the top variables "fall within" an axis
 * range, by two definitions: `peakRegion` = the top region holding the map's peak overlaps the
 * range; `majority` = at least half of the top variables lie inside it.
 */
export interface RangeShare {
  n: number;
  peakRegion: number;
  majority: number;
}

/** RangeShare per class of `classes` for explanations of spectra labelled `labels`, on `axis`. */
export function topInRange(
  explained: readonly ExplainedSpectrum[],
  labels: readonly string[],
  classes: readonly string[],
  axis: ArrayLike<number>,
  range: readonly [number, number],
): Record<string, RangeShare> {
  const [lo, hi] = range;
  const out: Record<string, RangeShare> = Object.fromEntries(classes.map((c) => [c, { n: 0, peakRegion: 0, majority: 0 }]));
  explained.forEach((e, i) => {
    if (e.predicted !== labels[i]) return;
    const share = out[e.predicted];
    if (!share) return;
    const m = e.maps[0]!;
    share.n++;
    const holding = m.regions.find((r) => r.startIndex <= m.peakIndex && m.peakIndex <= r.endIndex);
    if (holding) {
      const [a, b] = [Math.min(holding.start, holding.end), Math.max(holding.start, holding.end)];
      if (a <= hi && b >= lo) share.peakRegion++;
    }
    let inside = 0;
    let total = 0;
    for (const r of m.regions) {
      for (let j = r.startIndex; j <= r.endIndex; j++) {
        total++;
        if (axis[j]! >= lo && axis[j]! <= hi) inside++;
      }
    }
    if (total > 0 && inside * 2 >= total) share.majority++;
  });
  for (const s of Object.values(out)) {
    if (s.n) {
      s.peakRegion /= s.n;
      s.majority /= s.n;
    }
  }
  return out;
}
