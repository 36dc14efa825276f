import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { applyPreprocessing, buildModel, computeRunFeatures, fitPreprocessing, writeRun } from '@spectracam/trainer';
import { modelGeometry } from '@spectracam/format';
import type { RunRecord } from '@spectracam/trainer';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

async function smallRun(dir: string, withFeatures = true): Promise<string> {
  await tf.setBackend('cpu');
  const p = 50;
  const spec = { kernels: [5, 3, 3] as [number, number, number], strides: [1, 2, 1] as [number, number, number], padding: 'same' as const };
  const model = buildModel({ inputLength: p, classes: 2, l2: 0, seed: 1, ...spec });
  const spectra = [Float32Array.from({ length: p }, (_, j) => j), Float32Array.from({ length: p }, (_, j) => 2 * j + 1)];
  const record = {
    format: 'spectracam-run', version: 1, status: 'complete', createdAt: new Date(0).toISOString(),
    producer: { name: 'test', version: '0' },
    data: { source: 'test', sha256: 'ab'.repeat(32), spectra: 2, variables: p, axis: Array.from({ length: p }, (_, j) => 1000 + j), unit: 'cm-1', classes: ['a', 'b'], reader: {}, warnings: [] },
    preprocessing: fitPreprocessing('minmax-variable', spectra),
    split: { protocol: 'random', seed: 1, ratios: [0.7, 0.1, 0.2], stratified: true, ids: { train: [], validation: [], test: [] } },
    model: { architecture: 'spectracam-cnn1d', classes: ['a', 'b'], geometry: modelGeometry(p, spec), l2: 0 },
    training: { options: {}, backend: 'cpu', seed: 1, epochs: 0, epochsRun: 0, bestEpoch: 0, batchSize: 1, learningRate: 0, patience: 0, secondsPerEpoch: 0, history: [] },
    metrics: { train: { accuracy: 1, n: 0, confusion: [] }, validation: { accuracy: 1, n: 0, confusion: [] }, test: { accuracy: 1, n: 0, confusion: [] } },
  } satisfies RunRecord;
  // GAP features of made-up spectra of both classes: 8 training, 4 validation, 2 test.
  const made = Array.from({ length: 14 }, (_, i) => Float32Array.from({ length: p }, (_, j) => (i % 2 ? 2 * j + 1 : j) + Math.sin(i + j)));
  const labels = made.map((_, i) => i % 2);
  const pre = applyPreprocessing(record.preprocessing, made);
  const part = (a: number, b: number) => ({ spectra: pre.slice(a, b), labels: labels.slice(a, b) });
  const features = computeRunFeatures(model, { train: part(0, 8), validation: part(8, 12), test: part(12, 14) });
  const runDir = join(dir, 'run');
  await writeRun(runDir, record, model, withFeatures ? { features } : {});
  model.dispose();
  return runDir;
}

test('cli export: writes the file with the requested outputs and prints a summary on stdout', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-cli-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const runDir = await smallRun(dir);
  const out = join(dir, 'model.onnx');
  const result = cli(['export', runDir, '--out', out, '--features', 'conv1,conv2', '--cam', '--opset', '17']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /wrote .*model\.onnx/);
  assert.match(result.stdout, /opset: +17 \(IR 8\)/);
  const session = await ort.InferenceSession.create(new Uint8Array(await readFile(out)));
  assert.deepEqual([...session.outputNames].sort(), ['cam', 'conv1', 'conv2', 'conv3', 'logits', 'novelty', 'probabilities']);
  await session.release();
  assert.match(result.stdout, /unknown: +novelty > [\d.e+]+ \(99 % quantile of 4 validation spectra, gamma\)/);
});

test('cli export: a run without training features is refused with what to do; --no-novelty exports it without the score', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-cli-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const runDir = await smallRun(dir, false);
  const out = join(dir, 'model.onnx');
  const refused = cli(['export', runDir, '--out', out]);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /no training features \(features\/gap\.json and features\/gap\.bin\).*--no-novelty/s);
  assert.equal(existsSync(out), false);
  const without = cli(['export', runDir, '--out', out, '--no-novelty']);
  assert.equal(without.status, 0, without.stderr);
  assert.match(without.stdout, /no unknown-sample score/);
  const session = await ort.InferenceSession.create(new Uint8Array(await readFile(out)));
  assert.equal(session.outputNames.includes('novelty'), false);
  await session.release();
});

test('cli export: a missing run directory exits non-zero with a message naming it and writes nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-cli-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'model.onnx');
  const result = cli(['export', join(dir, 'absent'), '--out', out]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /absent/);
  assert.equal(existsSync(out), false);
});

test('cli export: --help shows an example and rejects an unknown feature layer', () => {
  const help = cli(['export', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Examples:/);
  const bad = cli(['export', 'run', '--out', 'x.onnx', '--features', 'conv9']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /conv9/);
});
