import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '@spectracam/data';
import { setBackend } from '../../backends/setBackend.js';
import { trainRun } from '../trainRun.js';

/**
 * Groups whose class says nothing about their spectra: each group is its own random pattern (plus
 * noise), and the class is dealt per group. No model can name a held-out group's class.
 */
function groupsWithoutSignal(groupsPerClass = 4, perGroup = 8, p = 64, seed = 5): Dataset {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const spectra: Float32Array[] = [];
  const labels: string[] = [];
  const groups: string[] = [];
  for (let g = 0; g < 2 * groupsPerClass; g++) {
    const pattern = Float32Array.from({ length: p }, () => 1 + random());
    for (let r = 0; r < perGroup; r++) {
      spectra.push(Float32Array.from(pattern, (v) => v + 0.05 * (random() - 0.5)));
      labels.push(g % 2 === 0 ? 'a' : 'b');
      groups.push(`g${g}`);
    }
  }
  const ids = spectra.map((_, i) => `s${i}`);
  return { ids, names: ids, labels, classes: ['a', 'b'], groups, axis: Float64Array.from({ length: p }, (_, j) => 400 + 10 * j), unit: 'cm-1', spectra, source: 'groups without signal', warnings: [] };
}

test('trainRun: where no path candidate beats the no-information rate held out, the path is left out and the networks fit train + validation on SNV', async () => {
  await setBackend('wasm');
  const dataset = groupsWithoutSignal();
  const { record, model } = await trainRun(dataset, { epochs: 60, patience: 60, kernels: [9, 5, 3], strides: [2, 2, 1], members: 2, threads: 2, seed: 3 });
  const left = record.training.pathLeftOut;
  assert.ok(left, 'the record says why the path is missing');
  for (const c of left.candidates) assert.ok(c.accuracy <= left.noInformationRate!, `precondition: ${c.preprocessing} held out ${c.accuracy} must not beat ${left.noInformationRate}`);
  assert.equal(left.unit, 'group');
  assert.equal(record.model.linearReadout, undefined, 'no path in the model');
  assert.ok(!model.layers.some((l) => l.name.endsWith('readout')), 'no readout layer in the network');
  assert.deepEqual(record.training.fittedOn, ['train', 'validation']);
  assert.equal(record.preprocessing.kind, 'snv');
  assert.ok(record.split.ids.validation.length > 0, 'the split keeps its validation part (the input residual and the record use it)');
  // Fitted on train + validation: the epoch's loss is over both parts, and with no held-out part early stopping reads it.
  for (const member of record.training.members!) {
    for (const epoch of member.history) assert.equal(epoch.valLoss, epoch.loss, `member ${member.seed} epoch ${epoch.epoch}: no held-out loss`);
  }
  // The validation spectra were trained on: the networks fit them as they fit the training part (held out, they could not).
  assert.ok(record.metrics.validation.accuracy >= 0.9, `validation accuracy ${record.metrics.validation.accuracy}: fitted, as the training part (${record.metrics.train.accuracy})`);
  model.dispose();
});

test('trainRun: an interrupted run without its path resumes as it began (train + validation, SNV, the path still left out and its record kept)', async () => {
  await setBackend('wasm');
  const dataset = groupsWithoutSignal();
  const options = { epochs: 30, patience: 30, kernels: [9, 5, 3] as [number, number, number], strides: [2, 2, 1] as [number, number, number], members: 2, threads: 1, seed: 3 };
  const controller = new AbortController();
  const first = await trainRun(dataset, options, {
    signal: controller.signal,
    onProgress: (p) => p.stage === 'train' && p.member === 0 && p.epoch === 4 && controller.abort(),
  });
  assert.equal(first.record.status, 'interrupted');
  assert.deepEqual(first.record.training.fittedOn, ['train', 'validation']);
  const { record, model } = await trainRun(dataset, {}, {}, { record: first.record, model: first.model });
  assert.equal(record.status, 'complete');
  assert.deepEqual(record.training.fittedOn, ['train', 'validation'], 'still fitted on train + validation');
  assert.deepEqual(record.training.pathLeftOut, first.record.training.pathLeftOut, 'why the path is missing is kept');
  assert.deepEqual(record.preprocessing, first.record.preprocessing);
  assert.equal(record.model.linearReadout, undefined);
  assert.ok(!model.layers.some((l) => l.name.endsWith('readout')), 'no readout layer in the network');
  const [resumed, started] = record.training.members!;
  assert.deepEqual(resumed!.history.slice(0, 4), first.record.training.history.slice(0, 4), 'the first member goes on from its checkpoint');
  assert.ok(resumed!.history.length > 4 && started!.history.length > 0);
  for (const member of record.training.members!) {
    for (const epoch of member.history) assert.equal(epoch.valLoss, epoch.loss, `member ${member.seed} epoch ${epoch.epoch}: nothing held out`);
  }
  model.dispose(); // resuming consumed the checkpoint
});
