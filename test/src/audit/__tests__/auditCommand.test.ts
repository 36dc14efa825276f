import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetToCsv, generateSynthetic } from '@spectracam/data';
import { repoRoot } from '../../support/sharedData.js';
import { testModel } from '../../support/testModel.js';

const bin = join(repoRoot, 'cli', 'bin', 'spectracam.js');

test('spectracam audit: every method of the file against the ground truth, audit.json and a self-contained audit.html', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-audit-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { dataset, groundTruth } = generateSynthetic({ seed: 3, spectra: 40 });
  await writeFile(join(dir, 'data.csv'), datasetToCsv(dataset));
  await writeFile(join(dir, 'truth.json'), JSON.stringify(groundTruth));
  const { bytes } = await testModel({ p: dataset.axis.length, classes: dataset.classes, seed: 2, axis: Array.from(dataset.axis), spec: { kernels: [21, 11, 5], strides: [4, 4, 2], padding: 'same' }, attributions: ['gradient-x-input'] });
  await writeFile(join(dir, 'model.onnx'), bytes);
  const run = spawnSync(process.execPath, [bin, 'audit', join(dir, 'model.onnx'), join(dir, 'data.csv'), '--truth', join(dir, 'truth.json'), '--out', join(dir, 'audit'), '--max', '12'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const audit = JSON.parse(await readFile(join(dir, 'audit', 'audit.json'), 'utf8'));
  assert.deepEqual(audit.methods.map((m: { method: string }) => m.method), ['cam', 'gradient-x-input']);
  for (const m of audit.methods) {
    assert.ok(m.pointing.share >= 0 && m.pointing.share <= 1);
    // Per class, as the study reports the fat band.
    const perClass = Object.entries(m.topRegionOnTruthByClass as Record<string, number>);
    assert.ok(perClass.length >= 1 && perClass.every(([c, v]) => dataset.classes.includes(c) && v >= 0 && v <= 1), JSON.stringify(m.topRegionOnTruthByClass));
    assert.equal(m.curves.deletion.length, 11);
    assert.equal(m.randomisation.length, 4);
    // Each step: several seeded draws of the random weights, and their mean.
    for (const r of m.randomisation as { spearman: number; draws: number[] }[]) {
      assert.equal(r.draws.length, 3);
      assert.ok(Math.abs(r.spearman - r.draws.reduce((a, b) => a + b, 0) / 3) < 1e-12 && new Set(r.draws).size > 1, JSON.stringify(r));
    }
    assert.ok(m.curves.deletion[0] > 0, 'the intact spectra start the curve');
  }
  assert.ok(audit.random.deletionAuc > 0 && audit.random.deletionAuc <= 1);
  // The classical reference: VIP of PLS-LDA on data whose classes differ only in the discriminative bands points at one.
  const regions = groundTruth.bands.filter((b) => b.discriminative).map((b) => [b.position - b.width / 2, b.position + b.width / 2]);
  const onTruth = (x: number, widen = 0) => regions.some(([a, b]) => x >= a! - widen && x <= b! + widen);
  assert.equal(audit.truthReference.vipPointing.tested, 1);
  assert.ok(onTruth(audit.truthReference.vipPeak, 10), `VIP peaks at ${audit.truthReference.vipPeak}, off ${JSON.stringify(regions)}`);
  assert.equal(audit.truthReference.vipPointing.hits, 1);
  assert.ok(audit.truthReference.vipPointing.energy > audit.truthReference.flatEnergy, JSON.stringify(audit.truthReference));
  assert.ok(Math.abs(audit.truthReference.flatEnergy - Array.from(dataset.axis).filter((x) => onTruth(x)).length / dataset.axis.length) < 1e-12);
  const html = await readFile(join(dir, 'audit', 'audit.html'), 'utf8');
  assert.match(html, /Explanation audit/);
  assert.ok((html.match(/<svg/g) ?? []).length >= 4, 'curves, cascade and examples as inline SVG');
  assert.match(html, /stroke-dasharray="4 3"\/><text[^>]*>sanity threshold \(\|rho\| 0\.5\)<\/text>/, 'the cascade marks the threshold');
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
  assert.match(run.stdout, /gradient-x-input +pointing/);
  assert.match(run.stdout, /top region on the truth [\d.]+: strain-\w+ [\d.]+/);
  assert.match(run.stdout, /reference: PLS-LDA's VIP peaks at [\d.]+ \(on the truth, energy [\d.]+\); a flat map's energy [\d.]+/);
  assert.match(html, /PLS-LDA's VIP on these data peaks at/);
  // A second audit replaces its own files.
  const again = spawnSync(process.execPath, [bin, 'audit', join(dir, 'model.onnx'), join(dir, 'data.csv'), '--out', join(dir, 'audit'), '--max', '4', '--methods', 'cam'], { encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
});
