import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Dataset } from '../../dataset.js';
import { loadDataset } from '../../loadDataset.js';
import { sharedData, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { splitDataset } from '../splitDataset.js';

/** A data set with the given labels and groups (spectra are irrelevant to splitting). */
function fake(labels: string[], groups?: string[]): Dataset {
  return {
    ids: labels.map((_, i) => `s${i}`),
    names: labels.map((_, i) => `s${i}`),
    labels,
    classes: [...new Set(labels)].sort(),
    ...(groups ? { groups } : {}),
    axis: Float64Array.of(1, 2),
    unit: 'cm-1',
    spectra: labels.map(() => Float32Array.of(0, 0)),
    source: 'fake',
    warnings: [],
  };
}

const groupedData = fc
  .array(fc.record({ label: fc.constantFrom('a', 'b', 'c'), size: fc.integer({ min: 1, max: 4 }) }), { minLength: 15, maxLength: 60 })
  .filter((groups) => ['a', 'b', 'c'].every((l) => groups.filter((g) => g.label === l).length >= 3));

test('split: group-aware puts every spectrum in exactly one part and no group on two sides', async () => {
  await fc.assert(
    fc.asyncProperty(groupedData, fc.integer({ min: 0, max: 1000 }), async (groups, seed) => {
      const labels = groups.flatMap((g) => Array<string>(g.size).fill(g.label));
      const ids = groups.flatMap((g, k) => Array<string>(g.size).fill(`g${k}`));
      const split = await splitDataset(fake(labels, ids), { seed });
      assert.equal(split.protocol, 'group-aware');
      const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
      assert.deepEqual(all, labels.map((_, i) => i));
      const side = new Map<string, number>();
      [split.train, split.validation, split.test].forEach((part, p) =>
        part.forEach((i) => {
          assert.ok(!side.has(ids[i]) || side.get(ids[i]) === p, `group ${ids[i]} on two sides`);
          side.set(ids[i], p);
        }),
      );
    }),
    { numRuns: 60 },
  );
});

test('split: random is stratified within 1 of the ideal 7:1:2 per class and warns about near-duplicates', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom('a', 'b'), { minLength: 20, maxLength: 200 }), fc.integer({ min: 0, max: 1000 }), async (labels, seed) => {
      // From 4 per class; 3 must go 1:1:1 (one in every part), 1.1 from train's ideal 2.1 (the next test).
      fc.pre(labels.filter((l) => l === 'a').length >= 4 && labels.filter((l) => l === 'b').length >= 4);
      const split = await splitDataset(fake(labels, labels.map((_, i) => `g${i >> 1}`)), { protocol: 'random', seed });
      assert.match(split.warning ?? '', /near-duplicate/);
      for (const label of ['a', 'b']) {
        const n = labels.filter((l) => l === label).length;
        [split.train, split.validation, split.test].forEach((part, p) => {
          const got = part.filter((i) => labels[i] === label).length;
          assert.ok(Math.abs(got - (n * [0.7, 0.1, 0.2][p])) <= 1, `${label} part ${p}: ${got} of ${n}`);
        });
      }
    }),
    { numRuns: 60 },
  );
});

test('split: a class of 3 spectra puts one in each part, whatever the seed', async () => {
  const labels = [...Array.from({ length: 17 }, () => 'b'), 'a', 'a', 'a'];
  for (const seed of [1, 2, 3]) {
    const split = await splitDataset(fake(labels), { protocol: 'random', seed });
    assert.deepEqual([split.train, split.validation, split.test].map((part) => part.filter((i) => labels[i] === 'a').length), [1, 1, 1]);
  }
});

test('split: the same seed gives the same split, another seed another one', async () => {
  const labels = Array.from({ length: 100 }, (_, i) => (i % 2 ? 'a' : 'b'));
  const a = await splitDataset(fake(labels), { seed: 4 });
  const b = await splitDataset(fake(labels), { seed: 4 });
  const c = await splitDataset(fake(labels), { seed: 5 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.test, c.test);
});

test('split: a class with too few groups for the split says how many are needed', async () => {
  const data = fake(['a', 'a', 'a', 'b', 'b', 'b'], ['g1', 'g1', 'g2', 'g3', 'g4', 'g5']);
  await assert.rejects(splitDataset(data), /class "a" has 2 groups; a 7:1:2 split needs at least 3 per class/);
});

test('split: meat group-aware 7:1:2 keeps both runs of a sample together: 42/6/12 groups', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const data = await loadDataset({ data: sharedData.meatCsv });
  const split = await splitDataset(data, { seed: 1 });
  const groupsOf = (part: number[]) => new Set(part.map((i) => data.groups![i])).size;
  assert.deepEqual([groupsOf(split.train), groupsOf(split.validation), groupsOf(split.test)], [42, 6, 12]);
  assert.deepEqual([split.train.length, split.validation.length, split.test.length], [84, 12, 24]);
});

test('split: the UCR split file gives its 60 test spectra; validation comes out of the train side, group-aware', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatUcrSplit)) return;
  const data = await loadDataset({ data: sharedData.meatCsv });
  const split = await splitDataset(data, { splitFile: sharedData.meatUcrSplit, seed: 2 });
  assert.equal(split.protocol, 'file');
  assert.equal(split.test.length, 60);
  assert.equal(split.train.length + split.validation.length, 60);
  assert.ok(split.validation.length > 0);
  const trainGroups = new Set(split.train.map((i) => data.groups![i]));
  assert.ok(split.validation.every((i) => !trainGroups.has(data.groups![i])));
});
