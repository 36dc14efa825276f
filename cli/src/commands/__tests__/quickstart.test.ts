import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@spectracam/runtime';
import { REPORT_FIGURES } from '@spectracam/study';
import { chromiumMissing } from '@spectracam/test/support/browser/chromium';
import { reportLayout } from '@spectracam/test/support/browser/reportLayout';

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
  assert.ok(report.length < 3_000_000, `report.html is ${(report.length / 1e6).toFixed(2)} MB`);

  await t.test('the report in Chromium: every figure drawn, no text on other text, nothing fetched, class names as text', { skip: chromiumMissing() }, async (st) => {
    const layout = await reportLayout(join(out, 'evaluation', 'report.html'));
    st.diagnostic(`report.html ${(report.length / 1e6).toFixed(2)} MB, loaded in ${layout.millis} ms`);
    assert.deepEqual(layout.figures.map((f) => f.id), [...REPORT_FIGURES]);
    // The quickstart evaluates one partition: the stability figure says it needs two instead of drawing.
    // A model without test errors has no misclassified spectra to draw: the figure says so instead.
    const noErrors = /No misclassified test spectra in \d+ CNN runs/.test(layout.text);
    const drawn = layout.figures.filter((g) => g.id !== 'fig8-stability' && !(noErrors && g.id === 'fig9-misclassified'));
    for (const f of drawn) assert.ok(f.height > 50 && f.charts + f.images + f.tables > 0, `${f.id}: ${JSON.stringify(f)}`);
    assert.match(layout.text, /Stability compares partitions: it needs at least two/);
    assert.deepEqual(layout.overlaps, []);
    assert.deepEqual(layout.requests, []);
    for (const c of ['strain-1116', 'strain-498']) assert.ok(layout.text.includes(c), c);
  });
  assert.ok(run.stdout.includes(join(out, 'model.onnx')), 'the summary names the model file');
});
