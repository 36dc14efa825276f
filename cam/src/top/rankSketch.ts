/** Number of histogram bins of a RankSketch. */
export const SKETCH_BINS = 1024;

/**
 * What top selection needs from a map, gathered in the pass that computes the map (see the
 * interpolators' `interpolateRanked`): its minimum, maximum and first maximum, and a histogram of
 * its values with each value's bin, over a range known to hold them all. With it the k-th largest
 * value is found by ranking the values of one bin only (sketchThreshold). Reused map after map.
 */
export class RankSketch {
  readonly counts = new Int32Array(SKETCH_BINS);
  readonly bins: Uint16Array;
  min = 0;
  max = 0;
  peakIndex = 0;
  /** False for a map with a non-finite value or no range: callers take their checked path. */
  ok = false;

  constructor(readonly length: number) {
    this.bins = new Uint16Array(length);
  }
}

/**
 * Fills `sketch` from a map already computed, in two passes (range, then bins over it): for maps
 * that have no faster way.
 */
export function sketchMap(map: Float64Array, sketch: RankSketch): RankSketch {
  const p = sketch.length;
  let min = Infinity;
  let max = -Infinity;
  let peakIndex = 0;
  let finite = true;
  for (let q = 0; q < p; q++) {
    const v = map[q]!;
    if (v - v !== 0) finite = false;
    if (v < min) min = v;
    if (v > max) {
      max = v;
      peakIndex = q;
    }
  }
  sketch.min = min;
  sketch.max = max;
  sketch.peakIndex = peakIndex;
  const scale = SKETCH_BINS / (max - min);
  sketch.ok = finite && max > min && Number.isFinite(scale) && Number.isFinite(max - min);
  if (!sketch.ok) return sketch;
  const { counts, bins } = sketch;
  counts.fill(0);
  for (let q = 0; q < p; q++) {
    const b = ((map[q]! - min) * scale) | 0;
    const bin = b < SKETCH_BINS ? b : SKETCH_BINS - 1;
    bins[q] = bin;
    counts[bin]!++;
  }
  return sketch;
}
