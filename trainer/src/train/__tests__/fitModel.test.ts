import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../model/buildModel.js';
import { setBackend } from '../../backends/setBackend.js';
import { fitModel, MIN_DELTA, SEPARATED_LOSS } from '../fitModel.js';
import { evaluateModel } from '../evaluateModel.js';
import { easyData } from './easyData.js';

const spec = { kernels: [5, 3, 3] as [number, number, number], strides: [1, 2, 1] as [number, number, number], padding: 'same' as const };

async function trainOnce(backend: 'cpu' | 'wasm', epochs: number, options: { patience?: number; learningRate?: number; signal?: AbortSignal } = {}) {
  await setBackend(backend);
  const data = easyData();
  const model = buildModel({ inputLength: 48, classes: 2, l2: 1e-3, seed: 3, ...spec });
  const fit = await fitModel(model, data, { epochs, batchSize: 8, learningRate: options.learningRate ?? 1e-2, patience: options.patience ?? 100, seed: 5 }, { signal: options.signal });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  return { model, fit, weights, data };
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`fitModel: the same seed and data on ${backend} give bit-identical weights`, async () => {
    const a = await trainOnce(backend, 1);
    const b = await trainOnce(backend, 1);
    assert.deepEqual(a.weights, b.weights);
    const initial = buildModel({ inputLength: 48, classes: 2, l2: 1e-3, seed: 3, ...spec });
    assert.notDeepEqual(a.weights[0], Array.from(initial.getWeights()[0]!.dataSync()), 'training changed the weights');
    initial.dispose();
    for (const r of [a, b]) r.model.dispose();
  });
}

test('fitModel: a small separable set is learned (test accuracy >= 0.95 where chance is 0.5)', async () => {
  const { model, data } = await trainOnce('wasm', 40);
  const result = evaluateModel(model, data.spectra, data.labels, 2, data.test);
  assert.ok(result.accuracy >= 0.95, `test accuracy ${result.accuracy}`);
  assert.equal(result.confusion.flat().reduce((a, b) => a + b), data.test.length);
  model.dispose();
});

test('fitModel: early stopping keeps the weights of the epoch with the lowest validation loss', async () => {
  // A learning rate this high makes the validation loss wander, so the best epoch is not the last.
  const { model, fit, data } = await trainOnce('wasm', 30, { patience: 6, learningRate: 0.1 });
  const losses = fit.history.map((h) => h.valLoss);
  // The best epoch: each later one must lower the loss by more than MIN_DELTA to take its place.
  let bestIndex = 0;
  losses.forEach((loss, i) => loss < losses[bestIndex]! - MIN_DELTA && (bestIndex = i));
  assert.equal(fit.bestEpoch, bestIndex + 1);
  assert.ok(losses.every((loss) => loss >= losses[bestIndex]! - MIN_DELTA), 'no epoch is clearly lower than the restored one');
  assert.ok(fit.history.length <= fit.bestEpoch + 6, 'stops within patience epochs of the best one');
  const now = evaluateModel(model, data.spectra, data.labels, 2, data.validation).loss;
  assert.ok(Math.abs(now - losses[bestIndex]!) < 1e-5, `restored model's validation loss ${now} vs best ${losses[bestIndex]}`);
  model.dispose();
});

test('fitModel: an aborted signal stops after the current batch and reports an interrupted run', async () => {
  const controller = new AbortController();
  await setBackend('wasm');
  const data = easyData();
  const model = buildModel({ inputLength: 48, classes: 2, l2: 1e-3, seed: 3, ...spec });
  const fit = await fitModel(model, data, { epochs: 50, batchSize: 8, learningRate: 1e-2, patience: 100, seed: 5 }, {
    signal: controller.signal,
    onEpoch: ({ epoch }) => epoch === 2 && controller.abort(),
  });
  assert.equal(fit.interrupted, true);
  assert.equal(fit.history.length, 2, 'no epoch after the abort is recorded');
  assert.ok(fit.bestEpoch >= 1 && fit.bestEpoch <= 2);
  model.dispose();
});

test("fitModel: restoreBy 'accuracy' keeps the epoch with the highest validation accuracy, ties to the lower loss", async () => {
  await setBackend('wasm');
  const data = easyData();
  const model = buildModel({ inputLength: 48, classes: 2, l2: 1e-3, seed: 3, ...spec });
  const fit = await fitModel(model, data, { epochs: 20, batchSize: 8, learningRate: 0.1, patience: 100, seed: 5, restoreBy: 'accuracy' });
  const top = Math.max(...fit.history.map((h) => h.valAccuracy));
  const tied = fit.history.filter((h) => h.valAccuracy === top);
  const expected = tied.reduce((a, h) => (h.valLoss < a.valLoss - MIN_DELTA ? h : a));
  assert.equal(fit.bestEpoch, expected.epoch);
  const now = evaluateModel(model, data.spectra, data.labels, 2, data.validation);
  assert.equal(now.accuracy, top);
  model.dispose();
});

test('fitModel: lrDecay lowers the learning rate each epoch (a decay of 0 stops learning after the first epoch)', async () => {
  await setBackend('wasm');
  const data = easyData();
  const weightsAfter = async (epochs: number) => {
    const model = buildModel({ inputLength: 48, classes: 2, l2: 1e-3, seed: 3, ...spec });
    await fitModel(model, data, { epochs, batchSize: 8, learningRate: 1e-2, patience: 100, seed: 5, lrDecay: 0, restoreBy: 'accuracy' });
    const w = Array.from(model.getWeights()[0]!.dataSync());
    model.dispose();
    return w;
  };
  const one = await weightsAfter(1);
  const three = await weightsAfter(3);
  // Epochs 2 and 3 run at rate 0, so every later epoch ties epoch 1 in accuracy and loss; epoch 1 is kept either way.
  assert.deepEqual(three, one);
});

test('fitModel: training stops at the first epoch where both parts are separated, long before patience runs out', async () => {
  await setBackend('wasm');
  const data = easyData();
  const model = buildModel({ inputLength: 48, classes: 2, l2: 0, seed: 3, ...spec });
  const fit = await fitModel(model, data, { epochs: 300, batchSize: 8, learningRate: 0.05, patience: 300, seed: 5 });
  const isSeparated = (h: (typeof fit.history)[number]) => h.accuracy === 1 && h.valAccuracy === 1 && h.loss < SEPARATED_LOSS && h.valLoss < SEPARATED_LOSS;
  const last = fit.history.at(-1)!;
  assert.ok(fit.history.length < 300, `ran all ${fit.history.length} epochs`);
  assert.ok(isSeparated(last), `stopped at epoch ${last.epoch}: ${JSON.stringify(last)}`);
  assert.equal(fit.history.filter(isSeparated).length, 1, 'no earlier epoch was separated');
  model.dispose();
});
