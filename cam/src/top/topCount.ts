import { assertFraction, assertPositiveInteger } from '../util/checks.js';

/**
 * How many variables make the top `fraction` of p: ceil(fraction * p), at least 1, so "top 10 %"
 * never holds fewer than 10 % of the variables (173.3 -> 174). A 1e-9 allowance keeps float noise
 * (0.1 * 1730 = 173.00000000000003) from adding one.
 */
export function topCount(p: number, fraction = 0.1): number {
  assertPositiveInteger(p, 'p');
  assertFraction(fraction, 'fraction');
  return Math.min(p, Math.max(1, Math.ceil(fraction * p - 1e-9)));
}
