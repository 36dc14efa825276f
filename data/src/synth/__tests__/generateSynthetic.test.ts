import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSynthetic } from '../generateSynthetic.js';
import { datasetToCsv } from '../syntheticCsv.js';
import { datasetFromText } from '../../parse/datasetFromText.js';
import { datasetFingerprint } from '../../datasetFingerprint.js';

const small = { seed: 7, spectra: 60 };

test('synthetic: shaped like the study E. coli set (1733 variables over 50-2000 cm-1, two strains, 853 by default)', () => {
  const started = performance.now();
  const { dataset, groundTruth } = generateSynthetic();
  const seconds = (performance.now() - started) / 1000;
  assert.equal(dataset.spectra.length, 853);
  assert.equal(dataset.axis.length, 1733);
  assert.equal(dataset.axis[0], 50);
  assert.equal(dataset.axis[1732], 2000);
  assert.deepEqual(dataset.classes, ['strain-1116', 'strain-498']);
  const n498 = dataset.labels.filter((l) => l === 'strain-498').length;
  assert.ok(Math.abs(n498 / 853 - 0.4) < 0.01);
  assert.ok(new Set(dataset.groups).size >= 853 / 6, 'replicate groups of about five');
  assert.deepEqual(groundTruth.bands.map((b) => b.position), [624, 652, 735, 955, 1040, 1330]);
  assert.ok(seconds < 10, `generation took ${seconds} s`);
});

test('synthetic: the same seed gives identical data, another seed different data', () => {
  const a = generateSynthetic(small);
  const b = generateSynthetic(small);
  const c = generateSynthetic({ ...small, seed: 8 });
  assert.equal(datasetFingerprint(a.dataset), datasetFingerprint(b.dataset));
  assert.notEqual(datasetFingerprint(a.dataset), datasetFingerprint(c.dataset));
});

test('synthetic: discriminative bands differ by class as the ground truth says, the others do not', () => {
  const { dataset, groundTruth } = generateSynthetic({ seed: 3, spectra: 200 });
  // Band height above a local baseline: value at the band minus the mean of points 40 cm-1 away.
  const at = (x: number) => dataset.axis.findIndex((v) => v >= x);
  const bandHeight = (s: Float32Array, position: number) => s[at(position)] - (s[at(position - 40)] + s[at(position + 40)]) / 2;
  for (const band of groundTruth.bands) {
    const mean = (label: string) => {
      const rows = dataset.spectra.filter((_, i) => dataset.labels[i] === label);
      return rows.reduce((sum, s) => sum + bandHeight(s, band.position), 0) / rows.length;
    };
    const ratio = mean('strain-498') / mean('strain-1116');
    const expected = band.heights['strain-498'] / band.heights['strain-1116'];
    if (band.discriminative) assert.ok(Math.abs(Math.log(ratio / expected)) < Math.log(1.6), `${band.position}: ratio ${ratio} vs ${expected}`);
    else assert.ok(Math.abs(Math.log(ratio)) < Math.log(1.3), `${band.position}: ratio ${ratio} should be about 1`);
  }
});

test('synthetic: global intensity does not separate the classes (the baseline offset dominates)', () => {
  const { dataset } = generateSynthetic({ seed: 5, spectra: 400 });
  const means = dataset.spectra.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  // Best single threshold on the mean intensity: far from the ~99 % a CNN reaches.
  const order = means.map((m, i) => [m, dataset.labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let best = 0;
  for (let k = 0; k <= order.length; k++) {
    const left = order.slice(0, k).filter(([, l]) => l === 'strain-498').length;
    const right = order.slice(k).filter(([, l]) => l === 'strain-1116').length;
    best = Math.max(best, (left + right) / order.length, 1 - (left + right) / order.length);
  }
  assert.ok(best < 0.75, `mean intensity alone reaches ${best}`);
});

test('synthetic: the CSV form reads back to the same data set (same fingerprint)', () => {
  const { dataset } = generateSynthetic(small);
  const back = datasetFromText(datasetToCsv(dataset), { source: 'synthetic.csv' });
  assert.deepEqual(back.labels, dataset.labels);
  assert.deepEqual(back.groups, dataset.groups);
  assert.equal(datasetFingerprint(back), datasetFingerprint(dataset));
});
