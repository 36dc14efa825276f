import type { ConvSpec, Padding } from '@spectracam/format';

const odd = (x: number) => 2 * Math.floor(x / 2) + 1;

/**
 * Default kernels and strides from the number of variables p (padding 'same').
 *
 * Long spectra (p >= 1024, Raman-like, ~1 cm-1 per point): Conv1's kernel spans ~1.2 % of the
 * spectrum (p / 82, odd, 7..21), about one band width, so Conv1 can act like a Savitzky-Golay
 * smoother/derivative; Conv2 halves it, Conv3 is 5 wide; strides 2, 2, 1 keep Conv3 at p/4
 * positions, enough resolution for CAM. 1733 -> kernels 21, 11, 5, strides 2, 2, 1 (the study's).
 *
 * Short spectra (p < 1024, e.g. MIR meat with 448): GAP discards position, so on few, similar
 * spectra the network does better when Conv3 sees a large part of the spectrum: kernels p / 14
 * (odd, 5..31), half, quarter, and strides 4, 4, 2 (2, 2, 1 below 256 variables). On meat
 * (448 -> kernels 31, 15, 7; Conv3 receptive field 183 variables, 14 positions) this was measured
 * best among the settings tried (bench/src/meatAccuracy.ts).
 */
export function defaultConvSpec(inputLength: number, padding: Padding = 'same'): ConvSpec {
  if (!Number.isInteger(inputLength) || inputLength < 8) {
    throw new RangeError(`defaultConvSpec: expected an input length of at least 8 variables, got ${inputLength}`);
  }
  if (inputLength >= 1024) {
    const k1 = Math.min(21, Math.max(7, odd(inputLength / 82)));
    const k2 = Math.max(5, odd(k1 / 2));
    return { kernels: [k1, k2, 5], strides: [2, 2, 1], padding };
  }
  const k1 = Math.min(31, Math.max(5, odd(inputLength / 14)));
  const k2 = Math.max(3, odd(k1 / 2));
  const k3 = Math.max(3, odd(k2 / 2));
  return { kernels: [k1, k2, k3], strides: inputLength >= 256 ? [4, 4, 2] : [2, 2, 1], padding };
}
