import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCamInterpolator } from '../../map/camInterpolator.js';
import { minMaxScale } from '../../map/minMaxScale.js';
import { RankSketch, sketchMap } from '../rankSketch.js';
import { sketchThreshold, topThreshold } from '../selectTop.js';
import { regionsAbove, topRegions } from '../topRegions.js';
import { topCount } from '../topCount.js';
import { createTopSummary, summaryFromSketch } from '../topSummary.js';

// Coarse maps like trained CAMs: a few bumps on a baseline, or noise; with plateaus and ties.
const coarseMaps = fc.oneof(
  fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 20, maxLength: 20 }),
  fc.record({ at: fc.integer({ min: 0, max: 19 }), width: fc.double({ min: 0.5, max: 6, noNaN: true }), height: fc.double({ min: 0.1, max: 50, noNaN: true }) }).map(
    ({ at, width, height }) => Array.from({ length: 20 }, (_, j) => height * Math.exp(-(((j - at) / width) ** 2))),
  ),
  fc.array(fc.constantFrom(0, 1, 2), { minLength: 20, maxLength: 20 }),
);

const p = 81;
const centres = Array.from({ length: 20 }, (_, j) => 2 + 4 * j);
const axis = Array.from({ length: p }, (_, i) => 400 + 2 * i);

test('interpolateRanked: the same map as interpolate, with its range, first maximum and a histogram that ranks it like topThreshold (property)', () => {
  const interpolator = createCamInterpolator(centres, p);
  const sketch = new RankSketch(p);
  fc.assert(
    fc.property(coarseMaps, fc.double({ min: 0.01, max: 1, noNaN: true }), (coarse, fraction) => {
      const values = Float32Array.from(coarse);
      const expected = interpolator.interpolate(values);
      const out = interpolator.interpolateRanked(values, 0, new Float64Array(p), sketch);
      assert.deepEqual(out, expected);
      const min = Math.min(...expected);
      const max = Math.max(...expected);
      assert.equal(sketch.ok, max > min);
      if (!sketch.ok) return;
      assert.equal(sketch.min, min);
      assert.equal(sketch.max, max);
      assert.equal(sketch.peakIndex, expected.indexOf(max));
      assert.equal(sketch.counts.reduce((a, b) => a + b, 0), p);
      const k = topCount(p, fraction);
      const exact = { ...topThreshold(expected, k) };
      assert.deepEqual({ ...sketchThreshold(out, k, sketch) }, exact);
    }),
  );
});

test('regionsAbove with the sketch threshold finds the regions topRegions finds, and min-max scaling changes only their scores (property)', () => {
  const interpolator = createCamInterpolator(centres, p);
  const sketch = new RankSketch(p);
  fc.assert(
    fc.property(coarseMaps, fc.double({ min: 0.01, max: 1, noNaN: true }), (coarse, fraction) => {
      const raw = interpolator.interpolateRanked(Float32Array.from(coarse), 0, new Float64Array(p), sketch);
      if (!sketch.ok) return;
      const k = topCount(p, fraction);
      const { threshold, above } = sketchThreshold(raw, k, sketch);
      const fromSketch = regionsAbove(raw, axis, threshold, k - above);
      assert.deepEqual(fromSketch, topRegions(raw, axis, fraction));
      // Scaling keeps the order; only rounding can tie two values, which the raw map ranks apart.
      const scaled = minMaxScale(raw);
      for (const r of fromSketch) {
        const mean = scaled.slice(r.startIndex, r.endIndex + 1).reduce((a, b) => a + b, 0) / (r.endIndex - r.startIndex + 1);
        assert.ok(Math.abs((r.score - sketch.min) / (sketch.max - sketch.min) - mean) < 1e-12);
      }
    }),
  );
});

test('sketchMap: refuses maps with NaN, infinity or no range, and sketches the rest', () => {
  const sketch = new RankSketch(4);
  assert.equal(sketchMap(Float64Array.from([0, NaN, 1, 2]), sketch).ok, false);
  assert.equal(sketchMap(Float64Array.from([0, Infinity, 1, 2]), sketch).ok, false);
  assert.equal(sketchMap(Float64Array.from([3, 3, 3, 3]), sketch).ok, false);
  const map = Float64Array.from([0, 5, 1, 5]);
  assert.equal(sketchMap(map, sketch).ok, true);
  assert.deepEqual([sketch.min, sketch.max, sketch.peakIndex], [0, 5, 1]);
  assert.deepEqual({ ...sketchThreshold(map, 2, sketch) }, { ...topThreshold(map, 2) });
  const summary = summaryFromSketch(map, 2, sketch, createTopSummary());
  assert.deepEqual(summary, { min: 0, max: 5, peakIndex: 1, ok: true, ...topThreshold(map, 2) });
  assert.equal(summaryFromSketch(map, 2, sketchMap(Float64Array.from([1, 1, 1, 1]), sketch), createTopSummary()).ok, false);
});

