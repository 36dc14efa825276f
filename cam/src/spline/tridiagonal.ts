/**
 * Tridiagonal LU without pivoting. The quadratic collocation matrix is tridiagonal and, being a
 * B-spline collocation matrix, totally positive, so elimination without pivoting is stable
 * (de Boor & Pinkus 1977). Factor once, solve for as many right-hand sides as needed.
 */
export interface TridiagonalFactors {
  n: number;
  /** Sub-diagonal multipliers l[i] (row i, i >= 1). */
  lower: Float64Array;
  /** Pivots u[i]. */
  diagonal: Float64Array;
  /** Super-diagonal of U (unchanged by elimination). */
  upper: Float64Array;
}

/** sub[i] = A[i][i-1], diag[i] = A[i][i], sup[i] = A[i][i+1]. */
export function factorTridiagonal(sub: Float64Array, diag: Float64Array, sup: Float64Array): TridiagonalFactors {
  const n = diag.length;
  const lower = new Float64Array(n);
  const diagonal = new Float64Array(n);
  diagonal[0] = diag[0]!;
  for (let i = 1; i < n; i++) {
    const prev = diagonal[i - 1]!;
    if (prev === 0) throw new RangeError(`spline collocation matrix is singular at row ${i - 1} (knots too close?)`);
    lower[i] = sub[i]! / prev;
    diagonal[i] = diag[i]! - lower[i]! * sup[i - 1]!;
  }
  if (diagonal[n - 1] === 0) throw new RangeError(`spline collocation matrix is singular at row ${n - 1}`);
  return { n, lower, diagonal, upper: sup };
}

/** Solves A x = b in place (b becomes x); reads b[offset .. offset+n). */
export function solveTridiagonal(f: TridiagonalFactors, b: Float64Array, offset = 0): void {
  const { n, lower, diagonal, upper } = f;
  for (let i = 1; i < n; i++) b[offset + i] = b[offset + i]! - lower[i]! * b[offset + i - 1]!;
  b[offset + n - 1] = b[offset + n - 1]! / diagonal[n - 1]!;
  for (let i = n - 2; i >= 0; i--) {
    b[offset + i] = (b[offset + i]! - upper[i]! * b[offset + i + 1]!) / diagonal[i]!;
  }
}
