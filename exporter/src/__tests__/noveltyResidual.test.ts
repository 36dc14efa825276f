import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { seededRandom } from '@spectracam/data';
import { METADATA_KEYS, TENSORS, type NoveltyMeta } from '@spectracam/format';
import { decodeModel, floatValueInfo, onnx } from '@spectracam/format/onnx';
import { RESIDUAL_VARIANCE, applyPreprocessing, computeResidualFeatures, computeRunFeatures, fitInputResidual, inputResidualScores, type RunFeatures } from '@spectracam/trainer';
import { runPython, skipWithoutPython } from '@spectracam/test/support/python';
import { exportModel } from '../exportModel.js';
import { fitNovelty } from '../novelty/fitNovelty.js';
import { fakeRun, rawSpectra } from './support/fakeRun.js';
import { close, mahalanobisOracle, residualOracle, type MahalanobisExpected, type ResidualExpected } from './support/noveltyOracles.js';

/**
 * An untrained network and 110 noisy spectra of 3 classes (noise beyond what 30 directions hold, so that the
 * subspace is fitted on bin averages), preprocessed and cut into parts: 40 train, 50 validation, 20 test.
 * `validationLabels` may replace the validation part's labels.
 */
function noisyRun(validationLabels?: (labels: number[]) => number[]) {
  const { record, model } = fakeRun({ p: 400, kernels: [7, 5, 3], seed: 8, preprocessing: 'snv' });
  const { spectra, labels } = rawSpectra(110, 400, 3, 5);
  const noise = seededRandom(17);
  for (const s of spectra) for (let j = 0; j < s.length; j++) s[j]! += 20 * (noise() - 0.5);
  const pre = applyPreprocessing(record.preprocessing, spectra);
  const rows = { train: [0, 40], validation: [40, 90], test: [90, 110] } as const;
  const parts = Object.fromEntries(
    Object.entries(rows).map(([part, [from, to]]) => [part, { spectra: pre.slice(from, to), labels: part === 'validation' && validationLabels ? validationLabels(labels.slice(from, to)) : labels.slice(from, to) }]),
  ) as unknown as Record<'train' | 'validation' | 'test', { spectra: Float32Array[]; labels: number[] }>;
  return { record, model, parts };
}

test('novelty with the input residual: the whole graph\'s score is the larger of scikit-learn\'s Mahalanobis distance and PCA Q residual (of the bin averages of the spectrum), each over its validation quantile', async (t) => {
  if (skipWithoutPython(t, ['numpy', 'sklearn', 'scipy'])) return;
  // 50 validation spectra: enough for the untrained network's features to separate the classes held out beyond chance, so both halves count.
  const { record, model, parts } = noisyRun();
  // Four folds of the 40 training spectra, in blocks.
  const folds = Array.from({ length: 4 }, (_, f) => Array.from({ length: 10 }, (_, k) => 10 * f + k));
  const features: RunFeatures = {
    ...computeRunFeatures(model, parts),
    residual: computeResidualFeatures(parts, { folds, unit: 'group' }),
  };
  const bytes = exportModel(record, model, { novelty: { features } });
  const meta = JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
  assert.equal(meta.score, 'mahalanobis+residual', JSON.stringify(meta.featureSkill));
  const proto = decodeModel(bytes, 'm').proto;
  proto.graph!.output!.push(floatValueInfo('gap', ['batch', 64]));
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(proto).finish());
  const unseen = rawSpectra(12, 400, 3, 31).spectra;
  // Four of them with a band no training spectrum has, so that the residual half decides somewhere.
  for (const s of unseen.slice(0, 4)) for (let j = 170; j < 200; j++) s[j]! += 60 * Math.exp(-(((j - 185) / 6) ** 2));
  const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(unseen.flatMap((s) => Array.from(s))), [12, 400]) });
  await session.release();
  const gapRows = (values: Float32Array) => Array.from({ length: values.length / 64 }, (_, i) => Array.from(values.subarray(i * 64, (i + 1) * 64)));
  const distances = runPython<MahalanobisExpected>(mahalanobisOracle, {
    classes: 3, quantile: 0.99,
    train: { x: gapRows(features.parts.train.values), labels: Array.from(features.parts.train.labels) },
    validation: { x: gapRows(features.parts.validation.values) },
    test: { x: gapRows(out.gap!.data as Float32Array) },
  });
  const x = (s: readonly Float32Array[]) => s.map((r) => Array.from(r));
  // The subspace spans bin averages of 11 variables (noisy spectra); NumPy bins for the oracle by the same rule.
  assert.deepEqual(meta.residual!.binning, { width: 11 });
  const residual = runPython<ResidualExpected>(residualOracle, {
    quantile: 0.99, variance: RESIDUAL_VARIANCE, max_components: 30, binning: { width: 11 }, folds,
    train: { x: x(parts.train.spectra) }, validation: { x: x(parts.validation.spectra) }, test: { x: x(applyPreprocessing(record.preprocessing, unseen)) },
  });
  assert.equal(residual.binned, true);
  // The residual's scale counts the training part out of fold; the threshold of the combined score, the validation part alone
  // (the network trained on every training spectrum, so their Mahalanobis half is in-sample).
  assert.deepEqual(meta.residual!.heldOut, { part: 'train', spectra: 40, folds: 4, unit: 'group' });
  assert.deepEqual([meta.thresholdFrom.spectra, meta.thresholdFrom.crossValidated], [50, undefined]);
  assert.equal(meta.residual!.components, residual.components);
  assert.ok(Math.abs(meta.residual!.scale.residual - residual.scale) <= 1e-6 * residual.scale, `residual scale ${meta.residual!.scale.residual} vs ${residual.scale}`);
  assert.ok(Math.abs(meta.residual!.scale.mahalanobis! - distances.threshold) <= 1e-8 * distances.threshold);
  const expected = distances.scores.test.map((m, i) => Math.max(m / distances.threshold, residual.scores.test[i]! / residual.scale));
  close(out[TENSORS.novelty]!.data as Float32Array, expected, 1e-4, 'graph novelty vs scikit-learn');
  const byResidual = expected.filter((_, i) => residual.scores.test[i]! / residual.scale > distances.scores.test[i]! / distances.threshold).length;
  assert.ok(byResidual > 0 && byResidual < 12, `the residual half decides for ${byResidual} of 12: both halves are exercised`);
  model.dispose();
});

test('novelty: features whose class means do not separate the validation part beyond chance leave the score to the residual alone, and the graph equals scikit-learn\'s Q over its quantile on the validation part and the training part out of fold', async (t) => {
  if (skipWithoutPython(t, ['numpy', 'sklearn', 'scipy'])) return;
  // The validation part's labels dealt at random: no feature can name them better than chance.
  const shuffled = seededRandom(3);
  const { record, model, parts } = noisyRun((labels) => labels.map(() => Math.floor(shuffled() * 3)));
  // Five folds of the 40 training spectra, dealt in turn.
  const folds = Array.from({ length: 5 }, (_, f) => Array.from({ length: 8 }, (_, k) => f + 5 * k));
  const features: RunFeatures = { ...computeRunFeatures(model, parts), residual: computeResidualFeatures(parts, { folds, unit: 'spectrum' }) };
  const bytes = exportModel(record, model, { novelty: { features } });
  const decoded = decodeModel(bytes, 'm');
  const meta = JSON.parse(decoded.metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
  assert.equal(meta.score, 'residual', JSON.stringify(meta.featureSkill));
  assert.ok(meta.featureSkill!.pValue >= 0.05 && meta.featureSkill!.spectra === 50, JSON.stringify(meta.featureSkill));
  assert.equal(meta.residual!.scale.mahalanobis, undefined);
  assert.equal(decoded.initializers.has(TENSORS.noveltyWhitening), false, 'no Mahalanobis half in the graph');
  const session = await ort.InferenceSession.create(bytes);
  const unseen = rawSpectra(12, 400, 3, 31).spectra;
  for (const s of unseen.slice(0, 4)) for (let j = 170; j < 200; j++) s[j]! += 60 * Math.exp(-(((j - 185) / 6) ** 2));
  const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(unseen.flatMap((s) => Array.from(s))), [12, 400]) });
  await session.release();
  const x = (s: readonly Float32Array[]) => s.map((r) => Array.from(r));
  const residual = runPython<ResidualExpected>(residualOracle, {
    quantile: 0.99, variance: RESIDUAL_VARIANCE, max_components: 30, binning: { width: 11 }, folds,
    train: { x: x(parts.train.spectra) }, validation: { x: x(parts.validation.spectra) }, test: { x: x(applyPreprocessing(record.preprocessing, unseen)) },
  });
  // Each training spectrum's Q from a subspace refitted without its fold, in the same bins.
  close(features.residual!.heldOut!.scores, residual.held_out!, 1e-6, 'out-of-fold Q vs scikit-learn');
  const inSample = features.residual!.scores.train;
  assert.ok(residual.held_out!.reduce((a, v) => a + v, 0) > 1.2 * inSample.reduce((a, v) => a + v, 0), 'out of fold, the training spectra score above their in-sample Q');
  assert.deepEqual(meta.residual!.heldOut, { part: 'train', spectra: 40, folds: 5, unit: 'spectrum' });
  assert.deepEqual([meta.thresholdFrom.spectra, meta.thresholdFrom.crossValidated, meta.thresholdFrom.method], [90, 40, 'gamma']);
  assert.ok(Math.abs(meta.residual!.scale.residual - residual.scale) <= 1e-6 * residual.scale, `residual scale ${meta.residual!.scale.residual} vs ${residual.scale}`);
  // The threshold: the same rule on the 90 held-out scores over that scale.
  assert.ok(Math.abs(meta.threshold - residual.threshold) <= 1e-6 * residual.threshold, `threshold ${meta.threshold} vs ${residual.threshold}`);
  close(out[TENSORS.novelty]!.data as Float32Array, residual.scores.test.map((q) => q / residual.scale), 1e-4, 'graph novelty vs scikit-learn Q');
  const flagged = (out[TENSORS.novelty]!.data as Float32Array).map((v) => (v > meta.threshold ? 1 : 0));
  assert.deepEqual(Array.from(flagged.slice(0, 4)), [1, 1, 1, 1], 'the spectra with a new band are unknown');
  model.dispose();
});

test('novelty: a residual half without a usable scale (training spectra the subspace holds entirely) is left out, not divided by rounding', () => {
  const { record, model, features } = fakeRun({ p: 60, kernels: [5, 3, 3], seed: 6 });
  const tiny = (n: number) => Float64Array.from({ length: n }, (_, i) => 1e-17 * (1 + (i % 3)));
  const residual = { ...features.residual!, scores: { train: tiny(features.parts.train.labels.length), validation: tiny(features.parts.validation.labels.length), test: tiny(features.parts.test.labels.length) } };
  const fit = fitNovelty({ ...features, residual }, record.model.classes);
  assert.equal(fit.meta.score, 'mahalanobis');
  assert.equal(fit.residual, undefined);
  // Rows that do not match the GAP features are another run's: refused naming the file.
  const short = { ...features.residual!, scores: { ...features.residual!.scores, test: features.residual!.scores.test.subarray(1) } };
  assert.throws(() => fitNovelty({ ...features, residual: short }, record.model.classes), /features\/residual\.json.*test part/);
  model.dispose();
});

test('novelty: a run whose input subspace was fitted before the binning (none in its residual files) still exports, reading the spectrum itself', async () => {
  const p = 90;
  const { record, model } = fakeRun({ p, kernels: [7, 5, 3], seed: 12, preprocessing: 'snv' });
  const { spectra, labels } = rawSpectra(48, p, 3, 9);
  const pre = applyPreprocessing(record.preprocessing, spectra);
  const part = (from: number, to: number) => ({ spectra: pre.slice(from, to), labels: labels.slice(from, to) });
  const parts = { train: part(0, 24), validation: part(24, 36), test: part(36, 48) };
  const older = fitInputResidual(parts.train.spectra);
  const scores = (m: typeof older) => ({ train: inputResidualScores(m, parts.train.spectra), validation: inputResidualScores(m, parts.validation.spectra), test: inputResidualScores(m, parts.test.spectra) });
  const scoresFrom = async (residual: RunFeatures['residual']) => {
    const features: RunFeatures = { ...computeRunFeatures(model, parts), residual };
    const bytes = exportModel(record, model, { novelty: { features } });
    const meta = JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.slice(36).flatMap((s) => Array.from(s))), [12, p]) });
    await session.release();
    // The graph gives what the exporter computed for the test part in float64.
    close(out[TENSORS.novelty]!.data as Float32Array, Array.from(fitNovelty(features, record.model.classes).scores.test), 1e-4, `graph vs fit (${meta.residual?.binning ? 'binned' : 'spectrum itself'})`);
    return meta;
  };
  const before = await scoresFrom({ model: older, scores: scores(older) });
  assert.equal(before.score, 'mahalanobis+residual');
  assert.equal(before.residual!.binning, undefined);
  const binned = fitInputResidual(parts.train.spectra, { binning: { width: 2 }, maxComponents: 5, variance: 0.9999 });
  assert.deepEqual((await scoresFrom({ model: binned, scores: scores(binned) })).residual!.binning, { width: 2 });
  // Bins of spectra of another length are another data set's, even where they make as many bins.
  const longer = fitInputResidual(parts.train.spectra.map((s) => Float32Array.from([...s, 0])), { binning: { width: 2 }, maxComponents: 5, variance: 0.9999 });
  assert.equal(longer.mean.length, binned.mean.length);
  assert.throws(() => exportModel(record, model, { novelty: { features: { ...computeRunFeatures(model, parts), residual: { model: longer, scores: scores(binned) } } } }), /input subspace has 45 variables \(bins of spectra of 91\) but the model gives it 45 \(the model's 90 in bins of 2\)/);
  // A subspace of another length is another data set's, named as such.
  const wrong = fitInputResidual(parts.train.spectra.map((s) => s.subarray(0, p - 4)));
  assert.throws(() => exportModel(record, model, { novelty: { features: { ...computeRunFeatures(model, parts), residual: { model: wrong, scores: scores(older) } } } }), /input subspace has 86 variables but the model gives it 90/);
  model.dispose();
});


test('novelty: where the networks trained on the validation part too (run.json training.fittedOn), the score is the residual alone whatever the features\' skill; without a usable residual the export is refused', () => {
  const { record, model, parts } = noisyRun();
  const folds = Array.from({ length: 5 }, (_, f) => Array.from({ length: 8 }, (_, k) => f + 5 * k));
  const features: RunFeatures = { ...computeRunFeatures(model, parts), residual: computeResidualFeatures(parts, { folds, unit: 'spectrum' }) };
  const meta = (bytes: Uint8Array) => JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
  const held = meta(exportModel(record, model, { novelty: { features } }));
  assert.equal(held.score, 'mahalanobis+residual', 'precondition: held out, these features beat chance');
  const fitted = { ...record, training: { ...record.training, fittedOn: ['train', 'validation'] as ['train', 'validation'] } };
  const bytes = exportModel(fitted, model, { novelty: { features } });
  const inSample = meta(bytes);
  assert.equal(inSample.score, 'residual');
  assert.equal(inSample.featureSkill, undefined, 'no skill measured on spectra the networks trained on');
  assert.equal(decodeModel(bytes, 'm').initializers.has(TENSORS.noveltyWhitening), false, 'no Mahalanobis half in the graph');
  assert.deepEqual(JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.training)!).fittedOn, ['train', 'validation'], 'the file says its validation accuracy is not held out');
  // A residual score does not read the labels: the same threshold as a held-out run whose features showed no skill.
  const shuffled = seededRandom(3);
  const chance = noisyRun((labels) => labels.map(() => Math.floor(shuffled() * 3)));
  const reference = fitNovelty({ ...computeRunFeatures(chance.model, chance.parts), residual: computeResidualFeatures(chance.parts, { folds, unit: 'spectrum' }) }, record.model.classes);
  assert.equal(reference.meta.score, 'residual', 'precondition: the shuffled labels leave the residual alone');
  assert.equal(inSample.threshold, reference.meta.threshold);
  assert.deepEqual(inSample.residual!.scale, reference.meta.residual!.scale);
  assert.equal(inSample.thresholdFrom.crossValidated, 40);
  const tiny = (n: number) => Float64Array.from({ length: n }, (_, i) => 1e-17 * (1 + (i % 3)));
  const unusable = { ...features.residual!, heldOut: undefined, scores: { train: tiny(40), validation: tiny(50), test: tiny(20) } };
  assert.throws(() => exportModel(fitted, model, { novelty: { features: { ...features, residual: unusable } } }), /trained on the validation part too.*--no-novelty/);
  assert.throws(() => exportModel(fitted, model, { novelty: { features: { ...features, residual: undefined } } }), /trained on the validation part too.*--no-novelty/);
  model.dispose();
  chance.model.dispose();
});
