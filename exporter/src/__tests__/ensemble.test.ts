import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineMembers } from '@spectracam/trainer';
import { applyPreprocessing } from '@spectracam/trainer';
import { camBasis, coarseMaps, fullMap } from '@spectracam/cam';
import { exportModel } from '../exportModel.js';
import { fakeFeatures, fakeRun, rawSpectra } from './support/fakeRun.js';
import { maxAbsDiff, ortRun } from './support/ortRun.js';

// Three networks of one geometry, trained (here: drawn) with different seeds, as one file.
function members(variableWeights: boolean) {
  const runs = [11, 12, 13].map((seed) => fakeRun({ p: 301, seed, preprocessing: 'snv', variableWeights, fitOn: rawSpectra(20, 301, 3, 5).spectra }));
  const record = { ...runs[0]!.record, model: { ...runs[0]!.record.model, members: 3 } };
  const g = record.model.geometry;
  const ensemble = combineMembers(runs.map((r) => r.model), { inputLength: 301, classes: 3, l2: 0, seed: 11, kernels: [g.layers[0].kernel, g.layers[1].kernel, g.layers[2].kernel], strides: [g.layers[0].stride, g.layers[1].stride, g.layers[2].stride], padding: g.layers[0].padding, variableWeights });
  return { runs, record, ensemble };
}

for (const variableWeights of [false, true]) {
  test(`ensemble${variableWeights ? ' with variable weights' : ''}: the grouped-convolution file gives the mean of the members' logits, and its CAM is the mean of theirs, within 1e-5`, async () => {
    const { runs, record, ensemble } = members(variableWeights);
    const bytes = exportModel(record, ensemble, { novelty: { features: fakeFeatures(record, ensemble) } });
    const { spectra } = rawSpectra(8, 301, 3, 99);
    const together = await ortRun(bytes, spectra);
    const apart = await Promise.all(runs.map((r) => ortRun(exportModel(r.record, r.model, { novelty: { features: r.features } }), spectra)));
    const C = 3;
    const meanLogits = together.logits!.map((_, i) => apart.reduce((s, a) => s + a.logits![i]!, 0) / apart.length);
    assert.ok(maxAbsDiff(together.logits!, Float32Array.from(meanLogits)) <= 1e-5, 'logits = mean of the members');
    // Probabilities are the softmax of the mean logits; the tfjs ensemble model agrees.
    const tf = (ensemble.predict((await import('@tensorflow/tfjs-core')).tensor3d(Float32Array.from(applyPreprocessing(record.preprocessing, spectra).flatMap((s) => Array.from(s))), [8, 301, 1])) as { dataSync(): Float32Array }).dataSync();
    assert.ok(maxAbsDiff(together.probabilities!, tf) <= 1e-5, 'ONNX ensemble = tfjs ensemble');
    // CAM: classifier rows . conv3 of the file vs the mean of each member's CAM.
    const g3 = record.model.geometry.layers[2];
    const n3 = g3.outputLength;
    const basis = camBasis(g3.centres, 301);
    const camOf = (conv3: Float32Array, weight: Float32Array, k: number, i: number, c: number) =>
      fullMap(coarseMaps(conv3.subarray(i * k * n3, (i + 1) * k * n3), weight, n3).subarray(c * n3, (c + 1) * n3), basis, n3, 301);
    const weightOf = async (b: Uint8Array) => {
      const { decodeModel } = await import('@spectracam/format/onnx');
      return decodeModel(b, 'm').initializers.get('classifier.weight')!.data;
    };
    const wAll = await weightOf(bytes);
    const wMembers = await Promise.all(runs.map((r) => weightOf(exportModel(r.record, r.model, { novelty: false }))));
    let worst = 0;
    for (let i = 0; i < 8; i++) {
      for (let c = 0; c < C; c++) {
        const cam = camOf(together.conv3!, wAll, 192, i, c);
        const parts = apart.map((a, m) => camOf(a.conv3!, wMembers[m]!, 64, i, c));
        for (let j = 0; j < 301; j++) worst = Math.max(worst, Math.abs(cam[j]! - parts.reduce((s, p) => s + p[j]!, 0) / 3));
      }
    }
    assert.ok(worst <= 1e-5, `CAM differs from the members' mean by ${worst}`);
    for (const r of runs) r.model.dispose();
    ensemble.dispose();
  });
}
