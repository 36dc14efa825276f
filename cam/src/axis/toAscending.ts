/**
 * Returns the axis in ascending order and the rows reordered to match. A descending axis (common
 * for mid-IR exports) is reversed together with its rows; an ascending one is returned as is.
 * Throws a RangeError naming the first position where the axis is not strictly monotonic.
 */
export function toAscending<T extends ArrayLike<number>>(
  axis: ArrayLike<number>,
  rows: T[] = [],
): { axis: Float64Array; rows: Float64Array[]; reversed: boolean } {
  const n = axis.length;
  if (n === 0) throw new RangeError('axis is empty: expected at least one value');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(axis[i])) throw new RangeError(`axis value ${i + 1} is ${axis[i]}: expected a finite number`);
  }
  const reversed = n > 1 && axis[1] < axis[0];
  for (let i = 1; i < n; i++) {
    const step = axis[i] - axis[i - 1];
    if (reversed ? step >= 0 : step <= 0) {
      throw new RangeError(
        `axis is not strictly monotonic at value ${i + 1} (${axis[i - 1]} then ${axis[i]}): expected strictly ${reversed ? 'descending' : 'ascending'} values`,
      );
    }
  }
  const flip = (values: ArrayLike<number>, what: string): Float64Array => {
    if (values.length !== n) throw new RangeError(`${what} has ${values.length} values: expected ${n}, one per axis value`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = reversed ? values[n - 1 - i] : values[i];
    return out;
  };
  return { axis: flip(axis, 'axis'), rows: rows.map((row, r) => flip(row, `row ${r + 1}`)), reversed };
}
