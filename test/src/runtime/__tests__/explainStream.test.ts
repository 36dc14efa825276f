import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';

/** JS heap plus typed-array buffers (kept outside the V8 heap, so heapUsed alone misses spectra). */
function heldBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const p = 200;
const built = await testModel({ p, classes: ['a', 'b', 'c'], seed: 5, spec: { kernels: [7, 5, 3], strides: [2, 2, 2], padding: 'same' } });

/** Spectrum i of an endless seeded stream, made when asked for: nothing is kept. */
function* generated(n: number): Generator<Float32Array> {
  for (let i = 0; i < n; i++) {
    const at = (i * 37) % p;
    yield Float32Array.from({ length: p }, (_, j) => 0.1 + Math.exp(-(((j - at) / 6) ** 2)) + 0.001 * ((i + j) % 7));
  }
}

test('explainStream: gives the same explanations as explain, in order, across batch edges', async () => {
  const model = await loadModel(built.bytes, { batchSize: 16 });
  const x = [...generated(40)];
  const streamed = [];
  for await (const e of model.explainStream(x, { class: 'all', full: true })) streamed.push(e);
  assert.deepEqual(streamed, await model.explain(x, { class: 'all', full: true }));
  await model.dispose();
});

test('explainStream: a bad spectrum is named by its index in the whole stream', async () => {
  const model = await loadModel(built.bytes, { batchSize: 16 });
  const x = [...generated(40)];
  x[33] = x[33]!.subarray(1);
  await assert.rejects(async () => {
    for await (const _ of model.explainStream(x)) void _;
  }, /spectrum 33 has 199 values/);
  await model.dispose();
});

test('explainStream: 20 000 spectra made on the fly keep heap growth bounded', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const model = await loadModel(built.bytes, { batchSize: 256 });
  // Warm up (basis cache, session arenas) before the baseline.
  for await (const _ of model.explainStream(generated(512), { full: true })) void _;
  gc();
  const before = heldBytes();
  let n = 0;
  let peak = 0;
  let growth = 0;
  // Measured while the stream runs: a stream that gathered its input or output first would show here.
  for await (const e of model.explainStream(generated(20_000), { full: true })) {
    n++;
    peak += e.maps[0]!.map![e.maps[0]!.peakIndex]!;
    if (n % 2000 === 0) {
      gc();
      growth = Math.max(growth, (heldBytes() - before) / 2 ** 20);
    }
  }
  assert.equal(n, 20_000);
  assert.equal(peak, 20_000); // every scaled map peaks at exactly 1
  // Keeping the 20 000 full maps alone would take 20 000 x 200 x 8 B = 30 MiB.
  assert.ok(growth < 8, `heap grew by ${growth.toFixed(1)} MiB`);
  await model.dispose();
});
