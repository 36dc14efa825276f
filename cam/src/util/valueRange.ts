/**
 * Writes [min, max, 1 if any value is NaN or infinite else 0] of the first `length` values into
 * `range`: the summary callers need to scale a map and to refuse a broken one, in one pass.
 */
export function valueRange(values: Float64Array, length: number, range: Float64Array): void {
  let min = Infinity;
  let max = -Infinity;
  let bad = 0;
  for (let q = 0; q < length; q++) {
    const v = values[q]!;
    if (v - v !== 0) bad = 1;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  range[0] = min;
  range[1] = max;
  range[2] = bad;
}
