import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import { runMaps } from '@spectracam/study';
import { buildModel, combineMembers } from '@spectracam/trainer';
import { untrainedRecord } from '../../support/testModel.js';

const p = 120;
const C = 3;
const spec = { kernels: [7, 5, 3] as [number, number, number], strides: [2, 2, 1] as [number, number, number], padding: 'same' as const };
const spectra = Array.from({ length: 6 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.4 * Math.sin((i + 2) * j * 0.05) + Math.exp(-((j - 15 * i - 20) ** 2) / 30)));
const readout = {
  coef: Float32Array.from({ length: p * C }, (_, k) => 0.3 * Math.sin(k * 0.71)),
  centre: Float32Array.from({ length: p }, () => 1.2),
  intercept: Float32Array.from([0.2, -0.1, 0]),
};

for (const [members, own] of [[1, 'silent'], [2, 'silent'], [2, 'trained']] as const) {
  test(`runMaps (${members} member${members > 1 ? 's' : ''}, linear path, network's own classifier ${own}): the evaluation's maps and predictions are the exported file's CAM`, async () => {
    await tf.setBackend('cpu');
    const options = { ...spec, inputLength: p, classes: C, l2: 0 };
    const nets = Array.from({ length: members }, (_, m) => buildModel({ ...options, seed: 3 + m, readout }));
    const model = combineMembers(nets, { ...options, seed: 3, readout: true });
    if (own === 'trained') {
      for (let m = 0; m < members; m++) {
        const layer = model.getLayer(members > 1 ? `m${m + 1}_classifier` : 'classifier');
        const [kernel, bias] = layer.getWeights();
        layer.setWeights([tf.randomNormal(kernel!.shape, 0, 0.3, 'float32', 11 + m), tf.zerosLike(bias!)]);
      }
    }
    const record = untrainedRecord({ p, classes: ['a', 'b', 'c'], spec });
    record.model.linearReadout = { components: 2, input: 'input' };
    if (members > 1) record.model.members = members;
    const file = await loadModel(exportModel(record, model, { novelty: false }));
    try {
      const explained = await file.explain(spectra, { full: true });
      const ours = runMaps(model, record.model.geometry, spectra);
      explained.forEach((e, i) => {
        assert.equal(record.model.classes[ours.predicted[i]!], e.predicted, `spectrum ${i}: predicted class`);
        const map = e.maps[0]!.map!;
        const worst = Math.max(...Array.from(map, (v, j) => Math.abs(v - ours.scaled[i]![j]!)));
        assert.ok(worst < 1e-3, `spectrum ${i}: the evaluation's scaled CAM differs from the file's by ${worst}`);
        // Not a map of zeros scaled to zeros: the path's evidence is in it.
        assert.ok(Math.max(...ours.scaled[i]!) - Math.min(...ours.scaled[i]!) > 0.5, `spectrum ${i}: the map spans its range`);
      });
    } finally {
      await file.dispose();
    }
  });
}
