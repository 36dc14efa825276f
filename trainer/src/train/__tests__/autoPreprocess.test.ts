import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSynthetic } from '@spectracam/data';
import { setBackend } from '../../backends/setBackend.js';
import { trainRun } from '../trainRun.js';

test("trainRun: preprocess 'auto' trains one network per candidate, keeps the one with the lower validation loss as the first member", async () => {
  await setBackend('wasm');
  const { dataset } = generateSynthetic({ seed: 6, spectra: 60 });
  const { record, model } = await trainRun(dataset, { epochs: 3, kernels: [21, 11, 5], strides: [4, 4, 2], members: 2, preprocess: 'auto', threads: 2 });
  const scores = record.training.preprocessSelection!;
  assert.deepEqual(Object.keys(scores).sort(), ['minmax-variable', 'snv']);
  const best = Object.entries(scores).sort((a, b) => a[1] - b[1])[0]![0];
  assert.equal(record.preprocessing.kind, best);
  assert.equal(record.model.members, 2);
  assert.equal((record.training.options as { preprocess: string }).preprocess, 'auto', 'the record keeps what was asked');
  model.dispose();
});
