/** Number of histogram bins over a map's samples that place a TopScan's bracket. */
const SAMPLE_BINS = 256;
// The bracket aims at about 0.8 k values above its ceiling and 1.2 k above its floor: wide enough
// that a spline between samples rarely leaves it, narrow enough that few values are ranked. On a
// 1733-variable model it missed (and was widened) for 0 of 256 trained maps and 9 of 256 noisy
// maps of an untrained one (bench/src/explainThroughput.ts's two models).
const CEILING_SHARE = 0.8;
const FLOOR_SHARE = 1.2;

/**
 * What top selection needs from a map, gathered in the pass that computes it (the interpolators'
 * `interpolateScanned`): its minimum, maximum and first maximum, and a bracket floor < t <= ceiling
 * around the threshold t of its top k values, with every index whose value exceeds the floor (in
 * ascending order) and the count of values above the ceiling. The top k then come from those few
 * indices alone: scanThreshold ranks the values inside the bracket, regionsFromScan walks the
 * indices. Reused map after map.
 */
export class TopScan {
  /** Indices (ascending) of the values above `floor`; the first `count` entries are valid. */
  readonly indices: Int32Array;
  count = 0;
  floor = -Infinity;
  ceiling = Infinity;
  /** How many values exceed `ceiling`. */
  above = 0;
  min = 0;
  max = 0;
  peakIndex = 0;
  /** False for a map with a non-finite value or no range: callers take their checked path. */
  ok = false;

  constructor(readonly length: number) {
    this.indices = new Int32Array(length);
  }
}

const counts = new Int32Array(SAMPLE_BINS);

/**
 * Places `scan`'s bracket for the top k of a map of scan.length values from samples of it, every
 * `stride`-th of values[offset .. offset + n) (a spline's values at its knots), within the range
 * lo..hi the caller found for them: the sample histogram's edges nearest the shares CEILING_SHARE
 * and FLOOR_SHARE of k. Only an estimate: the pass that fills the scan checks it (bracketHolds)
 * and widens it where it missed.
 */
export function bracketFromSamples(
  values: ArrayLike<number>,
  offset: number,
  n: number,
  stride: number,
  lo: number,
  hi: number,
  k: number,
  scan: TopScan,
): void {
  const scale = SAMPLE_BINS / (hi - lo);
  if (!(hi > lo) || !Number.isFinite(scale)) {
    scan.floor = -Infinity;
    scan.ceiling = Infinity;
    return;
  }
  counts.fill(0);
  let used = 0;
  for (let i = offset, end = offset + n; i < end; i += stride, used++) counts[binOf(values[i]!, lo, scale)]!++;
  const samples = (k * used) / scan.length;
  let bin = SAMPLE_BINS - 1;
  let seen = 0;
  while (bin >= 0 && seen + counts[bin]! <= CEILING_SHARE * samples) seen += counts[bin--]!;
  scan.ceiling = bin === SAMPLE_BINS - 1 ? hi : lo + (bin + 1) / scale;
  while (bin >= 0 && seen + counts[bin]! < FLOOR_SHARE * samples) seen += counts[bin--]!;
  if (bin < 0) {
    scan.floor = -Infinity;
    return;
  }
  // The floor lies in `bin`. Where that bin holds many samples (maps whose values pile up near
  // zero, far below a few strong peaks), its lower edge would let the pile in: on the trained
  // model 21 of 256 maps listed 800-1500 indices instead of about 220. A histogram of that bin
  // alone places the floor inside it.
  const binLo = lo + bin / scale;
  if (seen + counts[bin]! <= 2 * FLOOR_SHARE * samples) {
    scan.floor = binLo;
    return;
  }
  const fine = SAMPLE_BINS * scale;
  counts.fill(0);
  for (let i = offset, end = offset + n; i < end; i += stride) {
    const v = values[i]!;
    if (binOf(v, lo, scale) === bin) counts[binOf(v, binLo, fine)]!++;
  }
  let sub = SAMPLE_BINS - 1;
  while (sub >= 0 && seen < FLOOR_SHARE * samples) seen += counts[sub--]!;
  scan.floor = binLo + (sub + 1) / fine;
}

/** The histogram bin of v for bins of width 1 / scale from lo, clamped to the first and last. */
function binOf(v: number, lo: number, scale: number): number {
  const b = ((v - lo) * scale) | 0;
  return b < SAMPLE_BINS ? (b > 0 ? b : 0) : SAMPLE_BINS - 1;
}

/** Whether the bracket holds the k-th largest value: fewer than k values above it, k or more above its floor. */
export function bracketHolds(scan: TopScan, k: number): boolean {
  return scan.above < k && scan.count >= k;
}

/** The widest bracket: every index, nothing above the ceiling. Always holds. */
export function widenScan(scan: TopScan): TopScan {
  scan.floor = -Infinity;
  scan.ceiling = Infinity;
  scan.above = 0;
  const { indices, length } = scan;
  for (let q = 0; q < length; q++) indices[q] = q;
  scan.count = length;
  return scan;
}

/** Fills `scan` from a map already computed: for maps that have no faster way (widest bracket). */
export function scanMap(map: ArrayLike<number>, scan: TopScan): TopScan {
  const p = scan.length;
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
  scan.min = min;
  scan.max = max;
  scan.peakIndex = peakIndex;
  scan.ok = finite && max > min && Number.isFinite(max - min);
  return widenScan(scan);
}
