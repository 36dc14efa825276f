import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { camBasis, fullMap } from '@spectracam/cam';
import { bandedBasis, bandedMap } from '../explain/bandedBasis.js';

test('bandedBasis: the banded product equals the dense basis product within 1e-10 of the map range', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 4, max: 120 }),
      fc.integer({ min: 2, max: 6 }),
      fc.constantFrom('receptive-field' as const, 'stretch' as const),
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 120, maxLength: 120 }),
      (n3, stride, alignment, values) => {
        const p = n3 * stride;
        const centres = Array.from({ length: n3 }, (_, i) => i * stride + (stride - 1) / 2);
        const dense = camBasis(centres, p, alignment);
        const coarse = Float64Array.from(values.slice(0, n3));
        const want = fullMap(coarse, dense, n3, p);
        const got = bandedMap(coarse, bandedBasis(dense, n3, p));
        const range = Math.max(1e-9, Math.max(...want) - Math.min(...want));
        for (let j = 0; j < p; j++) assert.ok(Math.abs(got[j]! - want[j]!) <= 1e-10 * range, `variable ${j}`);
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});

test('bandedBasis: a long basis keeps only a few dozen rows per variable', () => {
  const n3 = 400;
  const p = 1600;
  const centres = Array.from({ length: n3 }, (_, i) => i * 4 + 1.5);
  const banded = bandedBasis(camBasis(centres, p, 'receptive-field'), n3, p);
  assert.ok(banded.weights.length / p < 40, `${banded.weights.length / p} rows per variable`);
});
