import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSynthetic } from '@spectracam/data';
import { setBackend } from '../../backends/setBackend.js';
import { trainRun } from '../trainRun.js';

test("trainRun: preprocess 'auto' without a linear path trains one network per candidate, keeps the one with the lower validation loss as the first member", async () => {
  await setBackend('wasm');
  const { dataset } = generateSynthetic({ seed: 6, spectra: 60 });
  const { record, model } = await trainRun(dataset, { epochs: 3, kernels: [21, 11, 5], strides: [4, 4, 2], members: 2, preprocess: 'auto', linearReadout: false, threads: 2 });
  const scores = record.training.preprocessSelection!;
  assert.deepEqual(Object.keys(scores).sort(), ['minmax-variable', 'snv']);
  const best = Object.entries(scores).sort((a, b) => a[1] - b[1])[0]![0];
  assert.equal(record.preprocessing.kind, best);
  assert.equal(record.model.members, 2);
  assert.equal((record.training.options as { preprocess: string }).preprocess, 'auto', 'the record keeps what was asked');
  model.dispose();
});

test("trainRun: with a linear path, preprocess 'auto' is chosen with the path's latent variables by cross-validation over train + validation", async () => {
  await setBackend('wasm');
  const { dataset } = generateSynthetic({ seed: 6, spectra: 60 });
  const { record, model } = await trainRun(dataset, { epochs: 2, kernels: [21, 11, 5], strides: [4, 4, 2], members: 1, preprocess: 'auto', threads: 2 });
  const selection = record.model.linearReadout?.selection;
  assert.ok(selection, 'the record says how the path was chosen');
  assert.equal(record.training.preprocessSelection, undefined, 'no network was trained per candidate');
  assert.deepEqual(selection.fittedOn, ['train', 'validation']);
  assert.equal(selection.unit, 'group', 'the synthetic set has groups (cultures): folds keep each whole');
  const group = new Map(dataset.ids.map((id, i) => [id, dataset.groups![i]!]));
  const units = new Set([...record.split.ids.train, ...record.split.ids.validation].map((id) => group.get(id))).size;
  assert.equal(selection.folds, Math.min(10, units));
  assert.deepEqual(selection.candidates.map((c) => c.preprocessing), ['minmax-variable', 'snv']);
  const winner = [...selection.candidates].sort((a, b) => b.accuracy - a.accuracy || a.rmsecv - b.rmsecv)[0]!;
  assert.equal(record.preprocessing.kind, winner.preprocessing);
  assert.equal(record.model.linearReadout!.components, winner.components);
  for (const c of selection.candidates) assert.ok(c.accuracy > 0.5 && c.accuracy <= 1, `${c.preprocessing}: held-out accuracy ${c.accuracy}`);
  const rows = [...record.split.ids.train, ...record.split.ids.validation];
  const label = new Map(dataset.ids.map((id, i) => [id, dataset.labels[i]!]));
  const largest = Math.max(...dataset.classes.map((c) => rows.filter((id) => label.get(id) === c).length));
  assert.equal(selection.noInformationRate, largest / rows.length);
  assert.equal(selection.decidedBy, 'cross-validation', 'a path above the no-information rate decides');
  model.dispose();
});
