import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitLinearReadout } from '../linearReadout.js';
import { fitPlsLda, predictPlsLda } from '../plsLda.js';

interface Part { x: number[][]; labels: string[] }
// Made by scripts/fixtures/sklearn_plslda.py (scikit-learn PLSRegression + LinearDiscriminantAnalysis).
const fixture = JSON.parse(readFileSync(new URL('./sklearn-plslda.fixture.json', import.meta.url), 'utf8')) as { cases: { name: string; train: Part; validation: Part; test: Part }[] };

for (const c of fixture.cases) {
  test(`linear readout (${c.name}): one linear map of the spectrum that decides as PLS-LDA does on every part`, () => {
    const classes = [...new Set([...c.train.labels, ...c.validation.labels, ...c.test.labels])].sort();
    const rows = [...c.train.x, ...c.validation.x, ...c.test.x];
    const labels = Int32Array.from([...c.train.labels, ...c.validation.labels, ...c.test.labels], (l) => classes.indexOf(l));
    const train = c.train.x.map((_, i) => i);
    const pls = fitPlsLda({ spectra: c.train.x, labels: c.train.labels }, { spectra: c.validation.x, labels: c.validation.labels }, classes);
    const readout = fitLinearReadout(rows, labels, classes.length, train, pls.components);
    assert.equal(readout.components, pls.components);
    const expected = predictPlsLda(pls, rows);
    const C = classes.length;
    rows.forEach((x, i) => {
      const logits = Array.from(readout.intercept);
      x.forEach((v, j) => { for (let k = 0; k < C; k++) logits[k]! += (v - readout.centre[j]!) * readout.coef[j * C + k]!; });
      const best = logits.indexOf(Math.max(...logits));
      assert.equal(classes[best], expected[i], `spectrum ${i}: logits ${logits.map((l) => l.toFixed(3)).join(', ')}`);
    });
  });
}

test('linear readout: fewer than 2 training spectra are refused', () => {
  assert.throws(() => fitLinearReadout([[1, 2], [2, 1]], Int32Array.from([0, 1]), 2, [0], 2), /at least 2 training spectra, got 1/);
});
