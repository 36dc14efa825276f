/**
 * An ascending, evenly spaced axis over the range that every input axis covers, as dense as the
 * densest input inside that range (its number of points there, so its spacing). Used to bring
 * spectra measured on slightly different calibrations onto one axis before training.
 * Throws a RangeError when the axes do not overlap.
 */
export function commonAxis(axes: ArrayLike<number>[]): Float64Array {
  if (axes.length === 0) throw new RangeError('commonAxis needs at least one axis');
  let low = -Infinity;
  let high = Infinity;
  axes.forEach((axis, a) => {
    if (axis.length < 2) throw new RangeError(`axis ${a + 1} has ${axis.length} values: expected at least 2`);
    const first = axis[0];
    const last = axis[axis.length - 1];
    low = Math.max(low, Math.min(first, last));
    high = Math.min(high, Math.max(first, last));
  });
  if (!(high > low)) {
    throw new RangeError(`the axes do not overlap (common range ${low}..${high}): expected a shared range`);
  }
  // Densest input: the most points inside [low, high].
  let points = 2;
  for (const axis of axes) {
    let inside = 0;
    for (let i = 0; i < axis.length; i++) if (axis[i] >= low && axis[i] <= high) inside++;
    points = Math.max(points, inside);
  }
  const out = new Float64Array(points);
  const step = (high - low) / (points - 1);
  for (let i = 0; i < points; i++) out[i] = low + i * step;
  out[points - 1] = high;
  return out;
}
