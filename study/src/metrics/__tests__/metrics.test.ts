import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionCurves, orderingOf, randomDeletionCurves } from '../deletionCurves.js';
import { pointingGame } from '../pointingGame.js';
import { removeVariables } from '../removeVariables.js';
import { spearman } from '../spearman.js';

const p = 200;
const axis = Float64Array.from({ length: p }, (_, j) => 400 + 2 * j);
const band = (centre: number, width: number) => Float32Array.from({ length: p }, (_, j) => Math.exp(-(((axis[j]! - centre) / width) ** 2)));

test('pointing game: a map peaking inside a truth region (widened by the tolerance) hits; one peaking elsewhere misses', () => {
  const onBand = band(600, 6);
  const offBand = band(700, 6);
  const score = pointingGame([onBand, offBand], axis, [{ start: 596, end: 604 }], 10);
  assert.equal(score.hits, 1);
  assert.equal(score.share, 0.5);
  assert.equal(pointingGame([band(612, 4)], axis, [{ start: 596, end: 604 }], 10).share, 1, 'within the tolerance');
  assert.equal(pointingGame([band(620, 4)], axis, [{ start: 596, end: 604 }], 10).share, 0, 'beyond it');
  const energy = pointingGame([onBand], axis, [{ start: 590, end: 610 }], 0).energy;
  assert.ok(energy > 0.8 && energy <= 1, `energy ${energy}`);
});

test('removeVariables: a removed band is bridged by a line (no new band), and kept variables are untouched', () => {
  const spectrum = Float32Array.from(band(600, 6), (v, j) => v + 0.001 * j);
  const removed = new Uint8Array(p);
  for (let j = 90; j <= 110; j++) removed[j] = 1;
  const out = removeVariables(spectrum, removed, 3);
  for (let j = 0; j < p; j++) if (!removed[j]) assert.equal(out[j], spectrum[j]);
  assert.ok(Math.max(...out.slice(90, 111)) < 0.3, 'the band is gone');
  const line = (spectrum[89]! + spectrum[111]!) / 2;
  assert.ok(Math.abs(out[100]! - line) < 0.05, `bridged near ${line}: ${out[100]}`);
});

// A "model" whose class-0 probability is read from one band: deletion along the true ranking
// (the band first) must fall faster than along the reversed one, and than random orderings.
const bandModel = async (spectra: Float32Array[]) =>
  spectra.map((s) => {
    const z = 8 * (s[100]! - 0.5);
    const p0 = 1 / (1 + Math.exp(-z));
    return [p0, 1 - p0];
  });

test('deletion curves: the true ranking beats the reversed ranking and random orderings; insertion the other way', async () => {
  const spectra = [band(600, 8), band(600, 10)];
  const truth = band(600, 8);
  const order = orderingOf(truth);
  const reversed = Int32Array.from(order).reverse();
  const good = await deletionCurves(spectra, [0, 0], [order, order], bandModel);
  const bad = await deletionCurves(spectra, [0, 0], [reversed, reversed], bandModel);
  const random = await randomDeletionCurves(spectra, [0, 0], bandModel, 5);
  assert.ok(good.deletionAuc < 0.7 * bad.deletionAuc, `deletion ${good.deletionAuc} vs reversed ${bad.deletionAuc}`);
  assert.ok(good.deletionAuc < random.deletionAuc, `deletion ${good.deletionAuc} vs random ${random.deletionAuc}`);
  assert.ok(good.insertionAuc > bad.insertionAuc, `insertion ${good.insertionAuc} vs reversed ${bad.insertionAuc}`);
  assert.equal(good.deletion[0], bad.deletion[0], 'both start from the intact spectra');
});

test('spearman: 1 for a monotone transform, -1 for a reversed one, ties share their rank', () => {
  const a = [1, 2, 3, 4, 5];
  assert.ok(Math.abs(spearman(a, a.map((v) => v ** 3)) - 1) < 1e-12);
  assert.ok(Math.abs(spearman(a, a.map((v) => -v)) + 1) < 1e-12);
  assert.ok(Math.abs(spearman([1, 1, 2], [1, 1, 2]) - 1) < 1e-12);
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
});
