import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { bandTables } from '@spectracam/cam';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';
import { runPython, skipWithoutPython } from '../../support/python.js';

const p = 150;
const built = await testModel({ p, classes: ['a', 'b'], seed: 21, spec: { kernels: [9, 7, 5], strides: [2, 2, 2], padding: 'same' } });
const axis = built.record.data.axis;
const oracle = fileURLToPath(new URL('../../../../scripts/fixtures/cam_oracle.py', import.meta.url));

function spectra(n: number, seed = 1): Float32Array[] {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, () => {
    const peaks = [0, 1, 2, 3].map(() => ({ at: rand() * p, h: rand() }));
    return Float32Array.from({ length: p }, (_, j) => 0.1 + peaks.reduce((sum, k) => sum + k.h * Math.exp(-(((j - k.at) / 5) ** 2)), 0));
  });
}

/** conv3 of the tfjs model (channels-last there), as [64][N3] per spectrum. */
function tfjsConv3(x: Float32Array[]): number[][][] {
  const sub = tfl.model({ inputs: built.model.inputs, outputs: built.model.getLayer('conv3').output as tfl.SymbolicTensor });
  const out = (sub.predict(tf.tensor3d(x.map((r) => [...r].map((v) => [v])))) as tf.Tensor).arraySync() as number[][][];
  return out.map((m) => m[0]!.map((_, k) => m.map((row) => row[k]!)));
}

for (const alignment of ['receptive-field', 'stretch'] as const) {
  test(`explain: ${alignment} maps equal conv3 x classifier weights interpolated by SciPy within 1e-5`, async (t) => {
    if (skipWithoutPython(t, ['scipy', 'numpy'])) return;
    const x = spectra(6, alignment.length);
    const model = await loadModel(built.bytes);
    const explained = await model.explain(x, { class: 'all', full: true, alignment });
    const n3 = built.record.model.geometry.layers[2].outputLength;
    const knots =
      alignment === 'stretch'
        ? Array.from({ length: n3 }, (_, i) => (i * (p - 1)) / (n3 - 1))
        : built.record.model.geometry.layers[2].centres;
    const conv3 = tfjsConv3(x);
    const weight = Array.from({ length: 2 }, (_, c) => Array.from(model.classifier.weight.subarray(c * 64, (c + 1) * 64)));
    const request = { conv3: [...conv3, ...conv3], weight, classes: [...x.map(() => 0), ...x.map(() => 1)], knots, p };
    const expected = runPython<number[][]>(oracle, request);
    explained.forEach((e, i) => {
      for (const c of [0, 1]) {
        const map = e.maps[c]!.map!;
        const want = expected[c * x.length + i]!;
        const worst = Math.max(...want.map((v, j) => Math.abs(v - map[j]!)));
        assert.ok(worst < 1e-5, `spectrum ${i} class ${c}: max difference ${worst}`);
      }
    });
    await model.dispose();
  });
}

test('explain: the scaled map lies in [0, 1], peaks at 1 and its top regions hold the top 10 % of variables', async () => {
  const model = await loadModel(built.bytes);
  for (const e of await model.explain(spectra(5, 4), { full: true, top: 0.1 })) {
    assert.equal(e.maps.length, 1);
    const m = e.maps[0]!;
    assert.equal(m.class, e.predicted);
    assert.ok(m.map!.every((v) => v >= 0 && v <= 1));
    assert.equal(m.map![m.peakIndex], 1);
    assert.equal(m.peak, axis[m.peakIndex]);
    const covered = m.regions.reduce((n, r) => n + r.endIndex - r.startIndex + 1, 0);
    assert.equal(covered, Math.round(0.1 * p));
    assert.ok(m.regions.some((r) => r.startIndex <= m.peakIndex && m.peakIndex <= r.endIndex));
  }
  await model.dispose();
});

test('explain: class all gives one map per class, a class name gives that class, an unknown name is refused', async () => {
  const model = await loadModel(built.bytes);
  const x = spectra(2, 8);
  const all = await model.explain(x, { class: 'all' });
  assert.deepEqual(all[0]!.maps.map((m) => m.class), ['a', 'b']);
  assert.equal(all[0]!.maps[0]!.map, undefined);
  const b = (await model.explain(x, { class: 'b', full: true }))[1]!.maps[0]!;
  const fromAll = (await model.explain(x, { class: 'all', full: true }))[1]!.maps[1]!;
  assert.equal(b.class, 'b');
  // Two graphs compute the coarse maps (one class gathered first, or every class): the same sums
  // in float32, in a different order.
  const gap = Math.max(...b.map!.map((v, i) => Math.abs(v - fromAll.map![i]!)));
  assert.ok(gap < 1e-5, `the map of class b differs from its map among all classes by ${gap}`);
  await assert.rejects(model.explain(x, { class: 'nope' }), /class 'nope' is not one of the model's classes: a, b/);
  await model.dispose();
});

test('explain: with a band table, regions near a known band carry its name', async () => {
  // An axis around the study's 1740 cm-1 fat band, so some region can be named.
  const near = await testModel({ p: 100, classes: ['a', 'b'], seed: 2, axis: Array.from({ length: 100 }, (_, i) => 1600 + 2 * i) });
  const model = await loadModel(near.bytes);
  const [e] = await model.explain(spectra(1, 3).map((r) => r.subarray(0, 100)), { class: 'all', bands: bandTables.midIr, top: 0.5 });
  const named = e!.maps.flatMap((m) => m.regions).filter((r) => r.band);
  assert.ok(named.length > 0, 'a region covering half the axis names a band');
  for (const r of named) assert.equal(typeof r.band!.name, 'string');
  await model.dispose();
});
