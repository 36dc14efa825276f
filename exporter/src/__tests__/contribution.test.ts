import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { decodeModel } from '@spectracam/format/onnx';
import type { Padding, PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, combineMembers, rawUnitScale, savitzkyGolayDerivative, type LayersModel, type RunRecord } from '@spectracam/trainer';
import { coverage } from '@spectracam/format';
import { exportModel } from '../exportModel.js';
import { fakeRun, onDerivative, rawSpectra } from './support/fakeRun.js';
import { ortRun } from './support/ortRun.js';

const C = 3;

function build(kind: PreprocessingKind, padding: Padding, variant: 'single' | 'weighted' | 'ensemble', readout: boolean | 'derivative' | 'carried', p = 301) {
  const weighted = variant !== 'single';
  const runs = (variant === 'ensemble' ? [3, 4] : [3]).map((seed) => fakeRun({ p, padding, preprocessing: kind, seed: p + seed, variableWeights: weighted, readout: readout !== false, fitOn: rawSpectra(20, p, C, 5).spectra }));
  const g = runs[0]!.record.model.geometry;
  const model =
    runs.length === 1
      ? runs[0]!.model
      : combineMembers(runs.map((r) => r.model), { inputLength: p, classes: C, l2: 0, seed: 1, kernels: g.layers.map((l) => l.kernel) as [number, number, number], strides: g.layers.map((l) => l.stride) as [number, number, number], padding, variableWeights: weighted, ...(readout ? { readout: true as const } : {}) });
  // One fit for every member, as trainRun gives them.
  const paths = model.layers.filter((l) => /(^|_)readout$/.test(l.name));
  for (const layer of paths.slice(1)) layer.setWeights(paths[0]!.getWeights());
  const record: RunRecord = { ...runs[0]!.record, model: { ...runs[0]!.record.model, ...(runs.length > 1 ? { members: runs.length } : {}) } };
  return readout === 'derivative' || readout === 'carried' ? onDerivative(record, model, readout === 'carried') : { record, model };
}

/** Sum over the variables of every [spectrum, class] map, plus the file's classifier.bias. */
function completed(bytes: Uint8Array, contribution: Float32Array, n: number, p: number): Float64Array {
  const bias = decodeModel(bytes, 'model').initializers.get('classifier.bias')!.data;
  const out = new Float64Array(n * C);
  for (let k = 0; k < n * C; k++) {
    let s = bias[k % C]!;
    for (let j = 0; j < p; j++) s += contribution[k * p + j]!;
    out[k] = s;
  }
  return out;
}

for (const [kind, padding, variant, readout] of [
  ['minmax-variable', 'same', 'single', false],
  ['snv', 'valid', 'weighted', true],
  ['minmax-variable', 'same', 'ensemble', true],
  ['none', 'valid', 'ensemble', false],
  ['minmax-variable', 'same', 'ensemble', 'derivative'],
  ['snv', 'valid', 'weighted', 'derivative'],
  ['minmax-variable', 'same', 'ensemble', 'carried'],
  ['snv', 'valid', 'weighted', 'carried'],
] as const) {
  test(`contribution: sums over the variables to the logit minus the bias (${kind}, ${padding}, ${variant}${readout ? `, linear path${readout === 'derivative' ? ' on the derivative, folded carriers' : readout === 'carried' ? ' on the derivative, carried per derivative variable' : ''}` : ''})`, async () => {
    const p = 301;
    const { record, model } = build(kind, padding, variant, readout, p);
    const bytes = exportModel(record, model, { attributions: ['contribution'], novelty: false });
    const { spectra } = rawSpectra(7, p, C, 41);
    const out = await ortRun(bytes, spectra);
    const sums = completed(bytes, out.contribution!, 7, p);
    const scale = Math.max(...Array.from(out.logits!, Math.abs));
    let worst = 0;
    for (let k = 0; k < sums.length; k++) worst = Math.max(worst, Math.abs(sums[k]! - out.logits![k]!));
    assert.ok(worst <= 1e-4 * scale, `largest gap ${worst} against logits up to ${scale}`);
    // Not a constant spread: the map varies along the axis.
    const first = out.contribution!.subarray(0, p);
    assert.ok(Math.max(...first) - Math.min(...first) > 1e-6, 'the map is flat');
  });
}

/** The network's own classifier weights set to zero: the logits are the linear path's alone. */
function linearOnly(model: LayersModel): { coef: Float32Array; centre: Float32Array } {
  const classifier = model.getLayer('classifier');
  const [kernel, bias] = classifier.getWeights();
  classifier.setWeights([tf.zerosLike(kernel!), bias!]);
  const [coef, centre] = model.getLayer('readout').getWeights();
  return { coef: coef!.dataSync() as Float32Array, centre: centre!.dataSync() as Float32Array };
}

test("contribution: with only a linear path it is coef[j][c] (x_j - centre_j), or on the derivative coef_D[j][c] (D scale (x - centre))_j with ml-savitzky-golay-generalized's D", async () => {
  const p = 301;
  for (const readout of [true, 'derivative', 'carried'] as const) {
    const { record, model } = build('minmax-variable', 'same', 'weighted', readout, p);
    const { coef, centre } = linearOnly(model);
    const bytes = exportModel(record, model, { attributions: ['contribution'], novelty: false });
    const { spectra } = rawSpectra(5, p, C, 43);
    const x = applyPreprocessing(record.preprocessing, spectra);
    const out = await ortRun(bytes, spectra);
    const derivative = savitzkyGolayDerivative(record.data.axis)!;
    const reach = coverage(record.model.geometry);
    const given = rawUnitScale(record.preprocessing) as Float64Array;
    const coefD = record.model.linearReadout?.derivativeCoef;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < 5; i++) {
      const deviation = Float64Array.from({ length: p }, (_, j) => x[i]![j]! - centre[j]!);
      const derived = derivative.apply(deviation.map((v, j) => (reach[j]! > 0 ? given[j]! * v : 0)));
      for (let c = 0; c < C; c++) {
        for (let j = 0; j < p; j++) {
          const expected = readout !== true ? coefD![j * C + c]! * derived[j]! : coef[j * C + c]! * deviation[j]!;
          const actual = out.contribution![(i * C + c) * p + j]!;
          worst = Math.max(worst, Math.abs(actual - expected));
          scale = Math.max(scale, Math.abs(expected));
        }
      }
    }
    assert.ok(scale > 0 && worst <= 1e-4 * scale, `${readout}: largest difference ${worst} against values up to ${scale}`);
  }
});

test('contribution: with the cam output too, the file holds the cam basis once and both outputs read it; the sum still holds', async () => {
  const p = 301;
  const { record, model } = build('snv', 'same', 'ensemble', 'derivative', p);
  const bytes = exportModel(record, model, { attributions: ['contribution'], cam: true, novelty: false });
  const initializers = decodeModel(bytes, 'model').initializers;
  const bases = [...initializers.entries()].filter(([, t]) => t.dims.length === 2 && t.dims[1] === p && t.dims[0] === record.model.geometry.layers[2]!.outputLength);
  assert.deepEqual(bases.map(([name]) => name), ['cam.basis']);
  const { spectra } = rawSpectra(4, p, C, 47);
  const out = await ortRun(bytes, spectra);
  const sums = completed(bytes, out.contribution!, 4, p);
  const scale = Math.max(...Array.from(out.logits!, Math.abs));
  sums.forEach((s, k) => assert.ok(Math.abs(s - out.logits![k]!) <= 1e-4 * scale, `spectrum ${Math.floor(k / C)} class ${k % C}: ${s} vs ${out.logits![k]}`));
});
