import { assertFiniteArray, assertLength } from '../util/checks.js';
import { topCount } from './topCount.js';
import { selectTop } from './selectTop.js';

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
  // Regions need the set of top variables, not their order: select without sorting.
  const selected = selectTop(scaledMap, topCount(scaledMap.length, fraction), new Uint8Array(scaledMap.length));
  const regions: Region[] = [];
  for (let i = 0; i < selected.length; i++) {
    if (!selected[i]) continue;
    let j = i;
    let peakIndex = i;
    let sum = 0;
    while (j < selected.length && selected[j]) {
      if (scaledMap[j]! > scaledMap[peakIndex]!) peakIndex = j;
      sum += scaledMap[j]!;
      j++;
    }
    regions.push({
      startIndex: i,
      endIndex: j - 1,
      start: axis[i]!,
      end: axis[j - 1]!,
      peak: axis[peakIndex]!,
      peakIndex,
      score: sum / (j - i),
    });
    i = j - 1;
  }
  return regions.sort(
    (a, b) => scaledMap[b.peakIndex]! - scaledMap[a.peakIndex]! || b.score - a.score || a.startIndex - b.startIndex,
  );
}
