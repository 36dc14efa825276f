import type { Dataset } from './dataset.js';

/**
 * Whether a data set looks like Raman: wavenumbers (cm-1) reaching below 400 cm-1, where a
 * Raman shift axis usually starts and a mid-infrared one never does (its optics stop near
 * 400-650 cm-1). The study preprocesses Raman spectra for PLS-LDA (baseline + first derivative).
 * The lowest wavenumber counts, so an axis stored in decreasing order is judged the same. The
 * positions 0..p-1 or 1..p (what a file without an axis, such as the UCR archive's, is given) are
 * no wavenumbers at all.
 */
export function looksRaman(dataset: Pick<Dataset, 'axis' | 'unit'>): boolean {
  const { axis } = dataset;
  if (dataset.unit !== 'cm-1' || axis.length === 0 || isIndexAxis(axis)) return false;
  let lowest = Infinity;
  for (const x of axis) lowest = Math.min(lowest, x);
  return lowest < 400;
}

function isIndexAxis(axis: ArrayLike<number>): boolean {
  const first = axis[0]!;
  if (first !== 0 && first !== 1) return false;
  for (let j = 1; j < axis.length; j++) if (axis[j] !== first + j) return false;
  return true;
}
