import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonAxis } from '../commonAxis.js';

test('commonAxis: spans the overlap of all axes, ascending, with the densest point count inside it', () => {
  const a = Array.from({ length: 101 }, (_, i) => 100 + i); // 100..200, step 1
  const b = Array.from({ length: 61 }, (_, i) => 230 - i * 2); // 230..110 descending, step 2
  const axis = commonAxis([a, b]);
  assert.equal(axis[0], 110);
  assert.equal(axis[axis.length - 1], 200);
  // a has 91 points in 110..200, b has 46: the grid takes a's density.
  assert.equal(axis.length, 91);
  for (let i = 1; i < axis.length; i++) assert.ok(Math.abs(axis[i] - axis[i - 1] - 1) < 1e-9);
});

test('commonAxis: axes that do not overlap are refused', () => {
  assert.throws(() => commonAxis([[1, 2, 3], [4, 5, 6]]), /do not overlap/);
});
