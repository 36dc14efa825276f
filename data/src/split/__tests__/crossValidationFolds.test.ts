import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossValidationFolds } from '../crossValidationFolds.js';
import type { Dataset } from '../../dataset.js';

function dataset(labels: string[], groups?: string[]): Dataset {
  const ids = labels.map((_, i) => `s${i}`);
  return { ids, names: ids, labels, classes: [...new Set(labels)].sort(), spectra: labels.map(() => new Float32Array(3)), axis: Float64Array.from([1, 2, 3]), unit: 'cm-1', source: 'test', warnings: [], ...(groups ? { groups } : {}) } as Dataset;
}

test('cross-validation folds: every row once, classes spread over the folds, seeded', () => {
  const labels = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 'a' : 'b'));
  const rows = labels.map((_, i) => i).filter((i) => i !== 7);
  const { folds, unit } = crossValidationFolds(dataset(labels), rows, 10, 3);
  assert.equal(unit, 'spectrum');
  assert.equal(folds.length, 10);
  assert.deepEqual(folds.flat().sort((x, y) => x - y), rows);
  for (const f of folds) assert.equal(f.filter((i) => labels[i] === 'a').length, 1, `fold ${f.join(',')} holds one of the 10 'a' spectra`);
  assert.deepEqual(crossValidationFolds(dataset(labels), rows, 10, 3).folds, folds);
  assert.notDeepEqual(crossValidationFolds(dataset(labels), rows, 10, 4).folds, folds);
});

test('cross-validation folds: a group never straddles two folds; no more folds than groups', () => {
  const labels = Array.from({ length: 24 }, (_, i) => (i < 12 ? 'a' : 'b'));
  const groups = labels.map((_, i) => `g${Math.floor(i / 4)}`);
  const { folds, unit } = crossValidationFolds(dataset(labels, groups), labels.map((_, i) => i), 10, 1);
  assert.equal(unit, 'group');
  assert.equal(folds.length, 6);
  for (const f of folds) assert.equal(new Set(f.map((i) => groups[i])).size, 1);
  assert.throws(() => crossValidationFolds(dataset(labels), [0], 10, 1), /at least 2 spectra, got 1/);
  assert.throws(() => crossValidationFolds(dataset(labels), [0, 1], 1, 1), /at least 2 folds/);
});
