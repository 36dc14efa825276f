import { assertFiniteArray } from '../util/checks.js';
import { topCount } from './topCount.js';
import { selectTop } from './selectTop.js';

/**
 * Indices of the top `fraction` of variables (see topCount), highest value first; ties go to the
 * lower index, so the result is deterministic. A selection pass finds them in O(p) and only the
 * selected few are sorted: this runs once per explained spectrum.
 */
export function topVariables(map: ArrayLike<number>, fraction = 0.1): Uint32Array {
  assertFiniteArray(map, 'map');
  const p = map.length;
  if (p === 0) throw new RangeError(`'map' must not be empty`);
  const k = topCount(p, fraction);
  const mask = selectTop(map, k, new Uint8Array(p));
  const picked = new Uint32Array(k);
  for (let i = 0, n = 0; i < p; i++) if (mask[i]) picked[n++] = i;
  // Indices ascend already, so a stable sort by value keeps lower indices first among ties.
  return picked.sort((a, b) => map[b]! - map[a]! || a - b);
}
