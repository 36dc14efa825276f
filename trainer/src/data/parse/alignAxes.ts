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
      flipped = toAscending(distinct[0], values);
    } catch (error) {
      throw new Error(`${places[0] ?? 'data'}: ${(error as Error).message}`, { cause: error });
    }
    return { axis: flipped.axis, spectra: flipped.rows.map((row) => Float32Array.from(row)) };
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
