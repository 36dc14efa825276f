import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitPreprocessing } from '../fitPreprocessing.js';
import { applyPreprocessing } from '../applyPreprocessing.js';

const matrix = fc.integer({ min: 2, max: 8 }).chain((p) =>
  fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: p, maxLength: p }), { minLength: 2, maxLength: 10 }),
);

test('preprocessing: minmax-variable maps every training variable onto 0..1 (study Eq. 9)', () => {
  fc.assert(
    fc.property(matrix, (rows) => {
      const out = applyPreprocessing(fitPreprocessing('minmax-variable', rows), rows);
      for (let j = 0; j < rows[0].length; j++) {
        const column = out.map((r) => r[j]);
        const constant = rows.every((r) => r[j] === rows[0][j]);
        assert.ok(Math.min(...column) >= -1e-6 && Math.max(...column) <= 1 + 1e-6);
        if (!constant) assert.ok(Math.abs(Math.min(...column)) < 1e-6 && Math.abs(Math.max(...column) - 1) < 1e-6);
      }
    }),
  );
});

test('preprocessing: minmax-global maps the training matrix onto 0..1 with one min and max (Eq. 10)', () => {
  const rows = [[1, 5, 3], [2, 9, 4]];
  const spec = fitPreprocessing('minmax-global', rows);
  assert.deepEqual(spec, { kind: 'minmax-global', min: 1, max: 9 });
  assert.deepEqual(Array.from(applyPreprocessing(spec, [[1, 9, 5]])[0]), [0, 1, 0.5]);
});

test('preprocessing: is fitted on the training spectra only, and applied unchanged to others', () => {
  const spec = fitPreprocessing('minmax-variable', [[0, 10], [2, 20]]);
  const test = applyPreprocessing(spec, [[4, 5]])[0];
  assert.deepEqual(Array.from(test), [2, -0.5]);
});

test('preprocessing: a constant variable (max == min) is shifted, not divided by zero', () => {
  const spec = fitPreprocessing('minmax-variable', [[3, 1], [3, 2]]);
  const out = applyPreprocessing(spec, [[3, 1.5], [4, 2]]);
  assert.deepEqual(out.map((r) => Array.from(r)), [[0, 0.5], [1, 1]]);
});

test('preprocessing: snv gives each spectrum mean 0 and sample standard deviation 1', () => {
  fc.assert(
    fc.property(matrix, (rows) => {
      const out = applyPreprocessing(fitPreprocessing('snv', rows), rows);
      out.forEach((r, i) => {
        if (rows[i].every((v) => Math.abs(v - rows[i][0]) < 1e-3)) return;
        const mean = r.reduce((a, b) => a + b, 0) / r.length;
        const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
        assert.ok(Math.abs(mean) < 1e-4 && Math.abs(sd - 1) < 1e-4, `mean ${mean}, sd ${sd}`);
      });
    }),
  );
});

test('preprocessing: none returns the spectra as they are; an unknown kind is refused', () => {
  assert.deepEqual(Array.from(applyPreprocessing(fitPreprocessing('none', []), [[1, 2]])[0]), [1, 2]);
  assert.throws(() => fitPreprocessing('log' as 'none', []), /unknown preprocessing "log"/);
});
