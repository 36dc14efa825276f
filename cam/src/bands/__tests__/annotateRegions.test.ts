import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotateRegions } from '../annotateRegions.js';
import { bandTables } from '../bandTables.js';
import { validateBandTable, type BandTable } from '../bandTable.js';
import type { Region } from '../../top/topRegions.js';

const region = (start: number, end: number, peak: number): Region => ({
  startIndex: 0,
  endIndex: 1,
  start,
  end,
  peak,
  peakIndex: 0,
  score: 1,
});

test('bandTables: carry the study bands with their sources', () => {
  const raman = bandTables.raman.bands.map((b) => b.position);
  for (const p of [624, 652, 735, 955, 1003, 1040, 1330, 1450, 2850, 2930]) assert.ok(raman.includes(p), `raman ${p}`);
  const ir = bandTables.midIr.bands.map((b) => b.position);
  for (const p of [1550, 1650, 1740]) assert.ok(ir.includes(p), `mid-IR ${p}`);
  for (const b of [...bandTables.raman.bands, ...bandTables.midIr.bands]) assert.ok(b.source.length > 10, b.name);
});

test('annotateRegions: names a region after the band nearest its peak', () => {
  const [r] = annotateRegions([region(620, 640, 628)], bandTables.raman);
  assert.equal(r!.band?.position, 624);
  assert.equal(r!.band?.name, 'aromatic ring');
  assert.equal(r!.bandDistance, 4);
  const [fat] = annotateRegions([region(1730, 1750, 1742)], bandTables.midIr);
  assert.equal(fat!.band?.position, 1740);
});

test('annotateRegions: bands within the tolerance of the region count, farther ones do not', () => {
  assert.equal(annotateRegions([region(1005, 1020, 1015)], bandTables.raman, 5)[0]!.band?.position, 1003);
  assert.equal(annotateRegions([region(1010, 1020, 1015)], bandTables.raman, 5)[0]!.band, undefined);
  assert.equal(annotateRegions([region(1010, 1020, 1015)], bandTables.raman, 30)[0]!.band?.position, 1003);
});

test('annotateRegions: a peak inside a broad band range is at distance 0', () => {
  const [r] = annotateRegions([region(1255, 1262, 1258)], bandTables.raman);
  assert.equal(r!.band?.name, 'amide III');
  assert.equal(r!.bandDistance, 0);
});

test('annotateRegions: a user table of the wrong shape is refused with the entry named', () => {
  const bad = { name: 'mine', unit: 'cm-1', bands: [{ position: 1, name: 'a', assignment: 'b', source: 'c' }, { position: '2' }] };
  assert.throws(() => annotateRegions([], bad as unknown as BandTable), { name: 'TypeError', message: /'bands\.bands\[1\]\.position'/ });
  assert.throws(() => validateBandTable([]), { name: 'TypeError', message: /band table object/ });
  const outside = { name: 'x', unit: 'cm-1', bands: [{ position: 5, range: [6, 9], name: 'a', assignment: 'b', source: 'c' }] };
  assert.throws(() => validateBandTable(outside), { name: 'RangeError', message: /range/ });
});
