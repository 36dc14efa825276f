import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom, type Dataset } from '@spectracam/data';
import { fitInputResidual, inputResidualScores, residualInput, RESIDUAL_BINNING } from '../inputResidual.js';
import { residualFiles, residualFromFiles } from '../residualFeatures.js';
import { crossValidatedResidual, residualFolds, RESIDUAL_FOLDS } from '../crossValidatedResidual.js';

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

test('input residual with binning: the subspace spans bin averages; white noise no training spectrum had counts less than a new band', () => {
  const p = 400;
  const shape = (j: number, at: number, width = 8) => Math.exp(-(((j - at) / width) ** 2));
  const noise = () => 0.3 * (random() - 0.5);
  const train = rows(80, p, () => 0).map((s) => {
    const [a, b] = [0.5 + random(), 0.5 + random()];
    return s.map((_, j) => 1 + a * shape(j, 100) + b * shape(j, 260) + noise());
  });
  const binned = fitInputResidual(train, { binning: RESIDUAL_BINNING });
  const plain = fitInputResidual(train);
  assert.deepEqual(binned.binning, RESIDUAL_BINNING);
  assert.equal(binned.inputLength, p);
  assert.equal(binned.mean.length, Math.floor(p / RESIDUAL_BINNING.width));
  assert.equal(plain.binning, undefined);
  // It is the subspace of the bin averages: the same as fitting those directly.
  const direct = fitInputResidual(residualInput(train, RESIDUAL_BINNING));
  assert.equal(direct.components, binned.components);
  const many = (band: number) => rows(20, p, (_, j) => 1 + shape(j, 100) + shape(j, 260) + band * shape(j, 180) + noise());
  const [like, banded] = [many(0), many(0.3)];
  const viaModel = inputResidualScores(binned, banded);
  const viaInput = inputResidualScores(direct, residualInput(banded, RESIDUAL_BINNING));
  viaModel.forEach((v, i) => assert.ok(Math.abs(v - viaInput[i]!) <= 1e-9 * Math.max(1, v), `spectrum ${i}: ${v} vs ${viaInput[i]}`));
  // A weak new band stands out of the noise more in bin averages: the mean Q of 20 spectra with it
  // over that of 20 without grows (averaging w variables divides the noise's share of Q by about w).
  const mean = (q: Float64Array) => q.reduce((a, b) => a + b, 0) / q.length;
  const ratio = (m: typeof binned) => mean(inputResidualScores(m, banded)) / mean(inputResidualScores(m, like));
  assert.ok(ratio(binned) > 1.5 * ratio(plain), `band / like: binned ${ratio(binned)}, plain ${ratio(plain)}`);
  // Too few bins for the subspace: the spectra themselves.
  assert.equal(fitInputResidual(rows(40, 300, () => random()), { binning: RESIDUAL_BINNING }).binning, undefined);
});

test('input residual files: the binning travels with the subspace; an index without it (older runs) reads as none', () => {
  const train = rows(60, 60, (i, j) => Math.sin(j * 0.1 * (1 + (i % 3))) + 0.1 * random());
  const model = fitInputResidual(train, { binning: { width: 1 }, variance: 1 });
  const features = { model, scores: { train: inputResidualScores(model, train), validation: new Float64Array(0), test: new Float64Array(0) } };
  const { index, bytes } = residualFiles(features);
  const where = { index: 'features/residual.json', bin: 'features/residual.bin' };
  const back = residualFromFiles(JSON.stringify(index), bytes, where);
  assert.deepEqual(back.model.binning, { width: 1 });
  assert.equal(back.model.inputLength, 60);
  assert.throws(() => residualFromFiles(JSON.stringify({ ...index, inputLength: 61 }), bytes, where), /features\/residual\.json: inputLength must be the length of the spectra whose bins of 1 make its 60 variables, got 61/);
  assert.deepEqual(Array.from(back.model.basis), Array.from(model.basis));
  const { binning: _, inputLength: __, ...older } = index;
  assert.equal(residualFromFiles(JSON.stringify(older), bytes, where).model.binning, undefined);
  assert.throws(() => residualFromFiles(JSON.stringify({ ...index, binning: { width: 0 } }), bytes, where), /features\/residual\.json: binning must be/);
});

test('input residual out of fold: folds keep each group whole; each training spectrum is scored by a subspace fitted without it; the files carry the scores', () => {
  const p = 40;
  const n = 24;
  const spectra = rows(n, p, (i, j) => Math.sin(j * 0.2 * (1 + (i % 4))) + 0.05 * random());
  const dataset: Dataset = {
    ids: spectra.map((_, i) => `s${i}`), names: spectra.map((_, i) => `s${i}`), labels: spectra.map((_, i) => (i % 2 ? 'a' : 'b')), classes: ['a', 'b'],
    groups: spectra.map((_, i) => `g${Math.floor(i / 2)}`), axis: Float64Array.from({ length: p }, (_, j) => j), unit: 'cm-1', spectra: spectra.map((s) => Float32Array.from(s)), source: 'test', warnings: [],
  };
  // The training part: every row but the last four, in another order.
  const train = Array.from({ length: n - 4 }, (_, k) => (k * 7) % (n - 4));
  const dealt = residualFolds(dataset, train, 1)!;
  assert.equal(dealt.unit, 'group');
  assert.equal(dealt.folds.length, RESIDUAL_FOLDS);
  assert.deepEqual(dealt.folds.flat().sort((a, b) => a - b), train.map((_, k) => k), 'every position once');
  for (const fold of dealt.folds) for (const other of dealt.folds) if (other !== fold) for (const k of fold) assert.ok(!other.some((m) => dataset.groups![train[m]!] === dataset.groups![train[k]!]), 'a group lies in one fold');
  assert.equal(residualFolds({ ...dataset, groups: dataset.groups!.map(() => 'one') }, train, 1), undefined, 'one group: nothing to hold out');
  // One group per class: leaving either out leaves its class out, and its spectra would score as a class never seen.
  assert.equal(residualFolds({ ...dataset, groups: dataset.labels.slice() }, train, 1), undefined, 'a fold that holds a whole class');
  assert.equal(residualFolds({ ...dataset, groups: dataset.labels.map((l, i) => `${l}${i % 8}`) }, train, 1)!.folds.length, 8, 'four groups per class: eight folds');

  const part = train.map((i) => spectra[i]!);
  const model = fitInputResidual(part);
  const held = crossValidatedResidual(part, model, dealt.folds, dealt.unit)!;
  for (const [f, fold] of dealt.folds.entries()) {
    const without = fitInputResidual(part.filter((_, k) => !fold.includes(k)), { binned: false });
    assert.deepEqual(Array.from(inputResidualScores(without, fold.map((k) => part[k]!))), fold.map((k) => held.scores[k]!), `fold ${f}`);
  }
  assert.equal(crossValidatedResidual(part.slice(0, 3), model, [[0, 1], [2]], 'spectrum'), undefined, 'a fold that leaves one spectrum to fit on');
  assert.throws(() => crossValidatedResidual(part.slice(0, 3), model, [[0, 1], [1, 2]], 'spectrum'), /hold each of the 3 training spectra once \(4 dealt\)/, 'a spectrum in two folds would be fitted on where it is scored');
  assert.throws(() => crossValidatedResidual(part, model, [[0], [1]], 'spectrum'), /2 folds must hold each of the 20 training spectra once \(2 dealt\)/);

  const features = { model, scores: { train: inputResidualScores(model, part), validation: new Float64Array(0), test: new Float64Array(0) }, heldOut: held };
  const { index, bytes } = residualFiles(features);
  const where = { index: 'features/residual.json', bin: 'features/residual.bin' };
  const back = residualFromFiles(JSON.stringify(index), bytes, where);
  assert.deepEqual(Array.from(back.heldOut!.scores), Array.from(held.scores));
  assert.deepEqual([back.heldOut!.folds, back.heldOut!.unit], [RESIDUAL_FOLDS, 'group']);
  assert.throws(() => residualFromFiles(JSON.stringify({ ...index, heldOut: { folds: 1, unit: 'group' } }), bytes, where), /features\/residual\.json: heldOut must be/);
  const { heldOut: _, ...before } = index;
  assert.throws(() => residualFromFiles(JSON.stringify(before), bytes, where), /features\/residual\.bin: holds \d+ bytes/);
  assert.equal(residualFromFiles(JSON.stringify(before), bytes.subarray(0, bytes.length - 8 * part.length), where).heldOut, undefined, 'runs trained before it read without');
});

test('input residual out of fold with the preprocessing refitted: each fold is scaled by what the other folds span, and scored in that scale', () => {
  const p = 30;
  // The largest amplitudes (up to 8) all lie in the first fold; the second reaches 3.
  const raw = rows(16, p, (i, j) => (i < 8 ? 1 + i : 1 + (i % 3)) * Math.sin(j * 0.3 + (i % 3)) + 0.05 * random());
  // Scaling by the largest absolute value of the fitting spectra, a preprocessing fitted on data.
  const preprocess = (fitOn: readonly ArrayLike<number>[]) => {
    const top = Math.max(...fitOn.map((s) => Math.max(...Array.from(s, Math.abs))));
    return (spectra: readonly ArrayLike<number>[]) => spectra.map((s) => Float64Array.from(s, (v) => v / top));
  };
  const spectra = preprocess(raw)(raw);
  const model = fitInputResidual(spectra);
  const folds = [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15]];
  const held = crossValidatedResidual(spectra, model, folds, 'spectrum', { raw, preprocess })!;
  for (const [f, fold] of folds.entries()) {
    const rest = raw.filter((_, i) => !fold.includes(i));
    const scale = preprocess(rest);
    const without = fitInputResidual(scale(rest), { binned: false });
    assert.deepEqual(Array.from(inputResidualScores(without, scale(fold.map((i) => raw[i]!)))), fold.map((i) => held.scores[i]!), `fold ${f}`);
  }
  // Without the first fold the scale is the second's (about 3, not 8): its spectra score otherwise than in the shared
  // scale. Without the second, the scale is the whole part's, and its spectra score as with the shared one.
  const shared = crossValidatedResidual(spectra, model, folds, 'spectrum')!;
  const sum = (scores: Float64Array, fold: number[]) => fold.reduce((a, i) => a + scores[i]!, 0);
  assert.ok(sum(held.scores, folds[0]!) > 2 * sum(shared.scores, folds[0]!), `first fold refitted ${sum(held.scores, folds[0]!)} vs shared ${sum(shared.scores, folds[0]!)}`);
  for (const i of folds[1]!) assert.ok(Math.abs(held.scores[i]! - shared.scores[i]!) <= 1e-9 * (1 + shared.scores[i]!), `spectrum ${i}`);
  assert.throws(() => crossValidatedResidual(spectra, model, folds, 'spectrum', { raw: raw.slice(1), preprocess }), /15 raw spectra for 16 preprocessed ones/);
});
