import { coverage, type ModelGeometry, type Preprocessing } from '@spectracam/format';

/**
 * Per-variable factor from the preprocessed value back to the raw data's units (up to a constant
 * shift): the range a min-max scaling divided by; 1 where the preprocessing is not per variable (SNV).
 */
export function rawUnitScale(spec: Preprocessing): Float64Array | number {
  switch (spec.kind) {
    case 'minmax-variable':
      return Float64Array.from(spec.min, (min, j) => spec.max[j]! - min || 1);
    case 'minmax-global':
      return spec.max - spec.min || 1;
    default:
      return 1;
  }
}

/** rawUnitScale per variable, 0 where `reach` is 0 (no last-layer position reads the variable). */
export function reachableRawScale(spec: Preprocessing, reach: ArrayLike<number>): Float64Array {
  const given = rawUnitScale(spec);
  return Float64Array.from(reach, (r, j) => (r > 0 ? (typeof given === 'number' ? given : given[j]!) : 0));
}

/** reachableRawScale with the coverage of `geometry`: what a derivative path scales the spectrum by. */
export function readableRawScale(spec: Preprocessing, geometry: ModelGeometry): Float64Array {
  return reachableRawScale(spec, coverage(geometry));
}
