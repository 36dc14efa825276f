import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sharedData, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { loadDataset } from '../loadDataset.js';
import { datasetFingerprint } from '../datasetFingerprint.js';

const count = (labels: string[], label: string) => labels.filter((l) => l === label).length;

test('meat: 120 spectra x 448, chicken/pork/turkey from the names, 60 sample groups, the duplicate kept', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const data = await loadDataset({ data: sharedData.meatCsv });
  assert.equal(data.spectra.length, 120);
  assert.equal(data.axis.length, 448);
  assert.ok(Math.abs(data.axis[0] - 1005.3495) < 1e-9 && Math.abs(data.axis[447] - 1867.864) < 1e-9);
  assert.deepEqual(data.classes, ['chicken', 'pork', 'turkey']);
  // Counted with grep over the header row of the file: Chicken 40, Pork 40, Turkey 40.
  assert.deepEqual([count(data.labels, 'chicken'), count(data.labels, 'pork'), count(data.labels, 'turkey')], [40, 40, 40]);
  assert.equal(new Set(data.groups).size, 60);
  assert.equal(data.ids[70], 'FreshPork_SupplierD_Sample1_RunB');
  assert.equal(data.ids[71], 'FreshPork_SupplierD_Sample1_RunB#2');
  assert.equal(data.groups![70], data.groups![71]);
  assert.equal(data.warnings.filter((w) => /more than once/.test(w)).length, 1);
  assert.ok(!data.ids.some((id) => id.endsWith(' ')), 'trailing spaces trimmed');
});

test('meat: an explicit label pattern gives the same classes up to case, and the same fingerprint twice', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const data = await loadDataset({ data: sharedData.meatCsv, labelPattern: '^Fresh([A-Za-z]+)_', groupPattern: '^(.*)_Run[AB]$' });
  assert.deepEqual(data.classes, ['Chicken', 'Pork', 'Turkey']);
  assert.equal(new Set(data.groups).size, 60);
  const again = await loadDataset({ data: sharedData.meatCsv, labelPattern: '^Fresh([A-Za-z]+)_', groupPattern: '^(.*)_Run[AB]$' });
  assert.match(datasetFingerprint(data), /^[0-9a-f]{64}$/);
  assert.equal(datasetFingerprint(again), datasetFingerprint(data));
});

test('raman saureus: 248 spectra on one common axis, MRSA/MSSA, isolate groups from the file names', async (t) => {
  const dir = join(sharedData.ramanDir, 'saureus');
  if (skipWithoutSharedData(t, dir)) return;
  const data = await loadDataset({ data: dir });
  assert.equal(data.spectra.length, 248);
  assert.deepEqual(data.classes, ['MRSA', 'MSSA']);
  assert.equal(count(data.labels, 'MRSA'), 122);
  assert.equal(count(data.labels, 'MSSA'), 126);
  // Two calibrations (SOURCE.md): the common range is their overlap, 236.617..2106.41.
  assert.ok(Math.abs(data.axis[0] - 236.617) < 1e-6);
  assert.ok(Math.abs(data.axis[data.axis.length - 1] - 2106.41) < 0.01);
  assert.ok(data.spectra.every((s) => s.length === data.axis.length));
  assert.ok(data.warnings.some((w) => /2 different axes/.test(w)));
  // The file names hold MRSA1..3 and MSSA1..3 (MRSA3/MSSA3 spell _CELL in capitals).
  assert.deepEqual([...new Set(data.groups)].sort(), ['MRSA1', 'MRSA2', 'MRSA3', 'MSSA1', 'MSSA2', 'MSSA3']);
});
