import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { minMaxScale } from '../minMaxScale.js';

test('minMaxScale: maps the minimum to 0, the maximum to 1 and keeps the order', () => {
  assert.deepEqual(Array.from(minMaxScale([2, 4, 3, 6])), [0, 0.5, 0.25, 1]);
});

test('minMaxScale: a constant map becomes zeros, not NaN', () => {
  assert.deepEqual(Array.from(minMaxScale([-3, -3, -3])), [0, 0, 0]);
});

test('minMaxScale: scaled maps lie within [0, 1] with both ends reached (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (map) => {
      const s = minMaxScale(map);
      for (const v of s) assert.ok(v >= 0 && v <= 1, `${v}`);
      if (Math.max(...map) > Math.min(...map)) {
        assert.equal(Math.max(...s), 1);
        assert.equal(Math.min(...s), 0);
      }
    }),
    { seed: 21, numRuns: 300 },
  );
});

test('minMaxScale: NaN is refused, naming the index', () => {
  assert.throws(() => minMaxScale([1, NaN]), { name: 'RangeError', message: /'map\[1\]'/ });
});
