import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeLabels } from '../placeLabels.js';

test('placeLabels: labels that would overlap go to the next row, strongest first; those that fit nowhere are left out', () => {
  const placed = placeLabels(
    [
      { x: 100, text: '1740 C=O ester' },
      { x: 110, text: '1745' },
      { x: 400, text: '1650 amide I' },
      { x: 105, text: '1742' },
      { x: 102, text: '1738' },
    ],
    3,
  );
  assert.deepEqual(placed.map((l) => [l.text, l.row]), [
    ['1740 C=O ester', 0],
    ['1745', 1],
    ['1650 amide I', 0],
    ['1742', 2],
  ]);
});

test('placeLabels: labels far apart share the lowest row', () => {
  const placed = placeLabels([{ x: 50, text: 'a' }, { x: 300, text: 'b' }, { x: 600, text: 'c' }]);
  assert.deepEqual(placed.map((l) => l.row), [0, 0, 0]);
});
