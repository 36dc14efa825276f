import airPLS from 'ml-airpls';
import { sgg } from 'ml-savitzky-golay-generalized';

/** Per-spectrum preprocessing the study applies before PLS-LDA on Raman data (none for meat). */
export interface PlsPreprocessOptions {
  /** airPLS baseline correction; `true` for its defaults. @default false */
  baseline?: boolean | { lambda?: number; maxIterations?: number };
  /** Savitzky-Golay first derivative; `true` for window 11, quadratic. @default false */
  derivative?: boolean | { windowSize?: number; polynomial?: number };
}

/** Applies the options to every spectrum, baseline first; needs no fitting, so no leakage. */
export function plsPreprocess(spectra: readonly ArrayLike<number>[], axis: ArrayLike<number>, options: PlsPreprocessOptions = {}): Float64Array[] {
  const baseline = options.baseline === true ? {} : options.baseline || null;
  const derivative = options.derivative === true ? {} : options.derivative || null;
  const x = Float64Array.from(axis);
  return spectra.map((spectrum, i) => {
    let y = Float64Array.from(spectrum);
    if (y.length !== x.length) throw new RangeError(`spectrum ${i}: ${y.length} values, the axis has ${x.length}`);
    if (baseline) y = Float64Array.from(airPLS(x, y, baseline).corrected as ArrayLike<number>);
    if (derivative) {
      const { windowSize = 11, polynomial = 2 } = derivative;
      // Derivative per axis unit; the spacing is constant on a common axis.
      y = Float64Array.from(sgg(y, Math.abs(x[1]! - x[0]!), { windowSize, polynomial, derivative: 1 }));
    }
    return y;
  });
}
