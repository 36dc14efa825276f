import { test } from 'node:test';
import assert from 'node:assert/strict';
import { camKnots } from '../camKnots.js';
import { camBasis } from '../camBasis.js';
import { createCamInterpolator } from '../camInterpolator.js';
import { quadraticSplineBasis } from '../../spline/quadraticSplineBasis.js';

const centres = [1.5, 5.5, 9.5, 13.5, 17.5];

test('camKnots: receptive-field alignment keeps the recorded centres', () => {
  assert.deepEqual(Array.from(camKnots(centres, 20, 'receptive-field')), centres);
  assert.deepEqual(Array.from(camKnots(centres, 20)), centres, 'receptive-field is the default');
});

test('camKnots: stretch alignment spreads N3 knots evenly from 0 to p-1', () => {
  const k = camKnots(centres, 21, 'stretch');
  assert.equal(k.length, 5);
  assert.equal(k[0], 0);
  assert.equal(k[4], 20);
  for (let i = 1; i < 5; i++) assert.equal(k[i]! - k[i - 1]!, 5);
});

test('camBasis: equals the quadratic spline basis of the knots at every input index', () => {
  const b = camBasis(centres, 20, 'receptive-field');
  const ref = quadraticSplineBasis(centres, Array.from({ length: 20 }, (_, i) => i));
  assert.deepEqual(Array.from(b), Array.from(ref));
  // Before the first centre the map is clamped to the first position's value.
  assert.equal(b[0 * 20 + 0], 1);
  assert.equal(b[1 * 20 + 0], 0);
});

test('camBasis: one or two Conv3 positions give a constant or a clamped line', () => {
  assert.deepEqual(Array.from(camBasis([3], 4)), [1, 1, 1, 1]);
  const b = camBasis([1, 3], 5);
  assert.deepEqual(Array.from(b.subarray(0, 5)), [1, 1, 0.5, 0, 0]);
  assert.deepEqual(Array.from(b.subarray(5)), [0, 0, 0.5, 1, 1]);
  assert.deepEqual(Array.from(createCamInterpolator([1, 3], 5).interpolate([2, 4])), [2, 2, 3, 4, 4]);
});

test('camKnots: bad alignment, decreasing centres and bad lengths are refused', () => {
  assert.throws(() => camKnots(centres, 20, 'nearest' as 'stretch'), { name: 'RangeError', message: /'alignment'/ });
  assert.throws(() => camKnots([3, 2, 5], 20), { name: 'RangeError', message: /'centres' must increase/ });
  assert.throws(() => camKnots(centres, 0), { name: 'RangeError', message: /'inputLength'/ });
  assert.throws(() => camKnots([], 10), { name: 'RangeError', message: /'centres'/ });
  assert.throws(() => camKnots(null as unknown as number[], 10), { name: 'TypeError', message: /'centres'/ });
});

test('camBasis: a Conv3 peak lands on its receptive-field centre; stretch moves it when centres are offset', () => {
  // Stride-4 model with padding: centres 7.5, 11.5, ... leave the input's ends uncovered.
  const p = 100;
  const rf = Array.from({ length: 20 }, (_, j) => 7.5 + 4 * j);
  const j = 12;
  const argmaxRow = (b: Float64Array) => {
    let best = 0;
    for (let x = 1; x < p; x++) if (b[j * p + x]! > b[j * p + best]!) best = x;
    return best;
  };
  const rfPeak = argmaxRow(camBasis(rf, p, 'receptive-field'));
  assert.ok(Math.abs(rfPeak - rf[j]!) <= 0.5, `peak at ${rfPeak}, centre ${rf[j]}`);
  const stretchPeak = argmaxRow(camBasis(rf, p, 'stretch'));
  assert.ok(Math.abs(stretchPeak - (j * (p - 1)) / 19) <= 0.5, `stretch peak at ${stretchPeak}`);
  assert.notEqual(stretchPeak, rfPeak);
});
