import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resampleLinear } from '../resampleLinear.js';

/** A strictly ascending axis from sorted distinct finite numbers. */
const ascendingAxis = fc
  .uniqueArray(fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 60 })
  .map((values) => Float64Array.from(values).sort())
  .filter((axis) => axis.every((v, i) => i === 0 || v - axis[i - 1] > 1e-6));

test('resampleLinear: resampling onto the same axis is the identity', () => {
  fc.assert(
    fc.property(ascendingAxis, fc.boolean(), (axis, descending) => {
      const from = descending ? axis.slice().reverse() : axis;
      const values = Float64Array.from(from, (x, i) => Math.sin(x) * 10 + i);
      const out = resampleLinear(from, values, from);
      assert.deepEqual(Array.from(out), Array.from(values));
    }),
  );
});

test('resampleLinear: a linear function is reproduced at any point inside the axis', () => {
  fc.assert(
    fc.property(
      ascendingAxis,
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
      fc.boolean(),
      (axis, slope, intercept, fractions, descending) => {
        const lo = axis[0];
        const hi = axis[axis.length - 1];
        const to = fractions.map((f) => lo + f * (hi - lo));
        const from = descending ? axis.slice().reverse() : axis;
        const values = Array.from(from, (x) => slope * x + intercept);
        const out = resampleLinear(from, values, to);
        to.forEach((x, j) => {
          const expected = slope * x + intercept;
          const scale = Math.abs(slope) * Math.max(Math.abs(lo), Math.abs(hi)) + Math.abs(intercept) + 1;
          assert.ok(Math.abs(out[j] - expected) <= 1e-9 * scale, `at ${x}: ${out[j]} vs ${expected}`);
        });
      },
    ),
  );
});

test('resampleLinear: midpoints are averages of their neighbours, also for unsorted queries', () => {
  const out = resampleLinear([0, 1, 2, 3], [0, 10, 30, 60], [2.5, 0.5, 1.5]);
  assert.deepEqual(Array.from(out), [45, 5, 20]);
});

test('resampleLinear: a target axis outside the data is refused with the uncovered range', () => {
  assert.throws(() => resampleLinear([100, 200, 300], [1, 2, 3], [50, 150, 350]), (error: Error) => {
    assert.ok(error instanceof RangeError);
    assert.match(error.message, /50\.\.350/);
    assert.match(error.message, /100\.\.300/);
    return true;
  });
});

test('resampleLinear: extendEnds holds each end value over that much axis beyond it, and no further', () => {
  const from = [10, 20, 30];
  const values = [1, 2, 4];
  assert.deepEqual(Array.from(resampleLinear(from, values, [7, 15, 33], 3)), [1, 1.5, 4]);
  // Descending data: the ends are the axis' ends, not the array's.
  assert.deepEqual(Array.from(resampleLinear([30, 20, 10], [4, 2, 1], [7, 33], 3)), [1, 4]);
  assert.throws(() => resampleLinear(from, values, [6.9, 15], 3), /toAxis reaches 6\.9\.\.6\.9, outside the data axis 10\.\.30/);
  assert.throws(() => resampleLinear(from, values, [15], -1), /extendEnds is -1: expected a finite number >= 0/);
});

test('resampleLinear: values of the wrong length are refused', () => {
  assert.throws(() => resampleLinear([1, 2, 3], [1, 2], [1.5]), RangeError);
});
