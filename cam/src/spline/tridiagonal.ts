/**
 * Tridiagonal LU without pivoting. The quadratic collocation matrix is tridiagonal and, being a
 * B-spline collocation matrix, totally positive, so elimination without pivoting is stable
 * (de Boor & Pinkus 1977). Factor once, solve for as many right-hand sides as needed.
 */
export interface TridiagonalFactors {
  n: number;
  /**
   * What a solve reads, ROW values per row i: the forward multiplier l[i] (row i >= 1) and
   * l[i] * l[i-1], then the backward multiplier b[i] = sup[i] / u[i] and b[i] * b[i+1], then
   * 1 / u[i] (u[i] the pivot). The products let each sweep step two rows per multiply-add on its
   * dependency chain (see solveTridiagonalInto). One interleaved array, so no factor advances
   * through memory in step with the solution being written (a store and a later load 4 KiB apart
   * stall the load: measured 30 % slower solves with some allocation layouts).
   */
  rows: Float64Array;
}

const ROW = 5;

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
  const back = Float64Array.from(diagonal, (u, i) => (i < n - 1 ? sup[i]! / u : 0));
  const rows = new Float64Array(ROW * n);
  for (let i = 0; i < n; i++) {
    const r = ROW * i;
    rows[r] = lower[i]!;
    rows[r + 1] = i > 0 ? lower[i]! * lower[i - 1]! : 0;
    rows[r + 2] = back[i]!;
    rows[r + 3] = i < n - 1 ? back[i]! * back[i + 1]! : 0;
    rows[r + 4] = 1 / diagonal[i]!;
  }
  return { n, rows };
}

/** Solves A x = b in place (b becomes x); reads b[offset .. offset+n). */
export function solveTridiagonal(f: TridiagonalFactors, b: Float64Array, offset = 0): void {
  solveTridiagonalInto(f, b, offset, b, offset);
}

/**
 * What a solve saw on the way: the range of the right-hand side's even-indexed values (every
 * second one from the first: a sample of it) with the first index of the least, and the
 * solution's largest magnitude (NaN or Infinity when a solution value is not finite).
 */
export interface SolveRange {
  sampleLo: number;
  sampleHi: number;
  leastSample: number;
  magnitude: number;
}

export function createSolveRange(): SolveRange {
  return { sampleLo: 0, sampleHi: 0, leastSample: 0, magnitude: 0 };
}

/**
 * Solves A x = b for b = source[from .. from+n) into target[to .. to+n) (which may be the same
 * place), reading the right-hand side in the forward pass rather than copying it first. With
 * `range`, also records it in the sweeps themselves, where the few extra operations per two rows
 * cost little against a pass of their own.
 *
 * Each sweep is one recurrence (forward y[i] = b[i] - l[i] y[i-1], backward
 * x[i] = y[i] / u[i] - b'[i] x[i+1]) whose every step waits on the one before, so its speed is
 * the latency of a multiply and an add. Substituting one step into the next gives a recurrence
 * over every second row (y[i+1] = b[i+1] - l[i+1] b[i] + l[i+1] l[i] y[i-1]) whose other terms do
 * not wait on the chain; the rows in between come off it. Measured 1.6 times as fast.
 */
export function solveTridiagonalInto(
  f: TridiagonalFactors,
  source: ArrayLike<number>,
  from: number,
  target: Float64Array,
  to: number,
  range?: SolveRange,
): void {
  const { n, rows } = f;
  let y = source[from]!;
  let sampleLo = y;
  let sampleHi = y;
  let leastSample = 0;
  target[to] = y;
  let i = 1;
  for (let r = ROW; i + 1 < n; i += 2, r += 2 * ROW) {
    const b1 = source[from + i]!;
    const b2 = source[from + i + 1]!;
    target[to + i] = b1 - rows[r]! * y;
    y = b2 - rows[r + ROW]! * b1 + rows[r + ROW + 1]! * y;
    target[to + i + 1] = y;
    if (b2 < sampleLo) {
      sampleLo = b2;
      leastSample = i + 1;
    }
    if (b2 > sampleHi) sampleHi = b2;
  }
  if (i < n) target[to + i] = source[from + i]! - rows[ROW * i]! * y;
  let x = target[to + n - 1]! * rows[ROW * n - 1]!;
  target[to + n - 1] = x;
  // Math.max passes NaN on and Math.abs turns -Infinity into Infinity, so a non-finite value
  // anywhere leaves a non-finite magnitude.
  let magnitude = Math.abs(x);
  i = n - 2;
  for (let r = ROW * i; i >= 1; i -= 2, r -= 2 * ROW) {
    const a1 = target[to + i]! * rows[r + 4]!;
    const a0 = target[to + i - 1]! * rows[r - ROW + 4]!;
    const x1 = a1 - rows[r + 2]! * x;
    x = a0 - rows[r - ROW + 2]! * a1 + rows[r - ROW + 3]! * x;
    target[to + i] = x1;
    target[to + i - 1] = x;
    magnitude = Math.max(magnitude, Math.abs(x1), Math.abs(x));
  }
  if (i === 0) {
    x = target[to]! * rows[4]! - rows[2]! * x;
    target[to] = x;
    magnitude = Math.max(magnitude, Math.abs(x));
  }
  if (range) {
    range.sampleLo = sampleLo;
    range.sampleHi = sampleHi;
    range.leastSample = leastSample;
    range.magnitude = magnitude;
  }
}
