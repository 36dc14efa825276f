import * as tf from '@tensorflow/tfjs-core';
import { readableRawScale, savitzkyGolayDerivative, type LayersModel, type RunRecord } from '@spectracam/trainer';

/**
 * A linear path as trainRun fits it on the derivative: coefficients `coefficient(k)` on D raw ([p, C]
 * row-major; none on variables no last-layer position reads), folded onto the input (scale D^T coef)
 * in every member's readout. Returns run.json's linearReadout for it: `carriers` says the file's
 * channels carry the derivative variables (newer runs); without, the folded layout of older runs.
 */
export function setDerivativePath(model: LayersModel, record: RunRecord, coefficient: (k: number) => number, carriers: boolean): NonNullable<RunRecord['model']['linearReadout']> {
  const p = record.data.axis.length;
  const C = record.model.classes.length;
  const derivative = savitzkyGolayDerivative(record.data.axis)!;
  const scale = readableRawScale(record.preprocessing, record.model.geometry);
  const coefD = Float32Array.from({ length: p * C }, (_, k) => (scale[Math.floor(k / C)]! > 0 ? coefficient(k) : 0));
  const folded = new Float32Array(p * C);
  for (let c = 0; c < C; c++) {
    const back = derivative.transposeApply(Float64Array.from({ length: p }, (_, j) => coefD[j * C + c]!));
    for (let j = 0; j < p; j++) folded[j * C + c] = scale[j]! * back[j]!;
  }
  for (const layer of model.layers.filter((l) => /(^|_)readout$/.test(l.name))) {
    const [, centre, intercept] = layer.getWeights();
    layer.setWeights([tf.tensor2d(folded, [p, C]), centre!, intercept!]);
  }
  return { components: 2, input: 'derivative', derivativeCoef: Array.from(coefD), ...(carriers ? { carriers: 'derivative' as const } : {}) };
}
