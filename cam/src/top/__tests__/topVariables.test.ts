import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { topVariables } from '../topVariables.js';
import { topCount } from '../topCount.js';

test('topCount: the top fraction rounds up and holds at least one variable', () => {
  assert.equal(topCount(1733, 0.1), 174);
  assert.equal(topCount(1730, 0.1), 173, 'float noise in 0.1 * 1730 does not add one');
  assert.equal(topCount(448, 0.1), 45);
  assert.equal(topCount(5, 0.01), 1);
  assert.equal(topCount(5, 1), 5);
});

test('topVariables: returns the highest variables, highest first', () => {
  const map = [0.1, 0.9, 0.3, 1, 0.2, 0.8, 0, 0.5, 0.4, 0.6];
  assert.deepEqual(Array.from(topVariables(map, 0.3)), [3, 1, 5]);
});

test('topVariables: ties at the threshold go to the lower index', () => {
  assert.deepEqual(Array.from(topVariables([1, 0.5, 0.5, 0.5], 0.5)), [0, 1]);
});

test('topVariables: the top fraction has the right size and beats every other variable (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 300 }),
      fc.double({ min: 0.001, max: 1, noNaN: true }),
      (ints, fraction) => {
        const map = ints.map((v) => v / 20); // coarse values force many ties
        const top = topVariables(map, fraction);
        assert.equal(top.length, Math.max(1, Math.ceil(fraction * map.length - 1e-9)));
        assert.equal(new Set(top).size, top.length, 'no index twice');
        const chosen = new Set(top);
        const lowestChosen = Math.min(...Array.from(top, (i) => map[i]!));
        map.forEach((v, i) => {
          if (!chosen.has(i)) assert.ok(v <= lowestChosen, `variable ${i} (${v}) left out above ${lowestChosen}`);
        });
        for (let k = 1; k < top.length; k++) assert.ok(map[top[k - 1]!]! >= map[top[k]!]!, 'highest first');
      },
    ),
    { seed: 31, numRuns: 300 },
  );
});

test('topVariables: a fraction outside (0, 1] and empty maps are refused', () => {
  assert.throws(() => topVariables([1, 2], 0), { name: 'RangeError', message: /'fraction'/ });
  assert.throws(() => topVariables([1, 2], 1.5), { name: 'RangeError', message: /'fraction'/ });
  assert.throws(() => topVariables([1, 2], '0.1' as unknown as number), { name: 'TypeError', message: /'fraction'/ });
  assert.throws(() => topVariables([], 0.1), { name: 'RangeError', message: /'map'/ });
});
