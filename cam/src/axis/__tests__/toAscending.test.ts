import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAscending } from '../toAscending.js';

test('toAscending: a descending axis is reversed together with its rows', () => {
  const { axis, rows, reversed } = toAscending([3, 2, 1], [[30, 20, 10]]);
  assert.equal(reversed, true);
  assert.deepEqual(Array.from(axis), [1, 2, 3]);
  assert.deepEqual(Array.from(rows[0]), [10, 20, 30]);
});

test('toAscending: an ascending axis is kept as it is', () => {
  const { axis, rows, reversed } = toAscending([1, 2, 3], [[1, 5, 9]]);
  assert.equal(reversed, false);
  assert.deepEqual(Array.from(axis), [1, 2, 3]);
  assert.deepEqual(Array.from(rows[0]), [1, 5, 9]);
});

test('toAscending: a non-monotonic axis is refused, naming the position', () => {
  assert.throws(() => toAscending([1, 2, 2.5, 2.4, 3]), /value 4 \(2\.5 then 2\.4\)/);
});
