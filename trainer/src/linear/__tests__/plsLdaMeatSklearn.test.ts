import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot, sharedData, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { loadDataset, splitDataset } from '@spectracam/data';
import { fitPlsLda, predictPlsLda } from '../plsLda.js';

const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('../../../../scripts/fixtures/sklearn_plslda.py', import.meta.url));

test('PLS-LDA on the meat data (group-aware split, seed 0) agrees with scikit-learn run live: latent variables, predictions, VIP', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip(`needs ${PYTHON} with python3-sklearn (Debian), which is not importable here`);
    return;
  }
  const dataset = await loadDataset({ data: sharedData.meatCsv });
  const split = await splitDataset(dataset, { protocol: 'group-aware', seed: 0 });
  const part = (rows: number[]) => ({ x: rows.map((i) => Array.from(dataset.spectra[i]!)), labels: rows.map((i) => dataset.labels[i]!) });
  const parts = { train: part(split.train), validation: part(split.validation), test: part(split.test) };
  const run = spawnSync(PYTHON, [script, '--stdin'], { input: JSON.stringify(parts), encoding: 'utf8', cwd: repoRoot, maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as { components: number; predictions: Record<'train' | 'validation' | 'test', string[]>; vip: number[] };
  // Float32 spectra went to Python as their exact doubles, so both sides see the same numbers.
  const model = fitPlsLda({ spectra: parts.train.x, labels: parts.train.labels }, { spectra: parts.validation.x, labels: parts.validation.labels }, dataset.classes);
  assert.equal(model.components, expected.components);
  for (const name of ['train', 'validation', 'test'] as const) assert.deepEqual(predictPlsLda(model, parts[name].x), expected.predictions[name], name);
  model.vip.forEach((v, j) => assert.ok(Math.abs(v - expected.vip[j]!) <= 1e-6 * Math.abs(expected.vip[j]!), `VIP[${j}] ${v} vs ${expected.vip[j]}`));
});
