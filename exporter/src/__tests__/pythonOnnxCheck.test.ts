import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportModel } from '../exportModel.js';
import type { ExportOptions } from '../exportOptions.js';
import { fakeRun } from './support/fakeRun.js';

const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('../../scripts/check_onnx.py', import.meta.url));

function onnxPythonMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `${PYTHON} cannot import onnx (install Debian's python3-onnx): ${probe.stderr || probe.error}`;
}

const variants: [string, Parameters<typeof fakeRun>[0], ExportOptions][] = [
  ['opset 13, snv, same padding, every output', { p: 301, preprocessing: 'snv', padding: 'same' }, { features: ['conv1', 'conv2'], cam: true }],
  ['opset 17, minmax-variable, valid padding', { p: 448, preprocessing: 'minmax-variable', padding: 'valid' }, { opset: 17 }],
  ['opset 13, minmax-global, stretch cam', { p: 175, preprocessing: 'minmax-global' }, { cam: { alignment: 'stretch' } }],
  ['opset 13, linear path with variable weights, cam, gradient and contribution', { p: 301, preprocessing: 'minmax-variable', variableWeights: true, readout: true }, { cam: true, features: ['conv1', 'conv2'], attributions: ['gradient', 'contribution'] }],
  ['opset 17, snv, contribution alone', { p: 301, preprocessing: 'snv', padding: 'valid' }, { opset: 17, attributions: ['contribution'] }],
  ['opset 13, derivative path carried per derivative variable, cam and every attribution', { p: 301, preprocessing: 'snv', variableWeights: true, derivativeCarriers: true }, { cam: true, attributions: ['gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'] }],
  ['opset 17, derivative path carried, valid padding', { p: 240, preprocessing: 'minmax-variable', padding: 'valid', derivativeCarriers: true }, { opset: 17 }],
  ['opset 17, no preprocessing, conv2', { p: 99, preprocessing: 'none', kernels: [5, 3, 3] }, { opset: 17, features: ['conv2'] }],
];

test('python onnx: check_model(full_check) and strict shape inference pass, and inferred output shapes equal the declared ones', async (t) => {
  const missing = onnxPythonMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    t.skip(missing);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-pycheck-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const paths: string[] = [];
  for (const [, runOptions, exportOptions] of variants) {
    const { record, model, features } = fakeRun(runOptions);
    const path = join(dir, `${paths.length}.onnx`);
    await writeFile(path, exportModel(record, model, { ...exportOptions, novelty: { features } }));
    paths.push(path);
    model.dispose();
  }
  const run = spawnSync(PYTHON, [script, ...paths], { encoding: 'utf8' });
  const results = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(results.length, variants.length, run.stderr);
  results.forEach((r, i) => {
    const label = variants[i]![0];
    assert.equal(r.error, undefined, `${label}: ${r.error}`);
    assert.deepEqual(r.mismatches, {}, label);
    assert.ok(Object.keys(r.declared).length >= 3, label);
    // Sizes equal (the script's mismatches); a batch symbol may come back renamed after a Reshape to [-1, ...].
    for (const [name, shape] of Object.entries(r.declared as Record<string, (string | number)[]>)) {
      assert.deepEqual(r.inferred[name].map((d: string | number) => (typeof d === 'string' ? 'symbol' : d)), shape.map((d) => (typeof d === 'string' ? 'symbol' : d)), `${label}: ${name}`);
    }
    assert.equal(r.ok, true, label);
  });
  assert.equal(run.status, 0, run.stderr);
});
