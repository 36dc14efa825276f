import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sgg } from 'ml-savitzky-golay-generalized';
import { savitzkyGolayKernel } from '../savitzkyGolayKernel.js';
import { closestSavitzkyGolay } from '../closestSavitzkyGolay.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => Array.from(a).every((v, i) => Math.abs(v - b[i]!) < tol);

test('savitzkyGolayKernel: the textbook 5-point quadratic smoother and first derivative (Savitzky & Golay 1964)', () => {
  assert.ok(close(savitzkyGolayKernel(5, 2, 0), [-3, 12, 17, 12, -3].map((v) => v / 35)));
  assert.ok(close(savitzkyGolayKernel(5, 2, 1), [-2, -1, 0, 1, 2].map((v) => v / 10)));
});

test('savitzkyGolayKernel: equals the interior weights of ml-savitzky-golay-generalized for windows 5..11, orders 2..4, derivatives 0..2', () => {
  for (let window = 5; window <= 11; window += 2) {
    for (let order = 2; order <= 4; order++) {
      for (let derivative = 0; derivative <= 2; derivative++) {
        const n = 3 * window;
        const impulse = (k: number) => Float64Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));
        // Output at the centre position c from an impulse at c + t - half is the weight of tap t.
        const c = Math.floor(n / 2);
        const half = (window - 1) / 2;
        const weights = Array.from({ length: window }, (_, t) => sgg(impulse(c + t - half), 1, { windowSize: window, polynomial: order, derivative })[c]!);
        assert.ok(close(savitzkyGolayKernel(window, order, derivative), weights, 1e-9), `window ${window} order ${order} derivative ${derivative}`);
      }
    }
  }
});

test('closestSavitzkyGolay: finds an SG kernel hidden in a longer kernel with the opposite sign, cosine 1', () => {
  const sg = savitzkyGolayKernel(5, 3, 1);
  const kernel = [0, ...Array.from(sg, (v) => -2 * v), 0];
  const match = closestSavitzkyGolay(kernel);
  assert.equal(match.window, 5);
  assert.equal(match.derivative, 1);
  assert.ok(match.cosine > 1 - 1e-9);
});

test('closestSavitzkyGolay: a random kernel matches with cosine below 1 and the padded coefficients have its length', () => {
  const kernel = [0.3, -0.8, 0.1, 0.9, -0.4, 0.2, -0.7];
  const match = closestSavitzkyGolay(kernel);
  assert.equal(match.coefficients.length, kernel.length);
  assert.ok(match.cosine > 0 && match.cosine < 1);
});
