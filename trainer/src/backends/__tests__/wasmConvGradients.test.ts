import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../setBackend.js';

/** Deterministic pseudo-random values in [-1, 1) (a linear congruential generator). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

interface Case { batch: number; width: number; cin: number; cout: number; kernel: number; stride: number; pad: 'same' | 'valid' }

/** Gradients of sum(conv1d(x, f) * r) with respect to x and f, on the active backend. */
function gradients(c: Case, seed: number) {
  const x = tf.tensor3d(values(c.batch * c.width * c.cin, seed), [c.batch, c.width, c.cin]);
  const f = tf.tensor3d(values(c.kernel * c.cin * c.cout, seed + 1), [c.kernel, c.cin, c.cout]);
  const probe = tf.conv1d(x, f, c.stride, c.pad);
  const outShape = probe.shape;
  probe.dispose();
  const r = tf.tensor(values(outShape.reduce((a, b) => a * b, 1), seed + 2), outShape);
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, c.stride, c.pad), r)))([x, f]);
  const result = { dx: Float32Array.from(dx!.dataSync()), df: Float32Array.from(df!.dataSync()), dxShape: dx!.shape, dfShape: df!.shape };
  tf.dispose([x, f, r, dx!, df!]);
  return result;
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

const cases: Case[] = [];
for (const stride of [1, 2, 3]) {
  for (const kernel of [1, 4, 5, 21]) {
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ batch: 3, width: 47 + stride, cin: stride === 2 ? 1 : 6, cout: 5, kernel, stride, pad });
    }
  }
}
cases.push({ batch: 32, width: 448, cin: 1, cout: 16, kernel: 21, stride: 2, pad: 'same' });
cases.push({ batch: 7, width: 50, cin: 16, cout: 32, kernel: 11, stride: 2, pad: 'valid' });

test('wasm conv gradients: input and filter gradients match the cpu backend within 1e-4 (strides 1-3, odd/even kernels, same/valid)', async () => {
  const reference: ReturnType<typeof gradients>[] = [];
  await setBackend('cpu');
  for (const [i, c] of cases.entries()) reference.push(gradients(c, 11 * i + 1));
  await setBackend('wasm');
  for (const [i, c] of cases.entries()) {
    const got = gradients(c, 11 * i + 1);
    const want = reference[i]!;
    const label = JSON.stringify(c);
    assert.deepEqual(got.dxShape, want.dxShape, `dx shape ${label}`);
    assert.deepEqual(got.dfShape, want.dfShape, `df shape ${label}`);
    assert.ok(relativeError(got.dx, want.dx) <= 1e-4, `dx relative error ${relativeError(got.dx, want.dx)} for ${label}`);
    assert.ok(relativeError(got.df, want.df) <= 1e-4, `df relative error ${relativeError(got.df, want.df)} for ${label}`);
  }
});

test('wasm conv gradients: no tensors leak from the kernels', async () => {
  await setBackend('wasm');
  const c = cases[5]!;
  gradients(c, 3);
  // The kernels' intermediates live below the engine: count the backend's buffers.
  const before = tf.backend().numDataIds();
  gradients(c, 3);
  assert.equal(tf.backend().numDataIds(), before);
});
