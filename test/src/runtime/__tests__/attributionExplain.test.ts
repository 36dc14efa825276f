import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';

const p = 120;
const spectra = Array.from({ length: 5 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 2) * j * 0.05) + 0.3 * Math.exp(-((j - 20 * i - 20) ** 2) / 30)));

test('explain: every attribution method gives magnitude-scaled maps (|v| / max |v|) of the output the file carries, with regions, for the predicted class', async () => {
  const built = await testModel({ p, seed: 7, attributions: ['gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'] });
  const model = await loadModel(built.bytes);
  assert.deepEqual(model.methods, ['cam', 'gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'], 'the methods the file offers');
  const session = await ort.InferenceSession.create(built.bytes);
  const raw = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.flatMap((s) => Array.from(s))), [5, p]) });
  for (const [method, output] of [['gradient', 'gradient'], ['gradient-x-input', 'gradient_x_input'], ['guided-gradcam', 'guided_gradcam'], ['contribution', 'contribution']] as const) {
    const explained = await model.explain(spectra, { method, full: true });
    const data = raw[output]!.data as Float32Array;
    explained.forEach((e, i) => {
      const m = e.maps[0]!;
      assert.equal(m.class, e.predicted);
      const row = data.subarray((i * 3 + e.predictedIndex) * p, (i * 3 + e.predictedIndex + 1) * p);
      const magnitude = Array.from(row, Math.abs);
      const hi = Math.max(...magnitude);
      const worst = Math.max(...Array.from(m.map!, (v, j) => Math.abs(v - magnitude[j]! / hi)));
      assert.ok(worst < 1e-6, `${method}: map ${i} differs from the scaled output by ${worst}`);
      assert.equal(m.peakIndex, magnitude.indexOf(hi));
      assert.ok(m.map!.some((v) => v === 0) || Math.min(...magnitude) > 0, `${method}: a zero attribution must stay zero`);
      assert.ok(m.regions.length > 0 && m.regions.some((r) => r.startIndex <= m.peakIndex && m.peakIndex <= r.endIndex));
    });
  }
  const all = await model.explain(spectra.slice(0, 1), { method: 'gradient', class: 'all' });
  assert.deepEqual(all[0]!.maps.map((m) => m.class), model.classes);
  await session.release();
  await model.dispose();
});

test('explain: a method whose output the file lacks is refused with the export command that adds it', async () => {
  const built = await testModel({ p, seed: 7 });
  const model = await loadModel(built.bytes);
  assert.deepEqual(model.methods, ['cam'], 'a file without attribution outputs offers the CAM only');
  await assert.rejects(model.explain(spectra, { method: 'gradient-x-input' }), /no 'gradient_x_input' output.*spectracam export RUN --attributions gradient-x-input/);
  await model.dispose();
});
