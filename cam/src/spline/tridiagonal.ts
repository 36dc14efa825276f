/**
 * Tridiagonal LU without pivoting. The quadratic collocation matrix is tridiagonal and, being a
 * B-spline collocation matrix, totally positive, so elimination without pivoting is stable
 * (de Boor & Pinkus 1977). Factor once, solve for as many right-hand sides as needed.
 */
export interface TridiagonalFactors {
  n: number;
  /**
   * What a solve reads, row by row: the sub-diagonal multiplier l[i] (row i >= 1), the
   * super-diagonal of U (unchanged by elimination) and 1 / u[i], u[i] the pivot. One interleaved array, so no factor
   * advances through memory in step with the solution being written (a store and a later load 4 KiB
   * apart stall the load: measured 30 % slower solves with some allocation layouts); multiplying
   * by 1 / u[i] keeps a division's latency off the solve's dependency chain.
   */
  rows: Float64Array;
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
  const rows = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    rows[3 * i] = lower[i]!;
    rows[3 * i + 1] = sup[i]!;
    rows[3 * i + 2] = 1 / diagonal[i]!;
  }
  return { n, rows };
}

/** Solves A x = b in place (b becomes x); reads b[offset .. offset+n). */
export function solveTridiagonal(f: TridiagonalFactors, b: Float64Array, offset = 0): void {
  solveTridiagonalInto(f, b, offset, b, offset);
}

/**
 * Solves A x = b for b = source[from .. from+n) into target[to .. to+n) (which may be the same
 * place), reading the right-hand side in the forward pass rather than copying it first.
 */
export function solveTridiagonalInto(f: TridiagonalFactors, source: ArrayLike<number>, from: number, target: Float64Array, to: number): void {
  const { n, rows } = f;
  // The running value stays in a local, so each step waits on a multiply and a subtraction, not
  // on reloading what the previous step stored.
  let x = source[from]!;
  target[to] = x;
  for (let i = 1, r = 3; i < n; i++, r += 3) {
    x = source[from + i]! - rows[r]! * x;
    target[to + i] = x;
  }
  x *= rows[3 * n - 1]!;
  target[to + n - 1] = x;
  for (let i = n - 2, r = 3 * (n - 2); i >= 0; i--, r -= 3) {
    x = (target[to + i]! - rows[r + 1]! * x) * rows[r + 2]!;
    target[to + i] = x;
  }
}
