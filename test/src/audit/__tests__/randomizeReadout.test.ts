import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import ort from 'onnxruntime-node';
import { createPrng } from '@spectracam/data';
import { exportModel } from '@spectracam/exporter';
import { coverage } from '@spectracam/format';
import { decodeModel, floatTensor, onnx } from '@spectracam/format/onnx';
import { randomizeLayers, randomizeReadout } from '@spectracam/study';
import { buildModel, combineMembers, savitzkyGolayDerivative, type LayersModel, type RunRecord } from '@spectracam/trainer';
import { untrainedRecord } from '../../support/testModel.js';

const p = 150;
const C = 3;

/**
 * An untrained network with a linear path (as trainRun fits one: every member holds the same
 * readout), on the input or, as on Raman axes, on the derivative (coef_D folded onto the input:
 * D^T coef_D, preprocessing 'none' so the raw-unit scale is 1); `carried`: the path's channels
 * carry the derivative variables, as newer runs record.
 */
async function readoutRun(onDerivative: boolean, members: number, carried = false): Promise<{ record: RunRecord; model: LayersModel }> {
  await tf.setBackend('cpu');
  const base = untrainedRecord({ p, classes: ['a', 'b', 'c'], seed: 4, preprocessing: { kind: 'none' } });
  const g = base.model.geometry;
  const reach = coverage(g);
  const random = createPrng(11);
  const drawn = Float32Array.from({ length: p * C }, (_, k) => (reach[Math.floor(k / C)]! > 0 ? (random.normal() * 2) / p : 0));
  let coef = drawn;
  let derivativeCoef: number[] | undefined;
  if (onDerivative) {
    const d = savitzkyGolayDerivative(base.data.axis)!;
    derivativeCoef = Array.from(drawn);
    coef = new Float32Array(p * C);
    for (let c = 0; c < C; c++) {
      const back = d.transposeApply(Float64Array.from({ length: p }, (_, j) => drawn[j * C + c]!));
      for (let j = 0; j < p; j++) coef[j * C + c] = reach[j]! > 0 ? back[j]! : 0;
    }
  }
  const readout = { coef, centre: Float32Array.from({ length: p }, (_, j) => 1 + 0.1 * Math.sin(j)), intercept: Float32Array.from([0.1, -0.2, 0.05]) };
  const options = { inputLength: p, classes: C, l2: 0, variableWeights: true, kernels: g.layers.map((l) => l.kernel) as [number, number, number], strides: g.layers.map((l) => l.stride) as [number, number, number], padding: g.layers[0].padding };
  const nets = Array.from({ length: members }, (_, m) => {
    const net = buildModel({ ...options, seed: 20 + m, readout });
    // The classifier starts at zero beside a readout: draw it, so the network's own channels add to the logits too.
    const [kernel, bias] = net.getLayer('classifier').getWeights();
    net.getLayer('classifier').setWeights([tf.randomNormal(kernel!.shape, 0, 0.1, 'float32', 30 + m), bias!]);
    return net;
  });
  const model = combineMembers(nets, { ...options, seed: 1, readout: true });
  const linearReadout = onDerivative ? { components: 2, input: 'derivative' as const, derivativeCoef, ...(carried ? { carriers: 'derivative' as const } : {}) } : { components: 2 };
  return { record: { ...base, model: { ...base.model, variableWeights: true, ...(members > 1 ? { members } : {}), linearReadout } }, model };
}

function withInitializers(bytes: Uint8Array, replaced: Map<string, Float32Array>): Uint8Array {
  const model = decodeModel(bytes, 'model').proto;
  model.graph!.initializer = model.graph!.initializer!.map((t) => (replaced.has(t.name!) ? onnx.TensorProto.create(floatTensor(t.name!, (t.dims ?? []).map(Number), replaced.get(t.name!)!)) : t));
  return onnx.ModelProto.encode(model).finish();
}

async function run(bytes: Uint8Array, spectra: Float32Array[]) {
  const session = await ort.InferenceSession.create(bytes);
  const x = new ort.Tensor('float32', Float32Array.from(spectra.flatMap((s) => Array.from(s))), [spectra.length, p]);
  const out = await session.run({ spectra: x }, ['logits', 'contribution']);
  await session.release();
  return { logits: out.logits!.data as Float32Array, contribution: out.contribution!.data as Float32Array };
}

const spectra = Array.from({ length: 6 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.4 * Math.sin((i + 2) * j * 0.07) + Math.exp(-(((j - 20 * (i + 1)) / 5) ** 2))));

for (const [onDerivative, members, carried] of [[false, 1, false], [true, 2, false], [true, 2, true]] as const) {
  const what = `${onDerivative ? `on the derivative, ${carried ? 'carried per derivative variable' : 'folded'}` : 'on the input'}, ${members} member${members > 1 ? 's' : ''}`;
  test(`randomisation: the linear readout (${what}) is drawn once and written where the file holds it, so the contribution still sums to the randomised logits`, async () => {
    const { record, model } = await readoutRun(onDerivative, members, carried);
    const bytes = exportModel(record, model, { attributions: ['contribution'], novelty: false });
    const decoded = decodeModel(bytes, 'model');
    const replaced = randomizeReadout(decoded, createPrng(5));
    assert.deepEqual([...replaced.keys()].sort(), (carried ? ['contribution.coef', 'weights.derivative_scale'] : ['contribution.coef', 'weights.offset', 'weights.scale']).filter((n) => decoded.initializers.has(n)).sort());
    if (carried) assert.ok(decoded.initializers.has('weights.derivative_scale'), 'the file carries the derivative variables');
    // Each member's own channel (the spectrum's variable weights) is not the readout: unchanged.
    const before = decoded.initializers.get('weights.scale')!.data;
    const after = replaced.get('weights.scale') ?? before;
    for (let m = 0; m < members; m++) assert.deepEqual(after.subarray(m * (1 + C) * p, (m * (1 + C) + 1) * p), before.subarray(m * (1 + C) * p, (m * (1 + C) + 1) * p));
    const trained = await run(bytes, spectra);
    const random = await run(withInitializers(bytes, replaced), spectra);
    const bias = decoded.initializers.get('classifier.bias')!.data;
    let worst = 0;
    let path = 0;
    const size = Math.max(...Array.from(random.logits, Math.abs));
    for (let k = 0; k < spectra.length * C; k++) {
      let sum = bias[k % C]!;
      let shift = 0;
      for (let j = 0; j < p; j++) {
        sum += random.contribution[k * p + j]!;
        shift += random.contribution[k * p + j]! - trained.contribution[k * p + j]!;
      }
      worst = Math.max(worst, Math.abs(sum - random.logits[k]!));
      // What the readout adds to this logit changed by `shift`: the logits moved by as much.
      path = Math.max(path, Math.abs(shift));
    }
    // A copy drawn apart from the path channels (or a wrong fold of the derivative) misses the logits by the path's size.
    assert.ok(path > 1e-3 * size, `the readout's share hardly moved (${path}): it was not randomised`);
    assert.ok(worst <= 1e-3 * path + 1e-5 * size, `contribution sums miss the randomised logits by up to ${worst} (the readout's share moved by ${path}, logits up to ${size})`);
    const first = Math.max(...Array.from(trained.contribution, (v, i) => Math.abs(v - random.contribution[i]!)));
    assert.ok(first > 0.1 * Math.max(...Array.from(trained.contribution, Math.abs)), 'the contribution maps did not change');
  });
}

test('randomisation: the classifier step takes the readout with it; a network without one keeps its variable weights', async () => {
  const { record, model } = await readoutRun(false, 1);
  const bytes = exportModel(record, model, { novelty: false });
  const init = (b: Uint8Array) => decodeModel(b, 'model').initializers;
  const randomised = init(randomizeLayers(bytes, ['classifier'], 3));
  const trained = init(bytes);
  assert.notDeepEqual(randomised.get('weights.scale')!.data, trained.get('weights.scale')!.data);
  assert.deepEqual(randomised.get('conv3.weight')!.data, trained.get('conv3.weight')!.data);
  // Below the top the readout is left as it is.
  assert.deepEqual(init(randomizeLayers(bytes, [], 3)).get('weights.scale')!.data, trained.get('weights.scale')!.data);
  // Variable weights without a path: weights.scale is the network's own layer, not a readout.
  const base = untrainedRecord({ p, classes: ['a', 'b', 'c'], seed: 4, preprocessing: { kind: 'none' } });
  const bare = buildModel({ inputLength: p, classes: C, l2: 0, seed: 2, variableWeights: true, kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' });
  const bareBytes = exportModel({ ...base, model: { ...base.model, variableWeights: true } }, bare, { novelty: false });
  assert.ok(decodeModel(bareBytes, 'model').initializers.has('weights.scale'));
  assert.equal(randomizeReadout(decodeModel(bareBytes, 'model'), createPrng(1)).size, 0);
});
