import { sgg } from 'ml-savitzky-golay-generalized';

/** The study's Savitzky-Golay first derivative for PLS-LDA on Raman spectra: window 11, quadratic. */
export const READOUT_DERIVATIVE = { windowSize: 11, polynomial: 2 } as const;

/** A linear map D of spectra on one axis, with its transpose (to fold a linear model on D x back onto x). */
export interface LinearOperator {
  apply(spectrum: ArrayLike<number>): Float64Array;
  /** D^T y. */
  transposeApply(y: ArrayLike<number>): Float64Array;
}

/**
 * The Savitzky-Golay first derivative (per axis unit, irregular axes allowed) as a linear operator;
 * undefined when the spectrum is shorter than the window. The filter is linear in the values, so
 * D's columns are the filter of unit vectors; they are built once, sparse, on the first transpose.
 */
export function savitzkyGolayDerivative(axis: ArrayLike<number>): LinearOperator | undefined {
  const p = axis.length;
  if (p < READOUT_DERIVATIVE.windowSize) return undefined;
  const x = Float64Array.from(axis);
  const apply = (spectrum: ArrayLike<number>) => {
    if (spectrum.length !== p) throw new RangeError(`derivative: a spectrum of ${spectrum.length} values on an axis of ${p}`);
    return Float64Array.from(sgg(Float64Array.from(spectrum), x, { ...READOUT_DERIVATIVE, derivative: 1 }) as ArrayLike<number>);
  };
  let columns: { rows: Int32Array; values: Float64Array }[] | undefined;
  const buildColumns = () => {
    const unit = new Float64Array(p);
    return Array.from({ length: p }, (_, j) => {
      unit.fill(0);
      unit[j] = 1;
      const column = apply(unit);
      const rows: number[] = [];
      column.forEach((v, i) => v !== 0 && rows.push(i));
      return { rows: Int32Array.from(rows), values: Float64Array.from(rows, (i) => column[i]!) };
    });
  };
  return {
    apply,
    transposeApply(y) {
      columns ??= buildColumns();
      return Float64Array.from(columns, ({ rows, values }) => {
        let s = 0;
        for (let k = 0; k < rows.length; k++) s += values[k]! * y[rows[k]!]!;
        return s;
      });
    },
  };
}
