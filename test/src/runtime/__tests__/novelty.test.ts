import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { loadModel } from '@spectracam/runtime';
import { METADATA_KEYS, TENSORS } from '@spectracam/format';
import { decodeModel, onnx } from '@spectracam/format/onnx';
import { testModel } from '../../support/testModel.js';

const p = 96;
const built = await testModel({ p, classes: ['x', 'y', 'z'], seed: 3, attributions: ['gradient'] });
const spectra = Array.from({ length: 7 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.3 * Math.sin((i + 1) * j * 0.05) + (i === 6 ? 5 * Math.cos(j) : 0)));

async function graphNovelty(bytes: Uint8Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ spectra: new ort.Tensor('float32', Float32Array.from(spectra.flatMap((s) => Array.from(s))), [spectra.length, p]) }, [TENSORS.novelty]);
  await session.release();
  return out[TENSORS.novelty]!.data as Float32Array;
}

test('novelty: predict, explain (every method and class choice) and explainStream return the file\'s score, and unknown is the score above the file\'s threshold', async () => {
  const model = await loadModel(built.bytes);
  try {
    const threshold = model.metadata.novelty!.threshold;
    assert.ok(Number.isFinite(threshold) && threshold > 0);
    const expected = await graphNovelty(built.bytes);
    const results = [
      await model.predict(spectra),
      await model.explain(spectra),
      await model.explain(spectra, { class: 'all' }),
      await model.explain(spectra, { class: 'y' }),
      await model.explain(spectra, { method: 'gradient' }),
    ];
    const streamed = [];
    for await (const e of model.explainStream(spectra)) streamed.push(e);
    results.push(streamed);
    for (const predictions of results) {
      assert.equal(predictions.length, spectra.length);
      predictions.forEach((r, i) => {
        assert.ok(Math.abs(r.novelty! - expected[i]!) <= 1e-5 * Math.max(1, expected[i]!), `spectrum ${i}: ${r.novelty} vs the graph's ${expected[i]}`);
        assert.equal(r.unknown, r.novelty! > threshold);
      });
    }
    // The last spectrum (a strong oscillation on top) is far from the made-up training spectra.
    assert.equal(results[0]![6]!.unknown, true, `novelty ${results[0]![6]!.novelty} vs threshold ${threshold}`);
  } finally {
    await model.dispose();
  }
});

test('novelty: a file exported before the score loads and predicts, with no score and no unknown flag', async () => {
  // runtime/src/model/__tests__/fixtures/model.onnx was exported before the unknown-sample score existed.
  const old = new Uint8Array(readFileSync(new URL('../../../../runtime/src/model/__tests__/fixtures/model.onnx', import.meta.url)));
  assert.equal(decodeModel(old, 'old').outputs.includes(TENSORS.novelty), false);
  const model = await loadModel(old);
  try {
    assert.equal(model.metadata.novelty, undefined);
    const [prediction] = await model.predict([spectra[0]!]);
    const [explanation] = await model.explain([spectra[0]!]);
    for (const r of [prediction!, explanation!]) {
      assert.ok(!('novelty' in r) && !('unknown' in r), JSON.stringify(Object.keys(r)));
      assert.ok(['a', 'b', 'c'].includes(r.predicted));
    }
  } finally {
    await model.dispose();
  }
});

test('novelty: a file whose metadata describes a score its graph does not output is refused by name', async () => {
  const proto = decodeModel(built.bytes, 'm').proto;
  proto.graph!.output = proto.graph!.output!.filter((o) => o.name !== TENSORS.novelty);
  assert.ok(proto.metadataProps!.some((e) => e.key === METADATA_KEYS.novelty));
  await assert.rejects(loadModel(onnx.ModelProto.encode(proto).finish()), /spectracam\.novelty describes an unknown-sample score, but the graph has no 'novelty' output/);
});
