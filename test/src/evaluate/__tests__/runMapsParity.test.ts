import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { exportModel } from '@spectracam/exporter';
import { coverage, modelGeometry, type ConvSpec } from '@spectracam/format';
import { loadModel } from '@spectracam/runtime';
import { insideTheNetwork, runMaps } from '@spectracam/study';
import { buildModel, combineMembers } from '@spectracam/trainer';
import { untrainedRecord } from '../../support/testModel.js';
import { setDerivativePath } from '../../support/derivativePath.js';

const C = 3;
const classes = ['a', 'b', 'c'];
const cases: { name: string; p: number; spec: ConvSpec; members: number; own: 'silent' | 'trained'; paths?: 'shared' | 'per member' | 'derivative' }[] = [
  { name: "'same', kernels 7,5,3, strides 2,2,1", p: 120, spec: { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' }, members: 1, own: 'silent' },
  { name: "'same', kernels 7,5,3, strides 2,2,1", p: 120, spec: { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' }, members: 2, own: 'silent' },
  { name: "'same', kernels 7,5,3, strides 2,2,1", p: 120, spec: { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' }, members: 2, own: 'trained' },
  { name: "'valid', kernels 7,5,3, strides 3,2,2", p: 121, spec: { kernels: [7, 5, 3], strides: [3, 2, 2], padding: 'valid' }, members: 2, own: 'trained' },
  { name: "meat's geometry, 'same'", p: 448, spec: { kernels: [31, 15, 7], strides: [4, 4, 2], padding: 'same' }, members: 3, own: 'trained', paths: 'per member' },
  { name: "'same', kernels 7,5,3, strides 2,2,1", p: 120, spec: { kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'same' }, members: 2, own: 'trained', paths: 'derivative' },
  { name: "'valid', kernels 7,5,3, strides 3,2,2", p: 121, spec: { kernels: [7, 5, 3], strides: [3, 2, 2], padding: 'valid' }, members: 1, own: 'silent', paths: 'derivative' },
];

for (const { name, p, spec, members, own, paths } of cases) {
  test(`runMaps and insideTheNetwork (${name}, ${members} member${members > 1 ? 's' : ''}, linear path${paths === 'per member' ? ' per member' : paths === 'derivative' ? ' on the derivative, carried per derivative variable' : ''}, own classifier ${own}): the evaluation's maps, class sums and predictions are the exported file's`, async () => {
    await tf.setBackend('cpu');
    const geometry = modelGeometry(p, spec);
    // trainRun gives no weight to variables the last layer cannot see ('valid' padding's edges).
    const reach = coverage(geometry);
    const readout = (m: number) => ({
      coef: Float32Array.from({ length: p * C }, (_, k) => (reach[Math.floor(k / C)]! > 0 ? 0.3 * Math.sin(k * 0.71 + (paths === 'per member' ? m : 0)) : 0)),
      centre: Float32Array.from({ length: p }, () => 1.2),
      intercept: Float32Array.from([0.2, -0.1, 0]),
    });
    const spectra = Array.from({ length: 6 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.4 * Math.sin((i + 2) * j * 0.05) + Math.exp(-((j - (p / 7) * i - 20) ** 2) / 30)));
    const options = { ...spec, inputLength: p, classes: C, l2: 0 };
    const nets = Array.from({ length: members }, (_, m) => buildModel({ ...options, seed: 3 + m, readout: readout(m) }));
    const model = combineMembers(nets, { ...options, seed: 3, readout: true });
    if (own === 'trained') {
      for (let m = 0; m < members; m++) {
        const layer = model.getLayer(members > 1 ? `m${m + 1}_classifier` : 'classifier');
        const [kernel, bias] = layer.getWeights();
        layer.setWeights([tf.randomNormal(kernel!.shape, 0, 0.3, 'float32', 11 + m), tf.zerosLike(bias!)]);
      }
    }
    const record = untrainedRecord({ p, classes, spec });
    record.model.linearReadout = { components: 2, input: 'input' };
    // A path fitted on the derivative, carried per derivative variable as newer runs record it.
    if (paths === 'derivative') record.model.linearReadout = setDerivativePath(model, record, (k) => 2 * Math.sin(k * 0.37), true);
    if (members > 1) record.model.members = members;
    const file = await loadModel(exportModel(record, model, { novelty: false }));
    try {
      const explained = await file.explain(spectra, { full: true });
      const ours = runMaps(model, record, spectra);
      explained.forEach((e, i) => {
        assert.equal(classes[ours.predicted[i]!], e.predicted, `spectrum ${i}: predicted class`);
        const map = e.maps[0]!.map!;
        const worst = Math.max(...Array.from(map, (v, j) => Math.abs(v - ours.scaled[i]![j]!)));
        assert.ok(worst < 1e-3, `spectrum ${i}: the evaluation's scaled CAM differs from the file's by ${worst}`);
        // Not a map of zeros scaled to zeros: the path's evidence is in it.
        assert.ok(Math.max(...ours.scaled[i]!) - Math.min(...ours.scaled[i]!) > 0.5, `spectrum ${i}: the map spans its range`);
      });
      // Fig 6: the class sums are the file's logits (the path's included), the predicted class their largest.
      const logits = await file.predict(spectra.slice(0, 1));
      const inside = insideTheNetwork(model, { partition: 0, repeat: 0 }, classes, new Map(classes.map((c, k) => [c, [spectra[k]!]])), { id: 's0', trueLabel: 'a', spectrum: spectra[0]! });
      assert.ok(inside.decision.path, 'the decision names the path\'s logits');
      const fileLogits = classes.map((c) => logits[0]!.logits[c]!);
      inside.decision.sums.forEach((s, c) => assert.ok(Math.abs(s - fileLogits[c]!) < 1e-3 * Math.max(1, Math.abs(fileLogits[c]!)), `class ${c}: sum ${s} vs the file's logit ${fileLogits[c]}`));
      assert.equal(inside.decision.predicted, explained[0]!.predicted);
    } finally {
      await file.dispose();
    }
  });
}
