import { commonAxis, resampleLinear, toAscending } from '@spectracam/cam';

export interface AlignOptions {
  /** Where value `index` of a shared axis sits (RawSpectra.axisAt): its errors name that place, not the first spectrum. */
  axisAt?: (index: number) => string;
}

/**
 * Brings every spectrum onto one ascending axis. Spectra sharing one axis are only flipped when
 * it descends; spectra on different axes are resampled linearly onto the common overlapping
 * range, and a note says so, naming the spectra that bound it (resampling smooths a little and
 * drops the non-shared ends).
 */
export function alignAxes(
  axes: Float64Array[],
  values: Float64Array[],
  places: string[],
  options: AlignOptions = {},
): { axis: Float64Array; spectra: Float32Array[]; note?: string } {
  const distinct = distinctAxes(axes);
  if (distinct.length === 1) {
    let flipped;
    try {
      // The axis alone: the rows go to float32 in one copy, reversed with it where it descends.
      flipped = toAscending(distinct[0]);
    } catch (error) {
      const at = options.axisAt?.(axisProblemAt(distinct[0])) ?? places[0] ?? 'data';
      throw new Error(`${at}: ${(error as Error).message}`, { cause: error });
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
  const low = axis[0]!;
  const high = axis[axis.length - 1]!;
  const note =
    `spectra come on ${distinct.length} different axes; all were resampled (linear) onto the common range ` +
    `${low}..${high} with ${axis.length} points (${bounds(axes, places, low, high)})`;
  return { axis, spectra, note };
}

/** The index where toAscending finds the axis not finite or not strictly monotonic (0 when it cannot tell). */
function axisProblemAt(axis: Float64Array): number {
  for (let i = 0; i < axis.length; i++) if (!Number.isFinite(axis[i])) return i;
  const descending = axis.length > 1 && axis[1]! < axis[0]!;
  for (let i = 1; i < axis.length; i++) {
    const step = axis[i]! - axis[i - 1]!;
    if (descending ? step >= 0 : step <= 0) return i;
  }
  return 0;
}

/** Which spectrum sets each end of the common range, so that a user sees what narrowed it. */
function bounds(axes: Float64Array[], places: string[], low: number, high: number): string {
  const lowAt = axes.findIndex((a) => Math.min(a[0]!, a[a.length - 1]!) === low);
  const highAt = axes.findIndex((a) => Math.max(a[0]!, a[a.length - 1]!) === high);
  const name = (i: number) => (i >= 0 ? (places[i] ?? `spectrum ${i + 1}`) : 'several');
  return lowAt === highAt ? `both ends set by ${name(lowAt)}` : `low end set by ${name(lowAt)}, high end by ${name(highAt)}`;
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
