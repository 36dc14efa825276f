import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSynthetic } from '@spectracam/data';
import { evaluate } from '../evaluate.js';

const small = (seed: number) => generateSynthetic({ seed, spectra: 40 }).dataset;
const train = { epochs: 1, kernels: [21, 11, 5] as [number, number, number], strides: [4, 4, 2] as [number, number, number] };

test('evaluate: a rerun reuses finished runs only with the same data, split and settings, and says what differs', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'spectracam-eval-resume-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const out = join(root, 'eval');
  const dataset = small(3);
  const base = { dataset, out, partitions: 0, repeats: 1, baseline: 'none' as const, backend: 'wasm' as const, train };
  const first = await evaluate(base);
  const seconds = first.partitions[0]!.cnn.runs[0]!.seconds;

  const phases: string[] = [];
  await evaluate(base, { onProgress: (p) => phases.push(p.phase) });
  assert.ok(phases.includes('resume') && !phases.includes('train'), `same settings resume: ${phases.join(',')}`);

  await assert.rejects(evaluate({ ...base, train: { ...train, epochs: 2 } }), (e: Error) => /holds a finished run of another evaluation/.test(e.message) && /epochs 1 instead of 2/.test(e.message) && /--force/.test(e.message));
  await assert.rejects(evaluate({ ...base, dataset: small(4) }), /data [0-9a-f]{12} instead of [0-9a-f]{12}/);
  await assert.rejects(evaluate({ ...base, train: { ...train, preprocess: 'snv' } }), /preprocess unset instead of "snv"/);

  const forcedPhases: string[] = [];
  const forced = await evaluate({ ...base, train: { ...train, epochs: 2 }, force: true }, { onProgress: (p) => forcedPhases.push(p.phase) });
  assert.ok(forcedPhases.includes('train') && !forcedPhases.includes('resume'), `retrained with the new settings: ${forcedPhases.join(',')}`);
  // Two epochs, or one where the first already separates both parts (training stops there).
  assert.ok([1, 2].includes(forced.partitions[0]!.cnn.runs[0]!.epochsRun));
  await assert.rejects(evaluate({ ...base, train: { ...train, epochs: 1 } }), /epochs 2 instead of 1/, 'the forced run recorded its new settings');
  assert.ok(seconds >= 0);
});

test('evaluate: a folder with other content is never used, and an input cannot be the evaluation folder', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'spectracam-eval-foreign-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const folder = join(root, 'mine');
  await mkdir(folder);
  await writeFile(join(folder, 'results.json'), '{"my": "own results"}');
  const options = { dataset: small(3), partitions: 0, repeats: 1, baseline: 'none' as const, backend: 'wasm' as const, train };
  await assert.rejects(evaluate({ ...options, out: folder }), /folder with other content .* never replaced/);
  assert.deepEqual(await readdir(folder), ['results.json']);
  assert.equal(await readFile(join(folder, 'results.json'), 'utf8'), '{"my": "own results"}');
  const data = join(root, 'data.csv');
  await writeFile(data, 'x');
  await assert.rejects(evaluate({ ...options, out: data, inputs: [data] }), /would replace an input/);
});
