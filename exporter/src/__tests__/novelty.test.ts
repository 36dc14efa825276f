import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { seededRandom } from '@spectracam/data';
import { METADATA_KEYS, TENSORS, type NoveltyMeta } from '@spectracam/format';
import { decodeModel, floatValueInfo, onnx } from '@spectracam/format/onnx';
import { RESIDUAL_VARIANCE, RUN_FILES, applyPreprocessing, computeResidualFeatures, computeRunFeatures, fitInputResidual, inputResidualScores, runPathCarrier, writeRun, type RunFeatures } from '@spectracam/trainer';
import { runPython, skipWithoutPython } from '@spectracam/test/support/python';
import { exportModel } from '../exportModel.js';
import { exportRun } from '../exportRun.js';
import { fitNovelty } from '../novelty/fitNovelty.js';
import { noveltyPart } from '../graph/noveltyPart.js';
import { empiricalQuantile, gammaQuantile } from '../novelty/scoreQuantile.js';
import { binomialUpperTail, featureSkill } from '../novelty/featureSkill.js';
import { fakeFeatures, fakeRun, onDerivative, rawSpectra } from './support/fakeRun.js';

interface Part { x: number[][]; labels: number[] }
interface Expected { means: number[][]; shrinkage: number; scores: { train: number[]; validation: number[]; test: number[] }; threshold: number; method: 'empirical' | 'gamma'; gamma?: { shape: number; scale: number } }
interface Case { name: string; classes: number; quantile: number; train: Part; validation: Part; test: Part; expected: Expected }

// Made by scripts/fixtures/sklearn_mahalanobis.py (scikit-learn LedoitWolf, numpy, scipy.stats.gamma).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-mahalanobis.fixture.json', import.meta.url), 'utf8')) as { cases: Case[] };
const oracle = fileURLToPath(new URL('../../../scripts/fixtures/sklearn_mahalanobis.py', import.meta.url));

const block = (part: Part) => ({ values: Float32Array.from(part.x.flat()), labels: Int32Array.from(part.labels) });
const featuresOf = (c: Case): RunFeatures => ({ layer: 'gap', channels: c.train.x[0]!.length, parts: { train: block(c.train), validation: block(c.validation), test: block(c.test) } });
const names = (n: number) => Array.from({ length: n }, (_, i) => `class-${i}`);

function close(actual: ArrayLike<number>, expected: readonly number[], relative: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= relative * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** A graph with the novelty part alone: input `gap` [batch, K] -> `novelty` [batch]. */
function noveltyGraph(fit: ReturnType<typeof fitNovelty>, classes: number): Uint8Array {
  const part = noveltyPart('gap', fit.whitening, fit.whitenedMeans, fit.channels, classes);
  return onnx.ModelProto.encode({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'novelty', node: part.nodes, initializer: part.initializers, input: [floatValueInfo('gap', ['batch', fit.channels])], output: [floatValueInfo(TENSORS.novelty, ['batch'])] },
  }).finish();
}

async function graphScores(bytes: Uint8Array, rows: Float32Array, k: number, feed = 'gap', fetch = [TENSORS.novelty]): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ [feed]: new ort.Tensor('float32', rows, [rows.length / k, k]) }, fetch);
    return Object.fromEntries(fetch.map((name) => [name, out[name]!.data as Float32Array]));
  } finally {
    await session.release();
  }
}

for (const c of fixture.cases) {
  test(`novelty (${c.name}): means, Ledoit-Wolf shrinkage, scores and threshold equal scikit-learn / numpy / scipy`, () => {
    const fit = fitNovelty(featuresOf(c), names(c.classes), c.quantile);
    const k = fit.channels;
    close(fit.means, c.expected.means.flat(), 1e-9, 'means');
    assert.ok(Math.abs(fit.meta.fit.shrinkage - c.expected.shrinkage) <= 1e-9, `shrinkage ${fit.meta.fit.shrinkage} vs ${c.expected.shrinkage}`);
    for (const part of ['train', 'validation', 'test'] as const) close(fit.scores[part], c.expected.scores[part], 1e-8, `${part} scores`);
    assert.equal(fit.meta.thresholdFrom.method, c.expected.method);
    assert.equal(fit.meta.thresholdFrom.spectra, c.validation.x.length);
    assert.ok(Math.abs(fit.meta.threshold - c.expected.threshold) <= 1e-8 * c.expected.threshold, `threshold ${fit.meta.threshold} vs ${c.expected.threshold}`);
    if (c.expected.gamma) {
      assert.ok(Math.abs(fit.meta.thresholdFrom.gamma!.shape - c.expected.gamma.shape) <= 1e-9 * c.expected.gamma.shape);
      assert.ok(Math.abs(fit.meta.thresholdFrom.gamma!.scale - c.expected.gamma.scale) <= 1e-9 * c.expected.gamma.scale);
    }
    assert.equal(fit.whitening.length, k * k);
  });

  test(`novelty (${c.name}): the graph's \`novelty\` on the same features equals scikit-learn's Mahalanobis distance within 1e-5 relative`, async () => {
    const fit = fitNovelty(featuresOf(c), names(c.classes), c.quantile);
    const out = await graphScores(noveltyGraph(fit, c.classes), block(c.test).values, fit.channels);
    close(out[TENSORS.novelty]!, c.expected.scores.test, 1e-5, 'graph novelty');
  });
}

test('novelty: gammaQuantile and empiricalQuantile agree with scipy.stats.gamma.ppf and numpy.quantile on known values', () => {
  // scipy.stats.gamma.ppf(0.99, 3), chi2(5).ppf(0.95) = gamma.ppf(0.95, 2.5, scale=2), gamma.ppf(0.99, 400, scale=0.5).
  assert.ok(Math.abs(gammaQuantile(0.99, 3, 1) - 8.405946914885464) < 1e-9);
  assert.ok(Math.abs(gammaQuantile(0.95, 2.5, 2) - 11.070497693516351) < 1e-9);
  assert.ok(Math.abs(gammaQuantile(0.99, 400, 0.5) - 223.99606391437908) < 1e-7, 'a large shape');
  assert.equal(empiricalQuantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(empiricalQuantile([10, 0], 0.99), 9.9);
});

test('novelty: the threshold is the stated quantile of the validation scores (empirical from 1 / (1 - q) spectra), and the metadata says so', () => {
  const { record, model } = fakeRun({ p: 80, kernels: [5, 3, 3] });
  const features = fakeFeatures(record, model, { n: 440, seed: 9 }); // 110 validation spectra
  const fit = fitNovelty(features, record.model.classes, 0.99);
  assert.equal(fit.meta.thresholdFrom.part, 'validation');
  assert.equal(fit.meta.thresholdFrom.method, 'empirical');
  assert.equal(fit.meta.thresholdFrom.spectra, 110);
  const sorted = [...fit.scores.validation].sort((a, b) => a - b);
  const h = 0.99 * 109;
  assert.ok(Math.abs(fit.meta.threshold - (sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.floor(h) + 1]! - sorted[Math.floor(h)]!))) < 1e-9);
  assert.equal(fit.meta.flagged.validation, 2 / 110, 'above the 99 % quantile of 110 values: the top 2');
  assert.equal(fit.meta.fit.part, 'train');
  assert.equal(fit.meta.fit.spectra, 220);
  // Few validation spectra: the gamma fitted to them by moments says where 99 % lie.
  const few = fitNovelty(fakeFeatures(record, model, { n: 40, seed: 9 }), record.model.classes);
  assert.equal(few.meta.thresholdFrom.method, 'gamma');
  const { shape, scale } = few.meta.thresholdFrom.gamma!;
  const mean = few.scores.validation.reduce((a, b) => a + b, 0) / 10;
  assert.ok(Math.abs(shape * scale - mean) < 1e-9 * mean, 'the gamma keeps the scores\' mean');
  assert.equal(few.meta.threshold, gammaQuantile(0.99, shape, scale));
  model.dispose();
});

test('novelty: the exported file carries the score as an output, its whitening and whitened means as initializers, and its fit in the metadata', async () => {
  // The Mahalanobis score alone (a run without the input subspace, as runs trained before it).
  const { record, model, features: { residual: _, ...features } } = fakeRun({ p: 96, kernels: [7, 5, 3], seed: 4 });
  const bytes = exportModel(record, model, { novelty: { features, quantile: 0.95 } });
  const decoded = decodeModel(bytes, 'm');
  assert.ok(decoded.outputs.includes(TENSORS.novelty));
  assert.deepEqual(decoded.initializers.get(TENSORS.noveltyWhitening)!.dims, [64, 64]);
  assert.deepEqual(decoded.initializers.get(TENSORS.noveltyMeans)!.dims, [3, 64]);
  const meta = JSON.parse(decoded.metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
  const fit = fitNovelty(features, record.model.classes, 0.95);
  assert.equal(meta.threshold, fit.meta.threshold);
  assert.equal(meta.quantile, 0.95);
  assert.deepEqual(meta.features, { tensor: 'gap', channels: 64 });
  assert.equal(meta.score, 'mahalanobis');
  // The graph computes on the graph's own GAP features what fitNovelty computes on the trainer's.
  const { spectra } = rawSpectra(5, 96, 3, 77);
  const withGap = decodeModel(bytes, 'm').proto;
  withGap.graph!.output!.push(floatValueInfo('gap', ['batch', 64]));
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(withGap).finish());
  const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.flatMap((s) => Array.from(s))), [5, 96]) });
  await session.release();
  const gap = out.gap!.data as Float32Array;
  const own = fitNovelty({ ...features, parts: { ...features.parts, test: { values: gap, labels: new Int32Array(5) } } }, record.model.classes, 0.95).scores.test;
  close(out[TENSORS.novelty]!.data as Float32Array, Array.from(own), 1e-5, 'novelty from the whole graph');
  model.dispose();
});

test('novelty: the whole exported graph\'s score equals the NumPy / scikit-learn oracle run live on the same GAP features', async (t) => {
  if (skipWithoutPython(t, ['numpy', 'sklearn', 'scipy'])) return;
  const { record, model, features: { residual: _, ...features } } = fakeRun({ p: 120, kernels: [7, 5, 3], seed: 8, preprocessing: 'snv' });
  const bytes = exportModel(record, model, { novelty: { features } });
  const proto = decodeModel(bytes, 'm').proto;
  proto.graph!.output!.push(floatValueInfo('gap', ['batch', 64]));
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(proto).finish());
  const { spectra } = rawSpectra(12, 120, 3, 31);
  const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.flatMap((s) => Array.from(s))), [12, 120]) });
  await session.release();
  const rows = (values: Float32Array) => Array.from({ length: values.length / 64 }, (_, i) => Array.from(values.subarray(i * 64, (i + 1) * 64)));
  const expected = runPython<Expected>(oracle, {
    classes: 3,
    quantile: 0.99,
    train: { x: rows(features.parts.train.values), labels: Array.from(features.parts.train.labels) },
    validation: { x: rows(features.parts.validation.values) },
    test: { x: rows(out.gap!.data as Float32Array) },
  });
  close(out[TENSORS.novelty]!.data as Float32Array, expected.scores.test, 1e-5, 'graph novelty vs scikit-learn');
  const meta = JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;
  assert.ok(Math.abs(meta.threshold - expected.threshold) <= 1e-8 * expected.threshold, `threshold ${meta.threshold} vs ${expected.threshold}`);
  model.dispose();
});

test('novelty: a file is not exported without training features: exportModel and exportRun refuse with a message that says what to do', async (t) => {
  const { record, model, features } = fakeRun({ p: 60, kernels: [5, 3, 3] });
  assert.throws(() => exportModel(record, model), /no GAP features of the run to fit the unknown-sample score on.*novelty: false/);
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-novelty-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const runDir = join(dir, 'run');
  await writeRun(runDir, record, model);
  const out = join(dir, 'm.onnx');
  await assert.rejects(exportRun(runDir, { out }), (e: Error) => e.message.includes(RUN_FILES.featuresIndex) && /no training features.*--no-novelty/.test(e.message));
  // Asked for a file without the score, it writes one, and says so in its outputs and metadata.
  const result = await exportRun(runDir, { out, novelty: false });
  assert.equal(result.outputs.includes(TENSORS.novelty), false);
  assert.equal(decodeModel(new Uint8Array(await readFile(out)), 'm').metadata.has(METADATA_KEYS.novelty), false);
  // Features of another network (other width) are refused by name.
  const narrow = { ...features, channels: 32, parts: { train: { ...features.parts.train, values: features.parts.train.values.subarray(0, 18 * 32) }, validation: { ...features.parts.validation, values: features.parts.validation.values.subarray(0, 9 * 32) }, test: { ...features.parts.test, values: features.parts.test.values.subarray(0, 9 * 32) } } };
  assert.throws(() => exportModel(record, model, { novelty: { features: narrow } }), /features have 32 channels but the classifier reads 64/);
  model.dispose();
});

interface ResidualExpected { binned: boolean; components: number; explained: number; scores: { train: number[]; validation: number[]; test: number[] }; held_out?: number[]; scale: number; threshold: number }
const residualOracle = fileURLToPath(new URL('../../../scripts/fixtures/sklearn_residual.py', import.meta.url));

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
  const distances = runPython<Expected>(oracle, {
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

test('novelty: featureSkill counts the nearest class means\' accuracy against the largest class share, with the binomial tail', () => {
  const skill = featureSkill(Int32Array.from([0, 0, 1, 1, 2, 0, 1, 2]), [0, 0, 1, 1, 2, 2, 2, 2]);
  assert.equal(skill.accuracy, 6 / 8);
  assert.equal(skill.noInformationRate, 4 / 8);
  // P(X >= 6) for Binomial(8, 1/2) = (28 + 8 + 1) / 256.
  assert.ok(Math.abs(skill.pValue - 37 / 256) < 1e-12, String(skill.pValue));
  assert.ok(Math.abs(binomialUpperTail(5, 5, 0.3) - 0.3 ** 5) < 1e-15);
  assert.ok(Math.abs(binomialUpperTail(1, 40, 0.1) - (1 - 0.9 ** 40)) < 1e-12);
  assert.equal(binomialUpperTail(0, 10, 0.4), 1);
  // A large part far above chance is not chance.
  assert.ok(binomialUpperTail(180, 200, 0.5) < 1e-20);
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

test('novelty: a constant spectrum (any level) has no shape and scores the largest float32, unknown, with SNV and with min-max per variable; other spectra are unchanged', async () => {
  const p = 96;
  const { spectra } = rawSpectra(3, p, 3, 77);
  const flat = [new Float32Array(p).fill(250), new Float32Array(p), new Float32Array(p).fill(-3)];
  const scores = async (kind: 'snv' | 'minmax-variable', rows = [...spectra, ...flat]) => {
    const { record, model, features } = fakeRun({ p, kernels: [7, 5, 3], seed: 4, preprocessing: kind });
    const bytes = exportModel(record, model, { novelty: { features } });
    model.dispose();
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(rows.flatMap((s) => Array.from(s))), [rows.length, p]) });
    await session.release();
    const threshold = (JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta).threshold;
    return { scores: Array.from(out[TENSORS.novelty]!.data as Float32Array), threshold };
  };
  for (const kind of ['snv', 'minmax-variable'] as const) {
    const { scores: got } = await scores(kind);
    for (const s of got.slice(3)) assert.equal(s, Math.fround(3.4028234663852886e38), `${kind}: a flat line of any level`);
    for (const s of got.slice(0, 3)) assert.ok(Number.isFinite(s) && s < 1e30, `${kind}: a spectrum with shape scores ${s}`);
  }
  // One variable off the level is shape: scored as any spectrum (finite), not by the flag.
  const step = new Float32Array(p).fill(250);
  step[40] = 251;
  const { scores: nearly } = await scores('minmax-variable', [step]);
  assert.ok(nearly[0]! < 1e30, `a line with one step scores ${nearly[0]}`);
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

for (const carried of [false, true]) {
  test(`novelty with a linear path (${carried ? 'on the derivative, carried per derivative variable' : 'on the input'}): the graph leaves the path's carriers out of the Mahalanobis half, as the fit does`, async () => {
    const p = 120;
    const run = fakeRun({ p, kernels: [7, 5, 3], seed: 14, preprocessing: 'snv', variableWeights: true, readout: true });
    const { record, model } = carried ? onDerivative(run.record, run.model, true) : run;
    const { spectra, labels } = rawSpectra(48, p, 3, 19);
    const pre = applyPreprocessing(record.preprocessing, spectra);
    const part = (from: number, to: number) => ({ spectra: pre.slice(from, to), labels: labels.slice(from, to) });
    const parts = { train: part(0, 24), validation: part(24, 36), test: part(36, 48) };
    const features: RunFeatures = computeRunFeatures(model, parts, runPathCarrier(record));
    const bytes = exportModel(record, model, { novelty: { features } });
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.slice(36).flatMap((s) => Array.from(s))), [12, p]) });
    await session.release();
    const k = 64 + 2 * 3;
    const carriers = Int32Array.from({ length: k }, (_, f) => (f < 64 ? 0 : ((f - 64) % 2 === 0 ? 1 : -1) * (Math.floor((f - 64) / 2) + 1)));
    const fitted = fitNovelty(features, record.model.classes, 0.99, carriers).scores.test;
    close(out[TENSORS.novelty]!.data as Float32Array, Array.from(fitted), 1e-4, 'graph vs fit without the carriers');
    // Whatever the carriers hold, the score stays; the score of the raw features moves with them.
    const test = features.parts.test;
    const moved = { ...features, parts: { ...features.parts, test: { values: Float32Array.from(test.values, (v, q) => (q % k >= 64 ? v + 5 * ((q % 3) - 1) : v)), labels: test.labels } } };
    close(fitNovelty(moved, record.model.classes, 0.99, carriers).scores.test, Array.from(fitted), 1e-9, 'carriers changed');
    const raw = fitNovelty(features, record.model.classes, 0.99).scores.test;
    const rawMoved = fitNovelty(moved, record.model.classes, 0.99).scores.test;
    assert.ok(rawMoved.some((v, i) => Math.abs(v - raw[i]!) > 1), 'raw carriers: the change should move the scores');
    model.dispose();
  });
}
