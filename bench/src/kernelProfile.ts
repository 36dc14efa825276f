/**
 * Where a training step's time goes, per TensorFlow.js kernel (2 steps, batch 32, 1733 variables,
 * kernels 21,11,5, strides 2,2,1):
 *
 *   node --conditions=source --import tsx bench/src/kernelProfile.ts [wasm|cpu]
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildModel, setBackend, trainEpoch } from '@spectracam/trainer';
await setBackend((process.argv[2] ?? 'wasm') as 'wasm');
const p = 1733;
const n = 64;
const spectra = Array.from({ length: n }, (_, i) => Float32Array.from({ length: p }, (_, j) => Math.sin(i * 0.1 + j * 0.01)));
const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
const model = buildModel({ inputLength: p, classes: 2, l2: 1e-3, seed: 1, kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' });
const opt = tf.train.adam(1e-3);
const order = Array.from({ length: n }, (_, i) => i);
await trainEpoch(model, opt, { spectra, labels, classes: 2 }, order, 32);
const info = await tf.profile(async () => { await trainEpoch(model, opt, { spectra, labels, classes: 2 }, order, 32); });
const by = new Map<string, number>();
for (const k of info.kernels) by.set(k.name, (by.get(k.name) ?? 0) + (k.kernelTimeMs as number));
const total = [...by.values()].reduce((a, b) => a + b);
console.log('total kernel ms per 2 steps', total.toFixed(1));
for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(k.padEnd(24), v.toFixed(1), (100 * v / total).toFixed(1) + '%');
