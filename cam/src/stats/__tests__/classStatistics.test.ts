import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classStatistics } from '../classStatistics.js';
import { createClassStatistics } from '../createClassStatistics.js';

test('classStatistics: mean and std over correctly classified spectra only', () => {
  const maps = [
    [0, 1, 0.5, 0],
    [1, 0, 0.5, 0],
    [0.3, 0.3, 0.3, 0.3], // misclassified: left out
    [0, 0, 1, 0.2],
  ];
  const stats = classStatistics(maps, ['a', 'a', 'a', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b'], 0.25);
  assert.equal(stats.a!.n, 2);
  assert.equal(stats.a!.misclassified, 1);
  assert.deepEqual(Array.from(stats.a!.mean), [0.5, 0.5, 0.5, 0]);
  assert.deepEqual(Array.from(stats.a!.std), [0.5, 0.5, 0, 0]);
  // Top 25 % of 4 variables = 1 per spectrum: variable 1 for the first, 0 for the second.
  assert.deepEqual(Array.from(stats.a!.frequency), [0.5, 0.5, 0, 0]);
  assert.equal(stats.b!.n, 1);
  assert.deepEqual(Array.from(stats.b!.frequency), [0, 0, 1, 0]);
});

test('classStatistics: the streaming accumulator matches a two-pass computation (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
      (maps) => {
        const acc = createClassStatistics(['only'], 6);
        for (const m of maps) assert.equal(acc.add(m, 'only', 'only'), true);
        const r = acc.result().only!;
        for (let x = 0; x < 6; x++) {
          const column = maps.map((m) => m[x]!);
          const mean = column.reduce((s, v) => s + v, 0) / maps.length;
          const std = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / maps.length);
          assert.ok(Math.abs(r.mean[x]! - mean) < 1e-12);
          assert.ok(Math.abs(r.std[x]! - std) < 1e-9);
          assert.ok(r.frequency[x]! >= 0 && r.frequency[x]! <= 1);
        }
        // Each spectrum puts exactly ceil(0.1 * 6) = 1 variable in its top fraction.
        assert.ok(Math.abs(r.frequency.reduce((s, v) => s + v, 0) - 1) < 1e-12);
      },
    ),
    { seed: 51, numRuns: 100 },
  );
});

test('classStatistics: a class without correct spectra has n = 0 and zero arrays, not NaN', () => {
  const stats = classStatistics([[0, 1]], ['a'], ['b'], ['a', 'b']);
  assert.equal(stats.a!.n, 0);
  assert.deepEqual(Array.from(stats.a!.mean), [0, 0]);
  assert.deepEqual(Array.from(stats.b!.std), [0, 0]);
});

test('classStatistics: unknown labels and mismatched lengths are refused, naming the spectrum', () => {
  assert.throws(() => classStatistics([[0, 1]], ['c'], ['a'], ['a', 'b']), { name: 'RangeError', message: /spectrum 0: 'trueLabel' "c"/ });
  assert.throws(() => classStatistics([[0, 1], [1]], ['a', 'a'], ['a', 'a'], ['a']), { name: 'RangeError', message: /spectrum 1: 'scaledMap'/ });
  assert.throws(() => classStatistics([[0, 1]], ['a', 'a'], ['a'], ['a']), { name: 'RangeError', message: /'trueLabels'/ });
  assert.throws(() => createClassStatistics(['a', 'a'], 3), { name: 'RangeError', message: /'classes'/ });
});
