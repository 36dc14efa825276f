import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetToCsv, generateSynthetic, loadDataset, splitDataset } from '@spectracam/data';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));

async function workspace(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-train-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = join(dir, 'small.csv');
  await writeFile(data, datasetToCsv(generateSynthetic({ seed: 2, spectra: 40 }).dataset));
  return { dir, data };
}

test('spectracam train: writes run.json and the model, prints accuracies, backend and seconds per epoch', async (t) => {
  const { dir, data } = await workspace(t);
  const out = join(dir, 'run');
  const run = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', out, '--epochs', '2', '--backend', 'wasm', '--kernels', '21,11,5', '--strides', '4,4,2'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /accuracy: +train [\d.]+ %, validation [\d.]+ %, test [\d.]+ %/);
  assert.match(run.stdout, /backend wasm, [\d.]+ s\/epoch/);
  assert.deepEqual((await readdir(out)).sort(), ['features', 'model', 'run.json']);
  assert.deepEqual((await readdir(join(out, 'features'))).sort(), ['gap.bin', 'gap.json', 'residual.bin', 'residual.json'], 'the training features and input subspace the unknown-sample score is fitted on');
  const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  assert.equal(record.status, 'complete');
  assert.deepEqual(record.model.geometry.layers.map((l: { stride: number }) => l.stride), [4, 4, 2]);
  assert.equal(record.data.reader.data, data);
});

test('spectracam train: a bad option fails with a message and leaves no output directory', async (t) => {
  const { dir, data } = await workspace(t);
  const out = join(dir, 'run');
  const run = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', out, '--kernels', '21,11'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /--kernels takes three positive integers/);
  assert.deepEqual(await readdir(dir), ['small.csv']);
});

test('spectracam train: says so when the linear path alone separates the data and the network learned nothing', async (t) => {
  const { dir } = await workspace(t);
  // Two classes a band apart, barely any noise: PLS-LDA separates them with saturated probabilities.
  const p = 100;
  const row = (k: number, centre: number) => Array.from({ length: p }, (_, j) => (1 + Math.exp(-(((j - centre) / 4) ** 2)) + 0.001 * Math.sin(7 * k + j)).toFixed(6));
  const lines = ['id,label,' + Array.from({ length: p }, (_, j) => 1000 + 2 * j).join(',')];
  for (let k = 0; k < 40; k++) lines.push(`s${k},${k % 2 ? 'b' : 'a'},${row(k, k % 2 ? 70 : 30).join(',')}`);
  const data = join(dir, 'separable.csv');
  await writeFile(data, lines.join('\n') + '\n');
  const run = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', join(dir, 'run'), '--epochs', '2', '--backend', 'wasm'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /note: the linear path \(PLS-LDA, \d+ latent variables\) separates the training part on its own, so the convolutional part learned nothing/);
  const study = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', join(dir, 'study'), '--epochs', '2', '--backend', 'wasm', '--architecture', 'study'], { encoding: 'utf8' });
  assert.equal(study.status, 0, study.stderr);
  assert.doesNotMatch(study.stderr, /linear path/, 'the study network has no linear path to speak of');
});

test('spectracam train: says which networks started again because a start learned nothing, as run.json records it', async (t) => {
  const { dir, data } = await workspace(t);
  const args = (out: string, extra: string[]) => [bin, 'train', '--data', data, '--out', join(dir, out), '--epochs', '4', '--backend', 'wasm', '--kernels', '21,11,5', '--strides', '4,4,2', '--no-linear-path', ...extra];
  // At a learning rate of 1 every start diverges, so each member uses all its restarts.
  const run = spawnSync(process.execPath, args('wild', ['--lr', '1', '--members', '2']), { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const members: { seed: number; restarts?: number }[] = JSON.parse(await readFile(join(dir, 'wild', 'run.json'), 'utf8')).training.members;
  assert.deepEqual(members.map((m) => m.restarts), [2, 2], 'precondition: both members restarted twice');
  const each = members.map((m) => `seed ${m.seed}: 2 times`).join(', ');
  assert.ok(run.stdout.includes(`restarts:  2 of 2 members started again from another initialisation (${each})`), run.stdout);
  assert.ok(run.stdout.includes(`seeds ${members.map((m) => m.seed).join(', ')} used all 2 restarts`), run.stdout);
  // A single network says so too; one that learned at once prints no such line.
  const single = spawnSync(process.execPath, args('single', ['--lr', '1', '--architecture', 'study']), { encoding: 'utf8' });
  assert.equal(single.status, 0, single.stderr);
  assert.match(single.stdout, /restarts: {2}the network started again from another initialisation \(seed 1: 2 times\)/);
  // With the linear path the loss falls from the first epoch.
  const calm = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', join(dir, 'calm'), '--epochs', '2', '--backend', 'wasm', '--kernels', '21,11,5', '--strides', '4,4,2', '--members', '2'], { encoding: 'utf8' });
  assert.equal(calm.status, 0, calm.stderr);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'calm', 'run.json'), 'utf8')).training.members.map((m: { restarts?: number }) => m.restarts), [undefined, undefined], 'precondition: both learned at once');
  assert.doesNotMatch(calm.stdout, /restarts:/);
});

test('spectracam train --ratios: the split takes the given shares; a malformed value or one beside --split-file is refused before any work', async (t) => {
  const { dir, data } = await workspace(t);
  const out = join(dir, 'run');
  const run = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', out, '--epochs', '1', '--backend', 'wasm', '--ratios', '5:2:3'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  assert.deepEqual(record.split.ratios, [5, 2, 3]);
  const { train, validation, test: tested } = record.split.ids;
  assert.equal(train.length + validation.length + tested.length, 40);
  // The library's split with those shares, and not the default 7:1:2's.
  const dataset = await loadDataset({ data });
  const expected = await splitDataset(dataset, { protocol: 'auto', seed: 1, ratios: [5, 2, 3] });
  const byDefault = await splitDataset(dataset, { protocol: 'auto', seed: 1 });
  assert.deepEqual([train.length, validation.length, tested.length], [expected.train.length, expected.validation.length, expected.test.length]);
  assert.notDeepEqual([train.length, validation.length], [byDefault.train.length, byDefault.validation.length]);
  for (const [ratios, message] of [['1:2', /--ratios takes three non-negative numbers/], ['0:5:5', /train above 0/], ['7:-1:2', /--ratios takes three/]] as const) {
    const bad = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', join(dir, 'bad'), '--ratios', ratios], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, message);
  }
  const both = spawnSync(process.execPath, [bin, 'train', '--data', data, '--out', join(dir, 'bad'), '--ratios', '6:2:2', '--split-file', data], { encoding: 'utf8' });
  assert.match(both.stderr, /--ratios and --split-file/);
  assert.deepEqual((await readdir(dir)).sort(), ['run', 'small.csv'], 'nothing written for the refused ones');
});
