import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, modelGeometry, parseMetadata } from '@spectracam/format';
import { decodeModel, floatValueInfo, onnx } from '@spectracam/format/onnx';
import { applyPreprocessing, gapFeatures, runPathCarrier } from '@spectracam/trainer';
import { exportModel } from '../exportModel.js';
import { fakeRun, onDerivative, rawSpectra } from './support/fakeRun.js';
import { tfjsOutputs } from './support/tfjsOutputs.js';
import { maxAbsDiff, ortRun } from './support/ortRun.js';

test('linear path coverage: every input variable reaches the last conv positions, as many times as the all-ones kernels say', () => {
  for (const [p, kernels, strides, padding] of [
    [448, [31, 15, 7], [4, 4, 2], 'same'],
    [1733, [21, 11, 5], [2, 2, 1], 'same'],
    [1733, [21, 11, 11], [2, 2, 1], 'valid'],
    [97, [5, 3, 3], [2, 2, 1], 'same'],
  ] as const) {
    const geometry = modelGeometry(p, { kernels: [...kernels] as [number, number, number], strides: [...strides] as [number, number, number], padding });
    const cover = coverage(geometry);
    assert.equal(cover.length, p);
    // Each of the N3 positions sums k1 k2 k3 products of input taps (padding included), so the total
    // coverage is at most N3 k1 k2 k3 and every covered variable counts at least once.
    const n3 = geometry.layers[2]!.outputLength;
    const total = cover.reduce((a, b) => a + b, 0);
    assert.ok(total <= n3 * kernels[0] * kernels[1] * kernels[2] + 1e-9, `${p}: ${total}`);
    const uncovered = cover.filter((v) => v === 0).length;
    if (padding === 'same') assert.equal(uncovered, 0, `${p} ${padding}: ${uncovered} variables never reach Conv3`);
    assert.ok(cover.every((v) => Number.isInteger(v) && v >= 0));
  }
});

const TOLERANCE = 1e-5;

/** Parity of a network with a linear path: logits and probabilities, and the CNN's own Conv3 channels unchanged. */
async function checkLinearPath(p: number, padding: 'same' | 'valid', kind: 'minmax-variable' | 'snv', batch: number, variableWeights: boolean, carried = false) {
  const run = fakeRun({ p, padding, preprocessing: kind, seed: p + batch, variableWeights, readout: true });
  const { record, model } = carried ? onDerivative(run.record, run.model, true) : run;
  const bytes = exportModel(record, model, { novelty: false });
  // Carried: the path's channels read D (scale (x - centre)) and nothing of x; folded: the reverse.
  const initializers = decodeModel(bytes, 'model').initializers;
  assert.equal(initializers.has('weights.derivative_scale'), carried);
  assert.equal(initializers.has('weights.offset'), !carried);
  // The metadata says what the path reads and what its channels carry.
  assert.deepEqual(parseMetadata(decodeModel(bytes, 'model').metadata, 'model').linearPath, { method: 'pls-lda', components: 2, input: carried ? 'derivative' : 'input', carriers: carried ? 'derivative' : 'input' });
  const { spectra } = rawSpectra(batch, p, 3, 1000 + p);
  const expected = tfjsOutputs(model, applyPreprocessing(record.preprocessing, spectra));
  const actual = await ortRun(bytes, spectra);
  for (const name of ['logits', 'probabilities'] as const) {
    const diff = maxAbsDiff(actual[name]!, expected[name]);
    assert.ok(diff <= TOLERANCE, `${name}: max |onnx - tfjs| = ${diff} (p ${p}, ${padding}, ${kind}, batch ${batch})`);
  }
  // The file's conv3: the network's 64 channels, then 2 per class; the first 64 are TensorFlow.js's conv3.
  const n3 = record.model.geometry.layers[2]!.outputLength;
  const k = 64 + 2 * 3;
  assert.equal(actual.conv3!.length, batch * k * n3);
  for (let b = 0; b < batch; b++) {
    const own = actual.conv3!.subarray(b * k * n3, (b * k + 64) * n3);
    const diff = maxAbsDiff(own, expected.conv3.subarray(b * 64 * n3, (b + 1) * 64 * n3));
    assert.ok(diff <= TOLERANCE, `conv3 channels 1-64 of spectrum ${b}: ${diff}`);
  }
  model.dispose();
}

test('linear path: the exported file equals tfjs (classifier logits + x . coef + intercept) within 1e-5', async () => {
  await checkLinearPath(301, 'same', 'minmax-variable', 8, false);
  await checkLinearPath(301, 'valid', 'snv', 1, true);
  await checkLinearPath(448, 'same', 'snv', 16, true);
});

test('linear path on the derivative, its channels carrying the derivative variables: the file equals tfjs (folded coefficients) within 1e-5', async () => {
  await checkLinearPath(301, 'same', 'minmax-variable', 8, false, true);
  await checkLinearPath(301, 'valid', 'snv', 1, true, true);
  await checkLinearPath(448, 'same', 'snv', 16, true, true);
});

test("linear path: the trainer's GAP features (what the unknown-sample score is fitted on) are the file's `gap`, folded or carried per derivative variable", async () => {
  for (const carried of [false, true]) {
    const run = fakeRun({ p: 301, padding: 'same', preprocessing: 'snv', seed: 5, variableWeights: true, readout: true });
    const { record, model } = carried ? onDerivative(run.record, run.model, true) : run;
    const proto = decodeModel(exportModel(record, model, { novelty: false }), 'model').proto;
    const k = 64 + 2 * 3;
    proto.graph!.output!.push(floatValueInfo('gap', ['batch', k]));
    const { spectra } = rawSpectra(6, 301, 3, 61);
    const actual = await ortRun(onnx.ModelProto.encode(proto).finish(), spectra);
    const expected = gapFeatures(model, applyPreprocessing(record.preprocessing, spectra), runPathCarrier(record));
    assert.equal(expected.channels, k);
    const scale = Math.max(...Array.from(expected.values, Math.abs));
    const diff = maxAbsDiff(actual.gap!, expected.values);
    assert.ok(diff <= 1e-5 * scale, `${carried ? 'carried' : 'folded'}: max |file gap - trainer's| = ${diff} against values up to ${scale}`);
    // The layouts differ: features computed for the other layout would not match the file.
    if (carried) {
      const folded = gapFeatures(model, applyPreprocessing(record.preprocessing, spectra));
      assert.ok(maxAbsDiff(actual.gap!, folded.values) > 1e-3 * scale, 'the folded features would match the carried file');
    }
    model.dispose();
  }
});
