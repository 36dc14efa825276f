import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ortWeb from 'onnxruntime-web';
import { exportModel } from '../exportModel.js';
import { fakeRun, rawSpectra } from './support/fakeRun.js';
import { maxAbsDiff, ortRun, runSession } from './support/ortRun.js';

test('onnxruntime-web (wasm) under Node loads the same file and gives the answers of onnxruntime-node within 1e-5', async () => {
  ortWeb.env.wasm.numThreads = 1;
  const p = 333;
  const { record, model, features } = fakeRun({ p, preprocessing: 'snv', padding: 'same', seed: 21 });
  const bytes = exportModel(record, model, { features: ['conv1', 'conv2'], cam: true, novelty: { features } });
  const { spectra } = rawSpectra(16, p, 3, 99);
  const node = await ortRun(bytes, spectra);
  const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const web = await runSession(session, ortWeb.Tensor, spectra);
  await session.release();
  for (const name of ['logits', 'probabilities', 'conv1', 'conv2', 'conv3', 'cam']) {
    assert.ok(web[name], `web output ${name} missing`);
    const diff = maxAbsDiff(web[name]!, node[name]!);
    assert.ok(diff <= 1e-5, `${name}: max |web - node| = ${diff}`);
  }
  model.dispose();
});

test('onnxruntime-web (wasm) gives the answers of onnxruntime-node for a derivative path carried per derivative variable (Pad, Tile, Slice in the graph)', async () => {
  ortWeb.env.wasm.numThreads = 1;
  const p = 301;
  const { record, model, features } = fakeRun({ p, preprocessing: 'snv', padding: 'same', seed: 23, variableWeights: true, derivativeCarriers: true });
  const bytes = exportModel(record, model, { cam: true, attributions: ['gradient', 'contribution'], novelty: { features } });
  const { spectra } = rawSpectra(8, p, 3, 97);
  const node = await ortRun(bytes, spectra);
  const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const web = await runSession(session, ortWeb.Tensor, spectra);
  await session.release();
  for (const name of ['logits', 'probabilities', 'novelty', 'conv3', 'cam', 'gradient', 'contribution']) {
    assert.ok(web[name], `web output ${name} missing`);
    const scale = Math.max(1, ...Array.from(node[name]!, Math.abs));
    const diff = maxAbsDiff(web[name]!, node[name]!);
    assert.ok(diff <= 1e-5 * scale, `${name}: max |web - node| = ${diff} against values up to ${scale}`);
  }
  model.dispose();
});
