import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { quadraticSplineBasis } from '../quadraticSplineBasis.js';
import { quadraticInterpolate } from '../quadraticInterpolate.js';
import { createQuadraticInterpolator } from '../quadraticInterpolator.js';

interface Case {
  name: string;
  knots: number[];
  values: number[];
  query: number[];
  expected: number[];
  basis?: number[][];
}
// Made by scripts/fixtures/scipy_quadratic.py with Debian's python3-scipy.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/scipy_quadratic.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

for (const c of fixture.cases) {
  test(`quadratic spline: equals SciPy interp1d(kind='quadratic') within 1e-6 (${c.name})`, () => {
    const got = quadraticInterpolate(c.knots, c.values, c.query);
    assert.ok(maxAbsDiff(got, c.expected) < 1e-6, `max diff ${maxAbsDiff(got, c.expected)}`);
  });
  if (c.basis) {
    test(`quadratic spline basis: rows equal SciPy's interpolant of each unit vector (${c.name})`, () => {
      const b = quadraticSplineBasis(c.knots, c.query);
      const p = c.query.length;
      for (let i = 0; i < c.knots.length; i++) {
        assert.ok(maxAbsDiff(b.subarray(i * p, (i + 1) * p), c.basis![i]!) < 1e-6, `row ${i}`);
      }
    });
  }
}

test('quadratic spline basis: values . B equals the interpolant of the values', () => {
  const c = fixture.cases.find((x) => x.knots.length === 867)!;
  const b = quadraticSplineBasis(c.knots, c.query);
  const p = c.query.length;
  const viaMatrix = new Float64Array(p);
  for (let i = 0; i < c.knots.length; i++) {
    for (let q = 0; q < p; q++) viaMatrix[q]! += c.values[i]! * b[i * p + q]!;
  }
  assert.ok(maxAbsDiff(viaMatrix, c.expected) < 1e-6);
});

test('quadratic spline basis: 867 knots onto 1733 points takes well under a second', () => {
  const knots = Array.from({ length: 867 }, (_, i) => 0.5 + 2 * i);
  const query = Array.from({ length: 1733 }, (_, i) => i);
  const start = performance.now();
  const b = quadraticSplineBasis(knots, query);
  const ms = performance.now() - start;
  assert.equal(b.length, 867 * 1733);
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test('quadratic spline: interpolates the values at the knots (property)', () => {
  fc.assert(
    fc.property(
      // Distinct integers in any order, scaled: uneven, unsorted knots at least 0.01 apart.
      fc.uniqueArray(fc.integer({ min: -100000, max: 100000 }), { minLength: 3, maxLength: 30 }),
      fc.infiniteStream(fc.double({ min: -10, max: 10, noNaN: true })),
      (ints, stream) => {
        const knots = ints.map((k) => k / 100);
        const values = knots.map(() => stream.next().value as number);
        const got = quadraticInterpolate(knots, values, knots);
        const scale = Math.max(1, ...values.map(Math.abs));
        for (let i = 0; i < knots.length; i++) assert.ok(Math.abs(got[i]! - values[i]!) < 1e-7 * scale);
      },
    ),
    { seed: 4, numRuns: 200 },
  );
});

test('quadratic spline basis: columns sum to one, so a constant stays constant (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 3, max: 40 }),
      fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: 40, maxLength: 40 }),
      (n, gaps) => {
        const knots = [0];
        for (let i = 1; i < n; i++) knots.push(knots[i - 1]! + gaps[i]!);
        const query = Array.from({ length: 50 }, (_, q) => -1 + (q / 49) * (knots[n - 1]! + 2));
        const b = quadraticSplineBasis(knots, query);
        for (let q = 0; q < query.length; q++) {
          let sum = 0;
          for (let i = 0; i < n; i++) sum += b[i * query.length + q]!;
          assert.ok(Math.abs(sum - 1) < 1e-9, `column ${q} sums to ${sum}`);
        }
      },
    ),
    { seed: 7, numRuns: 100 },
  );
});

test('quadratic spline: constant outside the first and last knot', () => {
  const got = quadraticInterpolate([1, 2, 4, 5], [3, -1, 2, 7], [-100, 0.999, 5.001, 1e6]);
  assert.deepEqual(Array.from(got), [3, 3, 7, 7]);
});

test('quadratic spline: reuses one factorisation for many value vectors', () => {
  const it = createQuadraticInterpolator([0, 1, 2, 3], [0.5, 1.5]);
  const a = Array.from(it.interpolate([0, 1, 2, 3]));
  const b = Array.from(it.interpolate([1, 1, 1, 1]));
  // A linear function is reproduced exactly by a quadratic spline; a constant too.
  assert.ok(Math.abs(a[0]! - 0.5) < 1e-12 && Math.abs(a[1]! - 1.5) < 1e-12);
  assert.ok(Math.abs(b[0]! - 1) < 1e-12 && Math.abs(b[1]! - 1) < 1e-12);
});

test('quadratic spline: fewer than 3 knots, repeated knots and non-finite values are refused', () => {
  assert.throws(() => quadraticSplineBasis([0, 1], [0.5]), { name: 'RangeError', message: /'knots'.*at least 3/ });
  assert.throws(() => quadraticSplineBasis([0, 1, 1, 2], [0.5]), { name: 'RangeError', message: /'knots' must not repeat/ });
  assert.throws(() => quadraticSplineBasis([0, 1, NaN], [0.5]), { name: 'RangeError', message: /'knots\[2\]'/ });
  assert.throws(() => quadraticSplineBasis([0, 1, 2], [Infinity]), { name: 'RangeError', message: /'query\[0\]'/ });
  assert.throws(() => quadraticSplineBasis('012' as unknown as number[], [0]), { name: 'TypeError', message: /'knots'/ });
  assert.throws(() => quadraticInterpolate([0, 1, 2], [1, 2], [0]), { name: 'RangeError', message: /'values'/ });
});
