import { test } from 'node:test';
import assert from 'node:assert/strict';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportModel } from '@spectracam/exporter';
import { buildModel, combineMembers } from '@spectracam/trainer';
import { untrainedRecord } from '@spectracam/test/support/testModel';
import { setDerivativePath } from '@spectracam/test/support/derivativePath';
import { describeModelFile, modelInfoText } from '../modelInfo.js';

test('info: a default network says its members and its linear path (what it reads and what its channels carry); a plain one says neither', async (t) => {
  await tf.setBackend('cpu');
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-info-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const p = 120;
  const spec = { kernels: [7, 5, 3] as [number, number, number], strides: [2, 2, 1] as [number, number, number], padding: 'same' as const };
  const options = { ...spec, inputLength: p, classes: 3, l2: 0 };
  const readout = { coef: new Float32Array(p * 3), centre: new Float32Array(p), intercept: new Float32Array(3) };
  const model = combineMembers([1, 2].map((seed) => buildModel({ ...options, seed, readout })), { ...options, seed: 1, readout: true });
  const record = { ...untrainedRecord({ p, spec }), model: { ...untrainedRecord({ p, spec }).model, members: 2 } };
  record.model.linearReadout = setDerivativePath(model, record, (k) => Math.sin(k) / p, true);
  const file = join(dir, 'default.onnx');
  await writeFile(file, exportModel(record, model, { novelty: false }));
  const text = modelInfoText(await describeModelFile(file));
  assert.match(text, /2 members side by side/);
  assert.match(text, /linear path: +PLS-LDA \(2 latent variables\) on the spectrum's Savitzky-Golay first derivative, fixed, added to the logits; its channels carry the derivative variables/);

  const plain = join(dir, 'plain.onnx');
  const bare = untrainedRecord({ p, spec });
  await writeFile(plain, exportModel(bare, buildModel({ ...options, seed: 3 }), { novelty: false }));
  const plainText = modelInfoText(await describeModelFile(plain));
  assert.doesNotMatch(plainText, /linear path|members/);
});
