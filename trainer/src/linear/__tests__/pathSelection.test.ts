import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { selectPathByCrossValidation } from '../pathSelection.js';

// Made by scripts/fixtures/sklearn_pathcv.py (scikit-learn PLSRegression + LinearDiscriminantAnalysis on given folds).
const fixture = JSON.parse(readFileSync(new URL('./sklearn-pathcv.fixture.json', import.meta.url), 'utf8')) as {
  labels: number[];
  classes: number;
  folds: number[][];
  candidates: number[][][];
  best: { candidate: number; components: number; accuracy: number; rmsecv: number }[];
  winner: { candidate: number; components: number; accuracy: number };
};

test('path selection: each candidate cross-validated as scikit-learn does, the most accurate wins', () => {
  const chosen = selectPathByCrossValidation(fixture.candidates, Int32Array.from(fixture.labels), fixture.classes, fixture.folds);
  assert.equal(chosen.best.length, fixture.best.length);
  chosen.best.forEach((s, k) => {
    const expected = fixture.best[k]!;
    assert.equal(s.components, expected.components, `candidate ${k}: latent variables`);
    assert.equal(s.accuracy, expected.accuracy, `candidate ${k}: held-out accuracy`);
    assert.ok(Math.abs(s.rmsecv - expected.rmsecv) < 1e-6 * expected.rmsecv, `candidate ${k}: RMSECV ${s.rmsecv} vs ${expected.rmsecv}`);
  });
  assert.equal(chosen.candidate, fixture.winner.candidate);
  assert.equal(chosen.components, fixture.winner.components);
  assert.equal(chosen.accuracy, fixture.winner.accuracy);
});

test('path selection: a candidate that carries no class information loses to one that does', () => {
  const labels = Int32Array.from({ length: 30 }, (_, i) => i % 2);
  const informative = Array.from(labels, (c, i) => Float64Array.from({ length: 12 }, (_, j) => (j === 3 ? 2 * c : 0) + Math.sin(7 * i + j)));
  const noise = Array.from(labels, (_, i) => Float64Array.from({ length: 12 }, (_, j) => Math.sin(13 * i + 5 * j)));
  const folds = [0, 1, 2].map((k) => Array.from({ length: 10 }, (_, m) => 3 * m + k));
  const chosen = selectPathByCrossValidation([noise, informative], labels, 2, folds);
  assert.equal(chosen.candidate, 1);
  assert.equal(chosen.accuracy, 1);
  assert.ok(chosen.best[0]!.accuracy < 0.8, `noise classified at ${chosen.best[0]!.accuracy}`);
  assert.throws(() => selectPathByCrossValidation([informative], labels, 2, [folds.flat()]), /at least 2/);
});
