import type { ConvSpec, Padding } from './geometry.js';

/**
 * Default kernels and strides from the number of variables p.
 *
 * Rule: Conv1's kernel spans about 1.2 % of the spectrum (p / 82, odd, between 7 and 21): on
 * the study's Raman axis (1733 points, ~1.1 cm-1 each) that is 21 points, ~24 cm-1, the width of a
 * band, so Conv1 can act like a Savitzky-Golay smoother/derivative over one band. Conv2 halves it
 * (odd, at least 5) and Conv3 is 5 or 3 wide, so Conv3's receptive field covers a few bands.
 * Strides 2, 2, 1 for p >= 1024 keep Conv3 at about p/4 positions (enough resolution for CAM while
 * cutting the cost 4x); shorter spectra (MIR meat: 448) keep stride 1, 2, 1 so Conv3 still has
 * over 100 positions. 1733 -> kernels 21, 11, 5, strides 2, 2, 1 (the study's reference).
 */
export function defaultConvSpec(inputLength: number, padding: Padding = 'same'): ConvSpec {
  if (!Number.isInteger(inputLength) || inputLength < 8) {
    throw new RangeError(`defaultConvSpec: expected an input length of at least 8 variables, got ${inputLength}`);
  }
  const odd = (x: number) => 2 * Math.floor(x / 2) + 1;
  const k1 = Math.min(21, Math.max(7, odd(inputLength / 82)));
  const k2 = Math.max(5, odd(k1 / 2));
  const k3 = k1 >= 15 ? 5 : 3;
  const strides: [number, number, number] = inputLength >= 1024 ? [2, 2, 1] : [1, 2, 1];
  return { kernels: [k1, k2, k3], strides, padding };
}
