import { assertFiniteArray, assertLength } from '../util/checks.js';
import { topCount } from './topCount.js';
import { topThreshold } from './selectTop.js';
import type { TopScan } from './topScan.js';

/** A run of contiguous top variables. Indices are inclusive; positions are in axis units. */
export interface Region {
  startIndex: number;
  endIndex: number;
  /** axis[startIndex] and axis[endIndex] (in index order, so start > end on a descending axis). */
  start: number;
  end: number;
  /** Axis position of the most important variable of the region. */
  peak: number;
  peakIndex: number;
  /** Mean map value over the region. */
  score: number;
}

/**
 * The top `fraction` of variables of a (scaled) map merged into contiguous regions. Regions come
 * most important first: by the map value at their peak, then by score, then by position.
 */
export function topRegions(scaledMap: ArrayLike<number>, axis: ArrayLike<number>, fraction = 0.1): Region[] {
  assertFiniteArray(axis, 'axis');
  assertLength(axis, scaledMap.length, 'axis', 'one position per map value');
  assertFiniteArray(scaledMap, 'map');
  if (scaledMap.length === 0) throw new RangeError(`'map' must not be empty`);
  return regionsOfTop(scaledMap, axis, topCount(scaledMap.length, fraction));
}

/**
 * `topRegions` for a map and axis known to be valid (finite, same length, 1 <= k <= length) and
 * a count `k` of top variables: the per-spectrum path of explain, which checks once per batch.
 * Selects as `selectTop` does (ties at the threshold go to the lower index) and merges the
 * selection into regions in the same pass, allocating only the regions. `knownMin`/`knownMax`:
 * the map's exact minimum and maximum when the caller knows them (0 and 1 after min-max scaling).
 */
export function regionsOfTop(
  scaledMap: ArrayLike<number>,
  axis: ArrayLike<number>,
  k: number,
  knownMin?: number,
  knownMax?: number,
): Region[] {
  const { threshold, above } = topThreshold(scaledMap, k, knownMin, knownMax);
  return regionsAbove(scaledMap, axis, threshold, k - above);
}

/**
 * The regions of a map's top variables given the selection's threshold: every value above it,
 * and the first `ties` values equal to it (ties go to the lower index). Sorted as topRegions
 * sorts. Also serves unscaled maps: min-max scaling keeps the order, so only scores change.
 */
export function regionsAbove(map: ArrayLike<number>, axis: ArrayLike<number>, threshold: number, ties: number): Region[] {
  return regionsAmong(map, axis, undefined, map.length, threshold, ties);
}

/**
 * regionsAbove from a TopScan of the map whose bracket holds `threshold`: every value above the
 * threshold is among the scan's indices, so only they are walked (about 1.2 k of them instead of
 * the whole map). Same regions, same order.
 */
export function regionsFromScan(map: ArrayLike<number>, axis: ArrayLike<number>, scan: TopScan, threshold: number, ties: number): Region[] {
  return regionsAmong(map, axis, scan.indices, scan.count, threshold, ties);
}

/**
 * The regions of the values above the threshold (and the first `ties` equal to it) among the
 * ascending `indices[0 .. count)`, or among all indices 0 .. count-1 without them. A gap in the
 * indices ends a region: the indices left out must hold values below the threshold.
 */
function regionsAmong(
  map: ArrayLike<number>,
  axis: ArrayLike<number>,
  indices: Int32Array | undefined,
  count: number,
  threshold: number,
  ties: number,
): Region[] {
  const regions: Region[] = [];
  let j = 0;
  while (j < count) {
    const i = indices ? indices[j]! : j;
    const v = map[i]!;
    if (!(v > threshold || (v === threshold && ties > 0))) {
      j++;
      continue;
    }
    let peakIndex = i;
    let peakValue = v;
    let sum = 0;
    let next = i;
    while (j < count && (indices ? indices[j] : j) === next) {
      const w = map[next]!;
      if (!(w > threshold)) {
        if (w === threshold && ties > 0) ties--;
        else break;
      }
      if (w > peakValue) {
        peakValue = w;
        peakIndex = next;
      }
      sum += w;
      next++;
      j++;
    }
    regions.push({ startIndex: i, endIndex: next - 1, start: axis[i]!, end: axis[next - 1]!, peak: axis[peakIndex]!, peakIndex, score: sum / (next - i) });
  }
  return sortRegions(regions, map);
}

/** Most important first: by the map value at the peak, then by score, then by position. */
function sortRegions(regions: Region[], map: ArrayLike<number>): Region[] {
  return regions.sort((a, b) => map[b.peakIndex]! - map[a.peakIndex]! || b.score - a.score || a.startIndex - b.startIndex);
}
