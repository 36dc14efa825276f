import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preprocessingKinds } from '@spectracam/format';
import type { Padding } from '@spectracam/format';
import { exportModel } from '../exportModel.js';
import { fakeRun, rawSpectra } from './support/fakeRun.js';
import { applyPreprocessing } from '@spectracam/trainer';
import { tfjsOutputs } from './support/tfjsOutputs.js';
import { maxAbsDiff, ortRun } from './support/ortRun.js';

const TOLERANCE = 1e-5;

async function checkParity(p: number, padding: Padding, kind: (typeof preprocessingKinds)[number], batch: number, variableWeights = false) {
  // Without preprocessing the network sees raw values, so give it data on the unit scale that
  // such a model is trained on (at ~300 float32 rounding alone exceeds 1e-5 absolute in logits).
  const scale = kind === 'none' ? 1 / 400 : 1;
  const { record, model, features } = fakeRun({ p, padding, preprocessing: kind, seed: p + batch, scale, variableWeights });
  const bytes = exportModel(record, model, { features: ['conv1', 'conv2'], novelty: { features } });
  // Held-out spectra: drawn with another seed than the ones the preprocessing was fitted on.
  const { spectra } = rawSpectra(batch, p, 3, 1000 + p, scale);
  const expected = tfjsOutputs(model, applyPreprocessing(record.preprocessing, spectra));
  const actual = await ortRun(bytes, spectra);
  for (const name of ['logits', 'probabilities', 'conv1', 'conv2', 'conv3'] as const) {
    const diff = maxAbsDiff(actual[name]!, expected[name]);
    assert.ok(diff <= TOLERANCE, `${name}: max |onnx - tfjs| = ${diff} (p ${p}, ${padding}, ${kind}, batch ${batch})`);
  }
  model.dispose();
}

for (const kind of preprocessingKinds) {
  for (const padding of ['same', 'valid'] as const) {
    test(`parity: onnxruntime-node equals tfjs within 1e-5 for ${kind} preprocessing, ${padding} padding, odd length, batch 1 and 64`, async () => {
      await checkParity(301, padding, kind, 1);
      await checkParity(301, padding, kind, 64);
    });
  }
}

test('parity: holds for a meat-sized input of 448 variables and a 1733-variable input', async () => {
  await checkParity(448, 'same', 'minmax-variable', 8);
  await checkParity(1733, 'valid', 'minmax-global', 4);
});

test('parity: the per-variable weighting layer is exported as one Mul and keeps every output within 1e-5', async () => {
  for (const kind of ['minmax-variable', 'snv'] as const) {
    await checkParity(301, 'same', kind, 8, true);
    await checkParity(448, 'valid', kind, 1, true);
  }
});
