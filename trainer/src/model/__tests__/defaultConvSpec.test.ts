import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConvSpec } from '../defaultConvSpec.js';
import { modelGeometry } from '../geometry.js';

test("defaultConvSpec: the study's Raman length (1733) gets kernels 21,11,5 and strides 2,2,1", () => {
  assert.deepEqual(defaultConvSpec(1733), { kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' });
});

test('defaultConvSpec: every length from 8 to 5000 gives odd kernels and a valid geometry', () => {
  for (let p = 8; p <= 5000; p += 7) {
    const spec = defaultConvSpec(p);
    assert.ok(spec.kernels.every((k) => k % 2 === 1), `odd kernels for ${p}`);
    const geometry = modelGeometry(p, spec);
    assert.ok(geometry.layers[2].outputLength >= 1, `conv3 has output for ${p}`);
  }
});

test('defaultConvSpec: lengths below 8 or not whole are refused with a RangeError', () => {
  assert.throws(() => defaultConvSpec(5), RangeError);
  assert.throws(() => defaultConvSpec(100.5), /at least 8 variables/);
});
