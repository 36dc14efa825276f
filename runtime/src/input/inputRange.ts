import type { ModelMetadata } from '@spectracam/format';
import type { InputMatrix } from './toInputMatrix.js';

const FLOAT32_MAX = 3.4028234663852886e38;
/** Scaled inputs beyond this may overflow the network's float32 sums (kernel x channel terms). */
const NETWORK_LIMIT = 1e30;

/**
 * The largest input magnitude the model's float32 graph computes without overflow: SNV sums the
 * squares of p values; min-max scaling divides by the training range before the network.
 */
export function magnitudeLimit(metadata: ModelMetadata): number {
  const p = metadata.axis.length;
  const pre = metadata.preprocessing;
  if (!pre || pre.kind === 'none') return NETWORK_LIMIT;
  if (pre.kind === 'snv') return Math.sqrt(FLOAT32_MAX / p) / 2;
  const span = pre.kind === 'minmax-global' ? pre.max - pre.min : Math.min(...pre.max.map((m, j) => m - pre.min[j]!).filter((s) => s > 0));
  return Math.min(FLOAT32_MAX / 2, NETWORK_LIMIT * (Number.isFinite(span) && span > 0 ? span : 1));
}

/** Refuses rows whose values the float32 graph cannot carry, naming the spectrum, variable and value. */
export function checkMagnitude(matrix: InputMatrix, limit: number, label: (row: number) => string, axis: Float64Array): void {
  const { data, rows, columns } = matrix;
  for (let r = 0; r < rows; r++) {
    for (let j = r * columns, end = j + columns; j < end; j++) {
      const v = data[j]!;
      if (v > limit || v < -limit) {
        const k = j - r * columns;
        throw new RangeError(`${label(r)} has ${Number(v.toPrecision(6))} at variable ${k} (axis ${axis[k]}): beyond ±${limit.toExponential(2)}, where the model's float32 graph overflows; expected intensities of the training data's scale`);
      }
    }
  }
}

/**
 * How far each row lies outside what the model was trained on: the largest distance of a value
 * beyond its variable's training minimum or maximum, in units of the training data's whole range
 * (0 inside). Undefined for files that do not carry the training range.
 */
export function rangeExcess(matrix: InputMatrix, metadata: ModelMetadata): Float64Array | undefined {
  const range = metadata.inputRange;
  if (!range) return undefined;
  const { data, rows, columns } = matrix;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < columns; j++) {
    lo = Math.min(lo, range.min[j]!);
    hi = Math.max(hi, range.max[j]!);
  }
  const span = hi - lo > 0 ? hi - lo : 1;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let worst = 0;
    for (let j = 0; j < columns; j++) {
      const v = data[r * columns + j]!;
      const beyond = v > range.max[j]! ? v - range.max[j]! : v < range.min[j]! ? range.min[j]! - v : 0;
      if (beyond > worst) worst = beyond;
    }
    out[r] = worst / span;
  }
  return out;
}

/** Rows further outside the training range than this many training ranges are flagged `outOfRange`. */
export const OUT_OF_RANGE = 1;
