import { assertFiniteArray } from '../util/checks.js';
import { topCount } from './topCount.js';

/**
 * Indices of the top `fraction` of variables (see topCount), highest value first; ties go to the
 * lower index, so the result is deterministic. A selection pass finds the threshold in O(p)
 * and only the selected few are sorted: this runs once per explained spectrum.
 */
export function topVariables(map: ArrayLike<number>, fraction = 0.1): Uint32Array {
  assertFiniteArray(map, 'map');
  const p = map.length;
  if (p === 0) throw new RangeError(`'map' must not be empty`);
  const k = topCount(p, fraction);
  const threshold = kthLargest(Float64Array.from(map), k);
  const picked: number[] = [];
  for (let i = 0; i < p; i++) if (map[i]! > threshold) picked.push(i);
  for (let i = 0; i < p && picked.length < k; i++) if (map[i] === threshold) picked.push(i);
  picked.sort((a, b) => map[b]! - map[a]! || a - b);
  return Uint32Array.from(picked);
}

/** k-th largest value (1-based) by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
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
