import type { TopScan } from './topScan.js';

/**
 * Marks the `k` largest values of `map` in `mask` (1 = selected, others 0); ties at the
 * threshold go to the lower index, so the selection is deterministic. Linear time: a
 * quickselect finds the threshold and one pass marks, so explaining a spectrum costs O(p)
 * however many variables are kept. Callers check `map` and `k` first.
 */
export function selectTop(map: ArrayLike<number>, k: number, mask: Uint8Array): Uint8Array {
  const p = map.length;
  const threshold = topThreshold(map, k).threshold;
  let picked = 0;
  for (let i = 0; i < p; i++) {
    const above = map[i]! > threshold;
    mask[i] = above ? 1 : 0;
    if (above) picked++;
  }
  for (let i = 0; i < p && picked < k; i++) {
    if (map[i] === threshold) {
      mask[i] = 1;
      picked++;
    }
  }
  return mask;
}

/** Where the top `k` of a map start: the k-th largest value and how many values exceed it. */
export interface TopThreshold {
  threshold: number;
  above: number;
}

const BINS = 1024;
const counts = new Int32Array(BINS);
const result: TopThreshold = { threshold: 0, above: 0 };

/**
 * The k-th largest (1-based) value of `map` (left unchanged) and the count of values above it.
 * A histogram over [min, max] finds the bin that holds the k-th largest; a quickselect among that
 * bin's values gives it exactly. Three linear passes, no sorting. The returned object is reused
 * by the next call. Callers check `map` (finite) and `k` (1..length); `knownMin` and `knownMax`,
 * when given, must be the map's exact minimum and maximum (a min-max scaled map: 0 and 1).
 */
export function topThreshold(map: ArrayLike<number>, k: number, knownMin?: number, knownMax?: number): TopThreshold {
  const p = map.length;
  let min = Infinity;
  let max = -Infinity;
  if (knownMin !== undefined && knownMax !== undefined) {
    min = knownMin;
    max = knownMax;
  } else {
    for (let i = 0; i < p; i++) {
      const v = map[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const scale = BINS / (max - min);
  if (!(max > min) || !Number.isFinite(scale)) {
    const threshold = kthLargest(copyToScratch(map), p, k);
    let above = 0;
    for (let i = 0; i < p; i++) if (map[i]! > threshold) above++;
    result.threshold = threshold;
    result.above = above;
    return result;
  }
  counts.fill(0);
  // Bins are monotone in the value (subtraction, scaling and truncation all are), so every
  // value of a higher bin is larger than every value of a lower one.
  for (let i = 0; i < p; i++) {
    const b = ((map[i]! - min) * scale) | 0;
    counts[b < BINS ? b : BINS - 1]!++;
  }
  const { bin, higher } = binOfKth(counts, k);
  if (scratch.length < counts[bin]!) scratch = new Float64Array(p);
  let m = 0;
  for (let i = 0; i < p; i++) {
    const v = map[i]!;
    const b = ((v - min) * scale) | 0;
    if ((b < BINS ? b : BINS - 1) === bin) scratch[m++] = v;
  }
  return rankBin(m, k, higher);
}

/** Bins over a TopScan's bracket (plus one for the values above it). */
const BRACKET_BINS = 64;
const bracketCounts = new Int32Array(BRACKET_BINS + 1);

/**
 * topThreshold of a map whose TopScan was filled in the pass that computed it: only the values
 * above the scan's floor are looked at. The bracket must hold (bracketHolds). As in
 * topThreshold, a histogram (here over the bracket) finds the bin of the k-th largest and only
 * that bin's few values are ranked; a quickselect over all of the bracket's values (about 0.4 k)
 * was measured 10 % slower.
 */
export function scanThreshold(map: ArrayLike<number>, k: number, scan: TopScan): TopThreshold {
  const { indices, count, floor, ceiling } = scan;
  const scale = BRACKET_BINS / (ceiling - floor);
  if (scratch.length < count) scratch = new Float64Array(scan.length);
  if (!(scale > 0 && scale < Infinity)) {
    // A widened scan (no floor): rank every listed value.
    for (let i = 0; i < count; i++) scratch[i] = map[indices[i]!]!;
    return rankBin(count, k, 0);
  }
  // Bins are monotone in the value; every listed value is above the floor, so bins start at 0,
  // and all values past the ceiling share the last (compared before truncating: `| 0` wraps
  // values far above the ceiling around 2^31).
  bracketCounts.fill(0);
  for (let i = 0; i < count; i++) {
    const x = (map[indices[i]!]! - floor) * scale;
    bracketCounts[x < BRACKET_BINS ? x | 0 : BRACKET_BINS]!++;
  }
  const { bin, higher } = binOfKth(bracketCounts, k);
  let m = 0;
  for (let i = 0; i < count; i++) {
    const v = map[indices[i]!]!;
    const x = (v - floor) * scale;
    if ((x < BRACKET_BINS ? x | 0 : BRACKET_BINS) === bin) scratch[m++] = v;
  }
  return rankBin(m, k, higher);
}

const kth = { bin: 0, higher: 0 };

/**
 * The histogram bin holding the k-th largest value, and how many values lie in higher bins. The
 * returned object is reused (this runs once per explained map).
 */
function binOfKth(counts: Int32Array, k: number): { bin: number; higher: number } {
  let bin = counts.length - 1;
  let higher = 0;
  while (higher + counts[bin]! < k) higher += counts[bin--]!;
  kth.bin = bin;
  kth.higher = higher;
  return kth;
}

/**
 * The threshold from the m candidate values in scratch, `higher` values being known to lie above
 * them all, and the count of values above it.
 */
function rankBin(m: number, k: number, higher: number): TopThreshold {
  const threshold = kthLargest(scratch, m, k - higher);
  let above = higher;
  for (let i = 0; i < m; i++) if (scratch[i]! > threshold) above++;
  result.threshold = threshold;
  result.above = above;
  return result;
}

// One scratch buffer reused across calls (JS runs one call at a time), so selecting the top
// variables of many spectra allocates nothing per spectrum.
let scratch = new Float64Array(0);

function copyToScratch(map: ArrayLike<number>): Float64Array {
  if (scratch.length < map.length) scratch = new Float64Array(map.length);
  if (ArrayBuffer.isView(map)) scratch.set(map as unknown as ArrayLike<number>);
  else for (let i = 0; i < map.length; i++) scratch[i] = map[i]!;
  return scratch;
}

/** k-th largest (1-based) of values[0..n) by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
