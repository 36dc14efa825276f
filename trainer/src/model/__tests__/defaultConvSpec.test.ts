import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConvSpec } from '../defaultConvSpec.js';
import { modelGeometry } from '@spectracam/format';

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

test('defaultConvSpec: the meat length (448) gets the wide, strided geometry measured best on meat', () => {
  const spec = defaultConvSpec(448);
  assert.deepEqual(spec.strides, [4, 4, 2]);
  const rf = spec.kernels[0] + (spec.kernels[1] - 1) * spec.strides[0] + (spec.kernels[2] - 1) * spec.strides[0] * spec.strides[1];
  assert.ok(rf >= 448 / 3, `Conv3 receptive field ${rf} covers at least a third of the spectrum`);
});
