import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '@spectracam/data';
import { fitInputResidual, inputResidualScores } from '../inputResidual.js';

const random = seededRandom(5);
const rows = (n: number, p: number, f: (i: number, j: number) => number) => Array.from({ length: n }, (_, i) => Float64Array.from({ length: p }, (_, j) => f(i, j)));

test('input residual: a band the training spectra never had gives a large Q, a spectrum like them a small one', () => {
  const p = 80;
  const shape = (j: number, at: number) => Math.exp(-(((j - at) / 3) ** 2));
  const train = rows(60, p, (i, j) => 1 + (0.5 + random()) * shape(j, 20) + (0.5 + random()) * shape(j, 50) + 0.01 * (random() - 0.5));
  const model = fitInputResidual(train);
  assert.ok(model.components >= 2 && model.components <= 30, `${model.components} components`);
  const [like, band] = inputResidualScores(model, [
    Float64Array.from({ length: p }, (_, j) => 1 + 0.8 * shape(j, 20) + 1.2 * shape(j, 50)),
    Float64Array.from({ length: p }, (_, j) => 1 + 0.8 * shape(j, 20) + 1.2 * shape(j, 50) + shape(j, 70)),
  ]);
  assert.ok(band! > 100 * like!, `Q with a new band ${band} against ${like}`);
});

test('input residual: never every direction (rounding would be the residual), nothing from constant spectra', () => {
  const few = fitInputResidual(rows(100, 5, () => random()));
  assert.ok(few.components <= 4, `${few.components} of 5 directions kept`);
  const flat = fitInputResidual(rows(10, 20, () => 3));
  assert.equal(flat.components, 0);
  assert.equal(flat.explained, 1);
  // Four distinct spectra: three directions about their mean.
  const rank3 = fitInputResidual(rows(40, 50, (i, j) => Math.sin(j * (1 + (i % 4)))), { variance: 1 });
  assert.equal(rank3.components, 3, 'data of rank 3: three directions, not rounding noise');
  assert.ok(rank3.explained <= 1);
});
