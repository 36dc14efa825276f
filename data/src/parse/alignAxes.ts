import { commonAxis, resampleLinear, toAscending } from '@spectracam/cam';

/**
 * Brings every spectrum onto one ascending axis. Spectra sharing one axis are only flipped when
 * it descends; spectra on different axes are resampled linearly onto the common overlapping
 * range, and a note says so (resampling smooths a little and drops the non-shared ends).
 */
export function alignAxes(
  axes: Float64Array[],
  values: Float64Array[],
  places: string[],
): { axis: Float64Array; spectra: Float32Array[]; note?: string } {
  const distinct = distinctAxes(axes);
  if (distinct.length === 1) {
    let flipped;
    try {
      // The axis alone: the rows go to float32 in one copy, reversed with it where it descends.
      flipped = toAscending(distinct[0]);
    } catch (error) {
      throw new Error(`${places[0] ?? 'data'}: ${(error as Error).message}`, { cause: error });
    }
    const n = flipped.axis.length;
    const spectra = values.map((row, r) => {
      if (row.length !== n) throw new Error(`${places[r] ?? 'data'}: ${row.length} values; expected ${n}, one per axis value`);
      const out = new Float32Array(row);
      return flipped.reversed ? out.reverse() : out;
    });
    return { axis: flipped.axis, spectra };
  }
  axes.forEach((axis, i) => {
    try {
      toAscending(axis);
    } catch (error) {
      throw new Error(`${places[i]}: ${(error as Error).message}`, { cause: error });
    }
  });
  const axis = commonAxis(distinct);
  const spectra = values.map((row, i) => Float32Array.from(resampleLinear(axes[i], row, axis)));
  const note =
    `spectra come on ${distinct.length} different axes; all were resampled (linear) onto the common range ` +
    `${axis[0]}..${axis[axis.length - 1]} with ${axis.length} points`;
  return { axis, spectra, note };
}

function distinctAxes(axes: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const axis of axes) {
    if (!out.some((known) => known === axis || sameValues(known, axis))) out.push(axis);
  }
  return out;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
