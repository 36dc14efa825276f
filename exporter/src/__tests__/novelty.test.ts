import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { METADATA_KEYS, TENSORS, type NoveltyMeta } from '@spectracam/format';
import { decodeModel, floatValueInfo, onnx } from '@spectracam/format/onnx';
import { RUN_FILES, applyPreprocessing, computeRunFeatures, runPathCarrier, writeRun, type RunFeatures } from '@spectracam/trainer';
import { runPython, skipWithoutPython } from '@spectracam/test/support/python';
import { exportModel } from '../exportModel.js';
import { exportRun } from '../exportRun.js';
import { fitNovelty } from '../novelty/fitNovelty.js';
import { noveltyPart } from '../graph/noveltyPart.js';
import { empiricalQuantile, gammaQuantile } from '../novelty/scoreQuantile.js';
import { binomialUpperTail, featureSkill } from '../novelty/featureSkill.js';
import { fakeFeatures, fakeRun, onDerivative, rawSpectra } from './support/fakeRun.js';
import { close, mahalanobisOracle, type MahalanobisExpected } from './support/noveltyOracles.js';

interface Part { x: number[][]; labels: number[] }
interface Case { name: string; classes: number; quantile: number; train: Part; validation: Part; test: Part; expected: MahalanobisExpected }

// Made by scripts/fixtures/sklearn_mahalanobis.py (scikit-learn LedoitWolf, numpy, scipy.stats.gamma).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-mahalanobis.fixture.json', import.meta.url), 'utf8')) as { cases: Case[] };

const block = (part: Part) => ({ values: Float32Array.from(part.x.flat()), labels: Int32Array.from(part.labels) });
const featuresOf = (c: Case): RunFeatures => ({ layer: 'gap', channels: c.train.x[0]!.length, parts: { train: block(c.train), validation: block(c.validation), test: block(c.test) } });
const names = (n: number) => Array.from({ length: n }, (_, i) => `class-${i}`);


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
  const expected = runPython<MahalanobisExpected>(mahalanobisOracle, {
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
