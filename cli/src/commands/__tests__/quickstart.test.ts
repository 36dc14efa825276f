import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@spectracam/runtime';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));

// The README's main command, end to end, with few epochs so it stays short (about 20 s here):
// every file it announces exists and holds what it should, and the summary's figures are sane.
test('spectracam quickstart: synthetic data, a trained and exported model, explanations, a plot and the report', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'spectracam-quickstart-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, [bin, 'quickstart', '--out', out, '--epochs', '3'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const figure = (label: string) => {
    const match = new RegExp(`${label}:\\s+([\\d.]+)`).exec(run.stdout);
    assert.ok(match, `no "${label}" in the summary:\n${run.stdout}`);
    return Number(match[1]);
  };
  const accuracy = figure('test accuracy');
  assert.ok(accuracy >= 0 && accuracy <= 100);
  assert.ok(figure('explain throughput') > 0);

  const ids = (await readFile(join(out, 'data', 'synthetic.csv'), 'utf8')).trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]);
  assert.equal(ids.length, 853, 'the synthetic set');
  const truth = JSON.parse(await readFile(join(out, 'data', 'ground-truth.json'), 'utf8'));
  assert.deepEqual(truth.bands.filter((b: { discriminative: boolean }) => b.discriminative).map((b: { position: number }) => b.position), [624, 652, 735]);

  const model = await loadModel(join(out, 'model.onnx'));
  try {
    assert.equal(model.axis.length, 1733);
    const lines = (await readFile(join(out, 'explanations.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.ok(lines.length > 100, `${lines.length} explained test spectra`);
    for (const line of lines) {
      assert.ok(ids.includes(line.id), `${line.id} is a sample of the data`);
      assert.ok(model.classes.includes(line.predicted));
      assert.ok(Array.isArray(line.explanations?.[0]?.regions) && line.explanations[0].regions.length > 0, JSON.stringify(line).slice(0, 200));
    }
  } finally {
    await model.dispose();
  }
  assert.match(await readFile(join(out, 'explanation.svg'), 'utf8'), /^<svg[\s\S]*<\/svg>\s*$/);
  const report = await readFile(join(out, 'evaluation', 'report.html'), 'utf8');
  assert.match(report, /<html[\s\S]*<svg/);
  assert.ok(run.stdout.includes(join(out, 'model.onnx')), 'the summary names the model file');
});
