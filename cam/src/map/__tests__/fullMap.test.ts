import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { coarseMaps } from '../coarseMaps.js';
import { fullMap } from '../fullMap.js';
import { camBasis } from '../camBasis.js';
import { createCamInterpolator } from '../camInterpolator.js';
import { quadraticInterpolate } from '../../spline/quadraticInterpolate.js';

const M = 4; // channels (64 in the model; fewer keeps the properties quick)
const C = 3;
const N3 = 7;
const P = 30;
const centres = Array.from({ length: N3 }, (_, j) => 1.5 + 4 * j);
const basis = camBasis(centres, P);
const grid = Array.from({ length: P }, (_, i) => i);

const feature = fc.float64Array({ minLength: M * N3, maxLength: M * N3, min: 0, max: 10, noNaN: true });
const weights = fc.float64Array({ minLength: C * M, maxLength: C * M, min: -3, max: 3, noNaN: true });

function mapOf(conv3: Float64Array, w: Float64Array, c: number): Float64Array {
  return fullMap(coarseMaps(conv3, w, N3).subarray(c * N3, (c + 1) * N3), basis, N3, P);
}

test('coarseMaps: each class row is the weighted sum of the Conv3 channels', () => {
  const conv3 = Float32Array.from({ length: M * N3 }, (_, k) => (k % 5) + 1);
  const w = Float32Array.from({ length: C * M }, (_, k) => k - 4);
  const out = coarseMaps(conv3, w, N3);
  assert.equal(out.length, C * N3);
  for (let c = 0; c < C; c++) {
    for (let x = 0; x < N3; x++) {
      let s = 0;
      for (let i = 0; i < M; i++) s += w[c * M + i]! * conv3[i * N3 + x]!;
      assert.equal(out[c * N3 + x], s);
    }
  }
});

test('fullMap: equals weighting the interpolated feature maps (study 2.2, independent route)', () => {
  fc.assert(
    fc.property(feature, weights, fc.integer({ min: 0, max: C - 1 }), (conv3, w, c) => {
      const got = mapOf(conv3, w, c);
      const expected = new Float64Array(P);
      for (let i = 0; i < M; i++) {
        const p = quadraticInterpolate(centres, conv3.subarray(i * N3, (i + 1) * N3), grid);
        for (let x = 0; x < P; x++) expected[x]! += w[c * M + i]! * p[x]!;
      }
      for (let x = 0; x < P; x++) assert.ok(Math.abs(got[x]! - expected[x]!) < 1e-9 * (1 + Math.abs(expected[x]!)));
    }),
    { seed: 11, numRuns: 50 },
  );
});

test('fullMap: linear in the feature maps, map(a f1 + b f2) = a map(f1) + b map(f2) (property)', () => {
  fc.assert(
    fc.property(feature, feature, weights, fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (f1, f2, w, a, b) => {
      const mixed = Float64Array.from(f1, (v, k) => a * v + b * f2[k]!);
      const left = mapOf(mixed, w, 0);
      const m1 = mapOf(f1, w, 0);
      const m2 = mapOf(f2, w, 0);
      for (let x = 0; x < P; x++) {
        const right = a * m1[x]! + b * m2[x]!;
        assert.ok(Math.abs(left[x]! - right) < 1e-8 * (1 + Math.abs(right)), `x=${x}: ${left[x]} vs ${right}`);
      }
    }),
    { seed: 12, numRuns: 100 },
  );
});

test('fullMap: the fast interpolator and the dense basis agree', () => {
  fc.assert(
    fc.property(fc.float64Array({ minLength: N3, maxLength: N3, min: -5, max: 5, noNaN: true }), (coarse) => {
      const dense = fullMap(coarse, basis, N3, P);
      const fast = createCamInterpolator(centres, P).interpolate(coarse);
      for (let x = 0; x < P; x++) assert.ok(Math.abs(dense[x]! - fast[x]!) < 1e-10);
    }),
    { seed: 13, numRuns: 50 },
  );
});

test('fullMap: a constant coarse map gives that constant everywhere (partition of unity)', () => {
  for (const alignment of ['receptive-field', 'stretch'] as const) {
    const b = camBasis(centres, P, alignment);
    const got = fullMap(new Float64Array(N3).fill(2.5), b, N3, P);
    for (const v of got) assert.ok(Math.abs(v - 2.5) < 1e-12, `${alignment}: ${v}`);
  }
});

test('coarseMaps and fullMap: lengths that disagree are refused, naming the parameter', () => {
  assert.throws(() => coarseMaps(new Float32Array(10), new Float32Array(6), 3), { name: 'RangeError', message: /'conv3'/ });
  assert.throws(() => coarseMaps(new Float32Array(12), new Float32Array(6), 3), { name: 'RangeError', message: /'weight'/ });
  assert.throws(() => fullMap(new Float64Array(6), basis, N3, P), { name: 'RangeError', message: /'coarse'/ });
  assert.throws(() => fullMap(new Float64Array(N3), basis, N3, P + 1), { name: 'RangeError', message: /'basis'/ });
  assert.throws(() => fullMap('x' as unknown as number[], basis, N3, P), { name: 'TypeError', message: /'coarse'/ });
});
