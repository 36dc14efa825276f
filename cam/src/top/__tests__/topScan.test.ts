import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCamInterpolator } from '../../map/camInterpolator.js';
import { createQuadraticInterpolator } from '../../spline/quadraticInterpolator.js';
import { minMaxScale } from '../../map/minMaxScale.js';
import { bracketHolds, scanMap, TopScan } from '../topScan.js';
import { scanThreshold, topThreshold } from '../selectTop.js';
import { regionsFromScan, topRegions } from '../topRegions.js';
import { topCount } from '../topCount.js';
import { createTopSummary, summaryFromScan } from '../topSummary.js';

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

/** The indices whose values exceed `floor`, ascending. */
const indicesAbove = (map: Float64Array, floor: number) => Array.from(map.keys()).filter((q) => map[q]! > floor);

test('interpolateScanned: the same map as interpolate, with its range, first maximum and a bracket that holds the top k (property)', () => {
  const interpolator = createCamInterpolator(centres, p);
  const scan = new TopScan(p);
  fc.assert(
    fc.property(coarseMaps, fc.double({ min: 0.01, max: 1, noNaN: true }), (coarse, fraction) => {
      const values = Float32Array.from(coarse);
      const k = topCount(p, fraction);
      const expected = interpolator.interpolate(values);
      const out = interpolator.interpolateScanned(values, 0, new Float64Array(p), k, scan);
      assert.deepEqual(out, expected);
      const min = Math.min(...expected);
      const max = Math.max(...expected);
      assert.equal(scan.ok, max > min);
      if (!scan.ok) return;
      assert.deepEqual([scan.min, scan.max, scan.peakIndex], [min, max, expected.indexOf(max)]);
      // The scan's invariants: its indices are exactly the values above the floor, `above` counts
      // the values above the ceiling, and the k-th largest lies between the two.
      assert.deepEqual(Array.from(scan.indices.subarray(0, scan.count)), indicesAbove(expected, scan.floor));
      assert.equal(scan.above, indicesAbove(expected, scan.ceiling).length);
      assert.ok(bracketHolds(scan, k));
      const exact = { ...topThreshold(expected, k) };
      assert.ok(scan.floor < exact.threshold && exact.threshold <= scan.ceiling);
      assert.deepEqual({ ...scanThreshold(out, k, scan) }, exact);
      // The pruned pass: the same scan, and the same values wherever the scan points.
      const whole = { ...scan, indices: Array.from(scan.indices.subarray(0, scan.count)) };
      const pruned = interpolator.interpolateScanned(values, 0, new Float64Array(p).fill(NaN), k, scan, false);
      assert.deepEqual({ ...scan, indices: Array.from(scan.indices.subarray(0, scan.count)) }, whole);
      for (const q of whole.indices) assert.equal(pruned[q], expected[q]);
      assert.deepEqual({ ...scanThreshold(pruned, k, scan) }, exact);
    }),
  );
});

test('regionsFromScan finds the regions topRegions finds, and min-max scaling changes only their scores (property)', () => {
  const interpolator = createCamInterpolator(centres, p);
  const scan = new TopScan(p);
  fc.assert(
    fc.property(coarseMaps, fc.double({ min: 0.01, max: 1, noNaN: true }), (coarse, fraction) => {
      const k = topCount(p, fraction);
      const raw = interpolator.interpolateScanned(Float32Array.from(coarse), 0, new Float64Array(p), k, scan);
      if (!scan.ok) return;
      const { threshold, above } = scanThreshold(raw, k, scan);
      const fromScan = regionsFromScan(raw, axis, scan, threshold, k - above);
      assert.deepEqual(fromScan, topRegions(raw, axis, fraction));
      // Scaling keeps the order; only rounding can tie two values, which the raw map ranks apart.
      const scaled = minMaxScale(raw);
      for (const r of fromScan) {
        const mean = scaled.slice(r.startIndex, r.endIndex + 1).reduce((a, b) => a + b, 0) / (r.endIndex - r.startIndex + 1);
        assert.ok(Math.abs((r.score - scan.min) / (scan.max - scan.min) - mean) < 1e-12);
      }
    }),
    // Found by this property: values 1e10 bracket widths above the ceiling, whose bin number
    // overflowed int32 and wrapped negative.
    { examples: [[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5.5246435650857696e-18, 0, 0, 0, 0, 0, 0, -3.602435949372207e-12, 0, 0], 0.34567901235802473]] },
  );
});

test('interpolateScanned: on smooth maps the bracket leaves most of the map out, and one that misses is widened', () => {
  const n = 434;
  const length = 1733;
  const interpolator = createCamInterpolator(Array.from({ length: n }, (_, j) => 10 + 4 * j), length);
  const scan = new TopScan(length);
  const k = topCount(length, 0.1);
  let candidates = 0;
  for (let s = 0; s < 50; s++) {
    const coarse = Float32Array.from({ length: n }, (_, j) => Math.exp(-(((j - 7 * s) / (4 + s)) ** 2)) + 0.3 * Math.sin(j / (3 + s)));
    const out = interpolator.interpolateScanned(coarse, 0, new Float64Array(length), k, scan);
    candidates += scan.count;
    const exact = { ...topThreshold(out, k) };
    assert.deepEqual({ ...scanThreshold(out, k, scan) }, exact);
    const pruned = interpolator.interpolateScanned(coarse, 0, new Float64Array(length).fill(NaN), k, scan, false);
    assert.deepEqual({ ...scanThreshold(pruned, k, scan) }, exact);
    assert.deepEqual([scan.min, scan.max], [Math.min(...out), Math.max(...out)]);
  }
  // About 1.3 k candidates per map when the bracket holds; the whole map when it is widened.
  assert.ok(candidates / 50 < 2 * k, `mean candidates ${candidates / 50} for k = ${k}`);
  // Isolated spikes: 18 knot samples at 1 put the ceiling just above 0, but the spline spreads
  // each spike over its neighbours, so k or more values exceed it. The pass must widen to stay exact.
  const spikes = Float32Array.from({ length: n }, (_, j) => (j % 25 === 0 ? 1 : 0));
  const out = interpolator.interpolateScanned(spikes, 0, new Float64Array(length), k, scan);
  assert.deepEqual([scan.count, scan.floor, scan.ceiling, scan.above], [length, -Infinity, Infinity, 0]);
  assert.deepEqual({ ...scanThreshold(out, k, scan) }, { ...topThreshold(out, k) });
  // A pruned pass that misses fills in the whole map before widening.
  const pruned = interpolator.interpolateScanned(spikes, 0, new Float64Array(length).fill(NaN), k, scan, false);
  assert.deepEqual(pruned, out);
  assert.equal(scan.count, length);
});

test('scanMap: refuses maps with NaN, infinity or no range, and scans the rest with the widest bracket', () => {
  const scan = new TopScan(4);
  assert.equal(scanMap(Float64Array.from([0, NaN, 1, 2]), scan).ok, false);
  assert.equal(scanMap(Float64Array.from([0, Infinity, 1, 2]), scan).ok, false);
  assert.equal(scanMap(Float64Array.from([3, 3, 3, 3]), scan).ok, false);
  const map = Float64Array.from([0, 5, 1, 5]);
  assert.equal(scanMap(map, scan).ok, true);
  assert.deepEqual([scan.min, scan.max, scan.peakIndex, scan.count, scan.above], [0, 5, 1, 4, 0]);
  assert.deepEqual({ ...scanThreshold(map, 2, scan) }, { ...topThreshold(map, 2) });
  const summary = summaryFromScan(map, 2, scan, createTopSummary());
  assert.deepEqual(summary, { min: 0, max: 5, peakIndex: 1, ok: true, ...topThreshold(map, 2) });
  assert.equal(summaryFromScan(map, 2, scanMap(Float64Array.from([1, 1, 1, 1]), scan), createTopSummary()).ok, false);
});

test('interpolateScanned: a NaN or an infinity among the knot values gives a scan that is not ok, whole or pruned', () => {
  const interpolator = createCamInterpolator(centres, p);
  const scan = new TopScan(p);
  for (const bad of [NaN, Infinity, -Infinity]) {
    const values = Float32Array.from({ length: 20 }, (_, j) => (j === 7 ? bad : Math.sin(j)));
    for (const complete of [true, false]) {
      const out = interpolator.interpolateScanned(values, 0, new Float64Array(p), topCount(p, 0.1), scan, complete);
      assert.equal(scan.ok, false, `${bad}, complete ${complete}`);
      assert.deepEqual(out, interpolator.interpolate(values));
    }
  }
});

test('interpolateScanned: values piled near zero under a few strong peaks do not all enter the bracket', () => {
  // The shape of many trained maps: most Conv3 positions near zero, a few strong peaks, a deep
  // trough. The bracket's floor falls in the histogram bin of the pile; placing it inside that
  // bin keeps the candidates near k instead of the whole pile.
  const n = 434;
  const length = 1733;
  const interpolator = createCamInterpolator(Array.from({ length: n }, (_, j) => 10 + 4 * j), length);
  const scan = new TopScan(length);
  const k = topCount(length, 0.1);
  for (let s = 0; s < 20; s++) {
    const coarse = Float32Array.from({ length: n }, (_, j) => {
      const peaks = 160 * Math.exp(-(((j - 40 - 13 * s) / 3) ** 2)) + 40 * Math.exp(-(((j - 300) / 6) ** 2)) - 100 * Math.exp(-(((j - 200) / 2) ** 2));
      return peaks + 5 * Math.exp(-(((j - 120) / 25) ** 2)) + 0.3 * Math.sin(j * (1 + s));
    });
    const out = interpolator.interpolateScanned(coarse, 0, new Float64Array(length), k, scan);
    assert.ok(scan.count < 2 * k, `map ${s}: ${scan.count} candidates for k = ${k}`);
    assert.deepEqual({ ...scanThreshold(out, k, scan) }, { ...topThreshold(out, k) });
  }
});

test('interpolateScanned: knots given out of order give the same map, scan and threshold as sorted knots', () => {
  const order = Array.from({ length: 20 }, (_, j) => (j * 7) % 20);
  const query = Array.from({ length: p }, (_, i) => i);
  const shuffled = createQuadraticInterpolator(order.map((j) => centres[j]!), query);
  const sorted = createQuadraticInterpolator(centres, query);
  const [a, b] = [new TopScan(p), new TopScan(p)];
  fc.assert(
    fc.property(coarseMaps, fc.boolean(), (coarse, complete) => {
      const values = Float32Array.from(coarse);
      const k = topCount(p, 0.1);
      const expected = sorted.interpolateScanned(values, 0, new Float64Array(p), k, a, complete);
      const out = shuffled.interpolateScanned(Float32Array.from(order, (j) => values[j]!), 0, new Float64Array(p), k, b, complete);
      assert.equal(b.ok, a.ok);
      if (!a.ok) return;
      assert.deepEqual([b.min, b.max, b.peakIndex, b.count], [a.min, a.max, a.peakIndex, a.count]);
      for (const q of a.indices.subarray(0, a.count)) assert.equal(out[q], expected[q]);
      assert.deepEqual({ ...scanThreshold(out, k, b) }, { ...scanThreshold(expected, k, a) });
    }),
  );
});
