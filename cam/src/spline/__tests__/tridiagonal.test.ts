import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSolveRange, factorTridiagonal, solveTridiagonal, solveTridiagonalInto } from '../tridiagonal.js';

/** Gaussian elimination with partial pivoting on the dense matrix: the independent answer. */
function denseSolve(sub: number[], diag: number[], sup: number[], b: number[]): number[] {
  const n = diag.length;
  const a = Array.from({ length: n }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[i] = diag[i]!;
    if (i > 0) row[i - 1] = sub[i]!;
    if (i < n - 1) row[i + 1] = sup[i]!;
    row[n] = b[i]!;
    return row;
  });
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= a[r]![j]! * x[j]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

// Diagonally dominant rows, as a B-spline collocation matrix has (weights >= 0 summing to one).
const systems = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    rows: fc.array(fc.tuple(fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true })), { minLength: n, maxLength: n }),
    b: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

test('solveTridiagonalInto: the two-row recurrences solve as dense elimination does, in place or not, any length (property)', () => {
  fc.assert(
    fc.property(systems, ({ rows, b }) => {
      const n = b.length;
      const sub = rows.map(([s], i) => (i > 0 ? s : 0));
      const sup = rows.map(([, s], i) => (i < n - 1 ? s : 0));
      const diag = rows.map(([s, t]) => 1 - s - t);
      // The right-hand side is read from a Float32Array, as explain's coarse maps are.
      const expected = denseSolve(sub, diag, sup, Array.from(Float32Array.from(b)));
      const f = factorTridiagonal(Float64Array.from(sub), Float64Array.from(diag), Float64Array.from(sup));
      const source = Float32Array.from([7, ...b]);
      const out = new Float64Array(n + 2).fill(NaN);
      const range = createSolveRange();
      solveTridiagonalInto(f, source, 1, out, 2, range);
      const inPlace = Float64Array.from(source.subarray(1));
      solveTridiagonal(f, inPlace);
      const scale = Math.max(1, ...expected.map(Math.abs));
      expected.forEach((x, i) => {
        assert.ok(Math.abs(out[2 + i]! - x) <= 1e-12 * scale, `x[${i}] = ${out[2 + i]}, expected ${x}`);
        assert.ok(Math.abs(inPlace[i]! - x) <= 1e-12 * scale);
      });
      // The range: the even-indexed right-hand side values (first index of the least) and the
      // solution's largest magnitude.
      const samples = Array.from(source.subarray(1)).filter((_, i) => i % 2 === 0);
      // (=== rather than assert.equal: -0 and 0 are the same value here.)
      const same = (a: number, b: number) => assert.ok(a === b, `${a} !== ${b}`);
      same(range.sampleLo, Math.min(...samples));
      same(range.sampleHi, Math.max(...samples));
      same(range.leastSample, 2 * samples.indexOf(range.sampleLo));
      same(range.magnitude, Math.max(...Array.from(out.subarray(2), Math.abs)));
    }),
  );
});

test('solveTridiagonalInto: a NaN or an infinity anywhere leaves a magnitude that is not finite', () => {
  const n = 9;
  const f = factorTridiagonal(new Float64Array(n).fill(0.125), new Float64Array(n).fill(0.75), new Float64Array(n).fill(0.125));
  for (const bad of [NaN, Infinity, -Infinity]) {
    for (const at of [0, 3, n - 1]) {
      const b = new Float64Array(n).fill(1);
      b[at] = bad;
      const range = createSolveRange();
      solveTridiagonalInto(f, b, 0, new Float64Array(n), 0, range);
      assert.ok(!(range.magnitude < Infinity), `${bad} at ${at}: magnitude ${range.magnitude}`);
    }
  }
});
