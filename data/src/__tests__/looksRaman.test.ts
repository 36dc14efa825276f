import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksRaman } from '../looksRaman.js';

const axis = (from: number, to: number, n = 50) => Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

test('looksRaman: cm-1 reaching below 400 in either order is Raman; mid-infrared, indices and nm are not', () => {
  assert.equal(looksRaman({ axis: axis(200, 3200), unit: 'cm-1' }), true);
  assert.equal(looksRaman({ axis: axis(3200, 200), unit: 'cm-1' }), true, 'a decreasing Raman axis');
  assert.equal(looksRaman({ axis: axis(4000, 600), unit: 'cm-1' }), false, 'mid-infrared');
  assert.equal(looksRaman({ axis: axis(1, 300), unit: 'index' }), false, 'no unit to judge by');
  assert.equal(looksRaman({ axis: axis(200, 2500), unit: 'nm' }), false, 'near-infrared in nm');
  assert.equal(looksRaman({ axis: new Float64Array(0), unit: 'cm-1' }), false);
  // A UCR file has no axis: positions 1..p, in the default unit. No wavenumbers, so not Raman.
  assert.equal(looksRaman({ axis: Float64Array.from({ length: 431 }, (_, j) => j + 1), unit: 'cm-1' }), false);
  assert.equal(looksRaman({ axis: Float64Array.from({ length: 431 }, (_, j) => j), unit: 'cm-1' }), false);
  assert.equal(looksRaman({ axis: Float64Array.from({ length: 431 }, (_, j) => j + 100), unit: 'cm-1' }), true, 'a Raman axis at 1 cm-1 steps from 100');
});
