import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitPlsLda, predictPlsLda } from '../plsLda.js';

interface Part { x: number[][]; labels: string[] }
interface Case {
  name: string;
  train: Part;
  validation: Part;
  test: Part;
  expected: {
    components: number;
    scores: { components: number; rmsec: number; rmsev: number }[];
    predictions: { train: string[]; validation: string[]; test: string[] };
    vip: number[];
  };
}

// Made by scripts/fixtures/sklearn_plslda.py (scikit-learn PLSRegression + LinearDiscriminantAnalysis).
const fixture = JSON.parse(readFileSync(new URL('./sklearn-plslda.fixture.json', import.meta.url), 'utf8')) as { cases: Case[] };

function fit(c: Case) {
  const classes = [...new Set([...c.train.labels, ...c.validation.labels, ...c.test.labels])].sort();
  const model = fitPlsLda({ spectra: c.train.x, labels: c.train.labels }, { spectra: c.validation.x, labels: c.validation.labels }, classes);
  return model;
}

for (const c of fixture.cases) {
  test(`PLS-LDA (${c.name}): chooses the same number of latent variables as scikit-learn`, () => {
    const model = fit(c);
    assert.equal(model.components, c.expected.components);
    assert.equal(model.scores.length, c.expected.scores.length);
    model.scores.forEach((s, i) => {
      const e = c.expected.scores[i]!;
      assert.equal(s.components, e.components);
      assert.ok(Math.abs(s.rmsec - e.rmsec) <= 1e-9 * Math.max(1, e.rmsec), `RMSEC at ${s.components} LVs: ${s.rmsec} vs ${e.rmsec}`);
      assert.ok(Math.abs(s.rmsev - e.rmsev) <= 1e-9 * Math.max(1, e.rmsev), `RMSEV at ${s.components} LVs: ${s.rmsev} vs ${e.rmsev}`);
    });
  });

  test(`PLS-LDA (${c.name}): predicts every spectrum as scikit-learn does`, () => {
    const model = fit(c);
    for (const part of ['train', 'validation', 'test'] as const) {
      assert.deepEqual(predictPlsLda(model, c[part].x), c.expected.predictions[part], part);
    }
  });

  test(`PLS-LDA (${c.name}): VIP agrees with scikit-learn's weights, loadings and scores within 1e-6 relative`, () => {
    const model = fit(c);
    assert.equal(model.vip.length, c.expected.vip.length);
    model.vip.forEach((v, j) => {
      const e = c.expected.vip[j]!;
      assert.ok(Math.abs(v - e) <= 1e-6 * Math.abs(e), `VIP[${j}] ${v} vs ${e}`);
    });
  });
}

test('PLS-LDA: VIP squared averages to 1 over the variables (its normalisation)', () => {
  const model = fit(fixture.cases[0]!);
  const meanSquare = model.vip.reduce((s, v) => s + v * v, 0) / model.vip.length;
  assert.ok(Math.abs(meanSquare - 1) < 1e-12, String(meanSquare));
});

test('PLS-LDA: refuses an empty validation part, which the choice of latent variables needs', () => {
  const c = fixture.cases[0]!;
  assert.throws(() => fitPlsLda({ spectra: c.train.x, labels: c.train.labels }, { spectra: [], labels: [] }, ['chicken', 'pork', 'turkey']), /validation part is empty/);
});
