import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPreprocessing } from '@spectracam/trainer';
import { camBasis, coarseMaps, fullMap } from '@spectracam/cam';
import { exportModel } from '../exportModel.js';
import { fakeRun, rawSpectra } from './support/fakeRun.js';
import { tfjsOutputs } from './support/tfjsOutputs.js';
import { ortRun } from './support/ortRun.js';

for (const alignment of ['receptive-field', 'stretch'] as const) {
  test(`cam output: equals cam's fullMap of the tfjs conv3 within 1e-5 of each map's range (${alignment} alignment)`, async () => {
    const p = 449;
    const classes = 3;
    const { record, model, features } = fakeRun({ p, classes, padding: 'valid', seed: 11 });
    const bytes = exportModel(record, model, { cam: { alignment }, novelty: { features } });
    const { spectra } = rawSpectra(5, p, classes, 77);
    const expected = tfjsOutputs(model, applyPreprocessing(record.preprocessing, spectra));
    const actual = await ortRun(bytes, spectra);
    const g3 = record.model.geometry.layers[2];
    const n3 = g3.outputLength;
    const kernel = model.getLayer('classifier').getWeights()[0]!.dataSync();
    const weight = new Float32Array(classes * 64); // tfjs [64, C] -> [C, 64]
    for (let c = 0; c < classes; c++) for (let i = 0; i < 64; i++) weight[c * 64 + i] = kernel[i * classes + c]!;
    const basis = camBasis(g3.centres, p, alignment);
    assert.equal(actual.cam!.length, spectra.length * classes * p);
    for (let s = 0; s < spectra.length; s++) {
      const coarse = coarseMaps(expected.conv3.subarray(s * 64 * n3, (s + 1) * 64 * n3), weight, n3);
      for (let c = 0; c < classes; c++) {
        const map = fullMap(coarse.subarray(c * n3, (c + 1) * n3), basis, n3, p);
        const got = actual.cam!.subarray((s * classes + c) * p, (s * classes + c + 1) * p);
        const range = Math.max(...map) - Math.min(...map);
        let worst = 0;
        for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(got[j]! - map[j]!));
        assert.ok(range > 0, `spectrum ${s} class ${c}: flat reference map`);
        assert.ok(worst <= 1e-5 * range, `spectrum ${s} class ${c}: max diff ${worst} vs range ${range}`);
      }
    }
    model.dispose();
  });
}

test('cam output: present only when requested', async () => {
  const { record, model, features } = fakeRun({ p: 120, seed: 3 });
  const without = await ortRun(exportModel(record, model, { novelty: { features } }), rawSpectra(1, 120, 3, 5).spectra);
  assert.equal(without.cam, undefined);
  const withCam = await ortRun(exportModel(record, model, { cam: true, novelty: { features } }), rawSpectra(1, 120, 3, 5).spectra);
  assert.equal(withCam.cam!.length, 3 * 120);
  model.dispose();
});
