import { createQuadraticInterpolator, type QuadraticInterpolator } from '../spline/quadraticInterpolator.js';
import { camKnots, type CamAlignment } from './camKnots.js';
import { assertLength } from '../util/checks.js';
import { scanMap, type TopScan } from '../top/topScan.js';

/**
 * Brings a coarse map (one value per Conv3 position) to every input index 0..p-1: the fast path
 * of `fullMap` (O(N3 + p) per map instead of N3*p). Three or more positions use the quadratic
 * spline; models with one or two Conv3 positions (tiny inputs) fall back to a constant or a
 * clamped straight line, since a quadratic needs three knots.
 */
export function createCamInterpolator(
  centres: ArrayLike<number>,
  inputLength: number,
  alignment: CamAlignment = 'receptive-field',
): QuadraticInterpolator {
  const knots = camKnots(centres, inputLength, alignment);
  const query = Float64Array.from({ length: inputLength }, (_, i) => i);
  if (knots.length >= 3) return createQuadraticInterpolator(knots, query);
  return new LowOrderInterpolator(knots, query);
}

class LowOrderInterpolator implements QuadraticInterpolator {
  readonly n: number;
  readonly p: number;
  private dense: Float64Array | undefined;
  constructor(
    private readonly knots: Float64Array,
    private readonly query: Float64Array,
  ) {
    this.n = knots.length;
    this.p = query.length;
  }

  interpolate(values: ArrayLike<number>, out: Float64Array = new Float64Array(this.p)): Float64Array {
    assertLength(values, this.n, 'values', 'one per knot');
    assertLength(out, this.p, 'out', 'one per query point');
    return this.interpolateFrom(values, 0, out);
  }

  interpolateFrom(values: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    // The dense basis is tiny here (n < 3 rows), so it is built once and reused.
    this.dense ??= this.basis();
    const basis = this.dense;
    out.fill(0);
    for (let i = 0; i < this.n; i++) {
      for (let q = 0; q < this.p; q++) out[q]! += values[offset + i]! * basis[i * this.p + q]!;
    }
    return out;
  }

  interpolateScanned(values: ArrayLike<number>, offset: number, out: Float64Array, _k: number, scan: TopScan, _complete?: boolean): Float64Array {
    this.interpolateFrom(values, offset, out);
    scanMap(out, scan);
    return out;
  }

  basis(): Float64Array {
    const { n, p, knots, query } = this;
    const b = new Float64Array(n * p);
    if (n === 1) return b.fill(1);
    const [a, c] = [knots[0]!, knots[1]!];
    for (let q = 0; q < p; q++) {
      const s = Math.min(Math.max((query[q]! - a) / (c - a), 0), 1);
      b[q] = 1 - s;
      b[p + q] = s;
    }
    return b;
  }
}
