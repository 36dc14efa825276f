import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { meanPairwisePearson, pearson } from '../pearson.js';
import { meanStd } from '../meanStd.js';

test('pearson: 1 for a positive affine copy, -1 for a negative one, NaN for a constant vector', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (a, s) => {
      const b = a.map((v) => s * v + 3);
      const r = pearson(a, b);
      if (new Set(a).size < 2) return !Number.isFinite(r); // constant input: undefined
      return Math.abs(r - 1) < 1e-9 && Math.abs(pearson(a, a.map((v) => -v)) + 1) < 1e-9;
    }),
  );
});

test('meanPairwisePearson: averages the three pairs of three vectors', () => {
  const v = [[1, 2, 3, 4], [1, 2, 3, 5], [4, 3, 2, 1]];
  const expected = (pearson(v[0]!, v[1]!) + pearson(v[0]!, v[2]!) + pearson(v[1]!, v[2]!)) / 3;
  assert.ok(Math.abs(meanPairwisePearson(v) - expected) < 1e-15);
});

test('meanStd: sample standard deviation (n - 1), 0 for one value', () => {
  assert.deepEqual(meanStd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, std: Math.sqrt(32 / 7), n: 8 });
  assert.deepEqual(meanStd([0.5]), { mean: 0.5, std: 0, n: 1 });
});
