import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { chromiumMissing } from '@spectracam/test/support/browser/chromium';
import { reportLayout } from '@spectracam/test/support/browser/reportLayout';
import { loadDataset } from '@spectracam/data';
import { evaluate } from '../evaluate.js';
import type { EvaluateProgress } from '../evaluate.js';
import type { EvaluationResults } from '../evaluationResults.js';
import { writeReport } from '../../report/writeReport.js';
import { REPORT_FIGURES } from '../../report/buildReport.js';

test('evaluate: 2 partitions x 2 repeats on meat write results.json, every figure of the report, and resume without retraining', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const dataset = await loadDataset({ data: sharedData.meatCsv });
  const out = await mkdtemp(join(tmpdir(), 'spectracam-evaluate-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const progress: EvaluateProgress[] = [];
  const options = { dataset, out, partitions: 1, repeats: 2, train: { epochs: 12, patience: 12 } };
  const results = await evaluate(options, { onProgress: (p) => progress.push(p) });

  const onDisk = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as EvaluationResults;
  assert.equal(onDisk.partitions.length, 2, 'base partition + 1 random partition');
  assert.equal(onDisk.settings.protocol, 'group-aware', 'meat has replicate groups');
  for (const p of onDisk.partitions) {
    const all = [...p.ids.train, ...p.ids.validation, ...p.ids.test];
    assert.equal(new Set(all).size, dataset.ids.length, 'every spectrum in exactly one part');
    const groupOf = new Map(dataset.ids.map((id, i) => [id, dataset.groups![i]!]));
    const trainGroups = new Set(p.ids.train.map((id) => groupOf.get(id)));
    assert.ok(p.ids.test.every((id) => !trainGroups.has(groupOf.get(id))), 'no replicate group on both sides');
    assert.equal(p.cnn.runs.length, 2);
    for (const run of p.cnn.runs) for (const a of Object.values(run.accuracy)) assert.ok(a >= 0 && a <= 1);
    const mean = (p.cnn.runs[0]!.accuracy.test + p.cnn.runs[1]!.accuracy.test) / 2;
    assert.ok(Math.abs(p.cnn.mean.test - mean) < 1e-12);
    assert.ok(p.plsLda && p.plsLda.components >= 2 && p.plsLda.components <= 20);
    assert.equal(p.plsLda.vip.length, dataset.axis.length);
    for (const c of dataset.classes) {
      const m = p.cnn.classMaps[c]!;
      if (m.n > 0) {
        assert.equal(m.mean.length, dataset.axis.length);
        assert.ok(m.mean.every((v) => v >= 0 && v <= 1), 'scaled maps stay in 0..1');
        // The default network's decision (and the file's CAM) may be its linear path's alone: a map of zeros
        // would mean the evaluation read the network's own channels without the path.
        assert.ok(Math.max(...m.mean) - Math.min(...m.mean) > 0.2, `${c}: the mean map has a shape (${Math.min(...m.mean)}..${Math.max(...m.mean)})`);
      }
    }
  }
  assert.ok(onDisk.inside && onDisk.inside.kernels.length === 16);
  assert.ok(onDisk.inside.kernels.every((k) => k.match.cosine >= 0 && k.match.cosine <= 1 + 1e-9));
  assert.equal(results.summary.cnn.test.n, 4);
  assert.ok(progress.some((p) => p.secondsLeft !== undefined), 'progress reports time left');
  assert.equal(progress.at(-1)!.phase, 'done');

  const path = await writeReport(out, results);
  const html = await readFile(path, 'utf8');
  for (const id of REPORT_FIGURES) assert.match(html, new RegExp(`<section class="figure" id="${id}">`), id);
  assert.ok((html.match(/<svg/g) ?? []).length >= 8, 'charts are inline SVG');
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/, 'no scripts, no network references');
  assert.match(html, /1740/, 'the fat band is reported');
  // Confusion matrices of the CNN and PLS-LDA on the pooled test parts: every test spectrum of every run counted once.
  const confusion = results.summary.testConfusion!;
  const tested = results.partitions.reduce((n, p) => n + p.ids.test.length * p.cnn.runs.length, 0);
  assert.equal(confusion.cnn!.confusion.flat().reduce((a, b) => a + b, 0), tested);
  assert.equal(confusion.plsLda!.confusion.flat().reduce((a, b) => a + b, 0), results.partitions.reduce((n, p) => n + p.ids.test.length, 0));
  assert.match(html, /CNN: test parts pooled .* balanced accuracy/);
  assert.ok(results.summary.nearestNeighbour!.test.mean > 0.5, 'Table 2 has a 1-NN row');
  assert.match(html, /1-NN \(Euclidean\)/);
  // Heat maps are images: the whole report stays small (it was 27 MB for the quickstart with SVG heat maps).
  assert.ok(html.length < 3_000_000, `report of ${(html.length / 1e6).toFixed(2)} MB`);
  t.diagnostic(`report.html: ${(html.length / 1e6).toFixed(2)} MB`);
  // The default network's 3 x 64 filters (plus the path) in Fig 6: a label per filter once ran into the next.
  await t.test('the report in Chromium: every figure drawn, no text on other text, nothing fetched', { skip: chromiumMissing() }, async () => {
    const layout = await reportLayout(path);
    assert.deepEqual(layout.figures.map((f) => f.id), [...REPORT_FIGURES]);
    assert.deepEqual(layout.overlaps, []);
    assert.deepEqual(layout.requests, []);
  });

  // Resume: every run is kept, so a second evaluation trains nothing.
  const before = (await stat(join(out, 'runs', 'p0-r0', 'run.json'))).mtimeMs;
  const again: EvaluateProgress[] = [];
  const second = await evaluate(options, { onProgress: (p) => again.push(p) });
  assert.ok(!again.some((p) => p.phase === 'train'), 'nothing trained again');
  assert.equal(again.filter((p) => p.phase === 'resume').length, 4);
  assert.equal((await stat(join(out, 'runs', 'p0-r0', 'run.json'))).mtimeMs, before);
  assert.deepEqual(second.partitions.map((p) => p.cnn.mean), results.partitions.map((p) => p.cnn.mean));
  assert.ok(existsSync(join(out, 'runs', 'p1-r1', 'model', 'model.json')));
});
