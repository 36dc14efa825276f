import { camBasis } from '@spectracam/cam';
import type { Alignment } from '@spectracam/format';

/** The [N3, p] spline basis of the cam output, checked before it goes into the graph. */
export function camBasisFor(centres: number[], inputLength: number, alignment: Alignment): Float64Array {
  const basis = camBasis(centres, inputLength, alignment);
  if (basis.length !== centres.length * inputLength) {
    throw new RangeError(`camBasis returned ${basis.length} values, expected ${centres.length} x ${inputLength}`);
  }
  const bad = basis.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`camBasis value ${basis[bad]} at flat index ${bad}; expected finite numbers`);
  return basis;
}
