import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { topRegions } from '../topRegions.js';
import { topVariables } from '../topVariables.js';

test('topRegions: top regions of a map with one peak contain the peak', () => {
  const axis = Array.from({ length: 100 }, (_, i) => 400 + 2 * i);
  const map = axis.map((x) => Math.exp(-(((x - 520) / 8) ** 2)));
  const regions = topRegions(map, axis, 0.1);
  assert.equal(regions.length, 1);
  const [r] = regions;
  assert.equal(r!.peak, 520);
  assert.equal(r!.endIndex - r!.startIndex + 1, 10);
  assert.ok(r!.start <= 520 && r!.end >= 520);
});

test('topRegions: regions come strongest peak first, in axis units, with the mean score', () => {
  const axis = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  const map = [0, 0.9, 0.7, 0, 0, 0, 1, 0, 0, 0];
  const regions = topRegions(map, axis, 0.3);
  assert.deepEqual(regions, [
    { startIndex: 6, endIndex: 6, start: 70, end: 70, peak: 70, peakIndex: 6, score: 1 },
    { startIndex: 1, endIndex: 2, start: 20, end: 30, peak: 20, peakIndex: 1, score: 0.8 },
  ]);
});

test('topRegions: regions cover exactly the top variables, without overlap (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      (map, fraction) => {
        const axis = map.map((_, i) => 3000 - 1.5 * i); // descending axis
        const covered: number[] = [];
        for (const r of topRegions(map, axis, fraction)) {
          assert.ok(r.startIndex <= r.peakIndex && r.peakIndex <= r.endIndex);
          assert.equal(r.start, axis[r.startIndex]);
          assert.equal(r.peak, axis[r.peakIndex]);
          for (let i = r.startIndex; i <= r.endIndex; i++) covered.push(i);
        }
        const expected = Array.from(topVariables(map, fraction)).sort((a, b) => a - b);
        assert.deepEqual(covered.sort((a, b) => a - b), expected);
      },
    ),
    { seed: 41, numRuns: 300 },
  );
});

test('topRegions: an axis of another length is refused', () => {
  assert.throws(() => topRegions([1, 2, 3], [1, 2], 0.5), { name: 'RangeError', message: /'axis'/ });
});
