import type { Prng } from '@spectracam/data';
import { linearPathScale, parseMetadata } from '@spectracam/format';
import type { DecodedModel } from '@spectracam/format/onnx';
import { gaussianLike } from './gaussianLike.js';

/**
 * Initializers of a file's linear readout: the network's path channels and the `contribution` output's copy;
 * the derivative's band and raw-unit scale where a derivative is in the graph (`path.*`; `contribution.*` in
 * files exported before derivativePart).
 */
const PATH = { scale: 'weights.scale', offset: 'weights.offset', derivativeScale: 'weights.derivative_scale', coef: 'contribution.coef', centre: ['contribution.centre', 'path.centre'], derivative: ['path.band', 'contribution.derivative'], rawScale: ['path.raw_scale', 'contribution.scale'] };

/**
 * The linear readout (logits += (x - centre) . coef) randomised as one layer: coefficients drawn
 * from a Gaussian of their own mean and spread, written everywhere the file holds them, so that the
 * logits and the `contribution` map read the same random readout. It sits at the top of the trained
 * network (after the classifier), so the cascade randomises it with the classifier. The exporter
 * folds it into the network's path channels (v = linearPathScale . coef on the input, offset
 * -centre v; on the derivative, coef = scale D^T coef_D) and `contribution` keeps coef (or coef_D)
 * [C, p]. Newer files carry a derivative path per derivative variable (`weights.derivative_scale`,
 * N3 coef_D / cover): there the coefficients are drawn on the derivative and written as they are.
 * Returns the replaced initializers by name; none without a linear path.
 */
export function randomizeReadout(decoded: DecodedModel, prng: Prng): Map<string, Float32Array> {
  const get = (name: string | readonly string[]) => (typeof name === 'string' ? [name] : name).map((n) => decoded.initializers.get(n)).find((t) => t !== undefined);
  const scaleTensor = get(PATH.scale);
  const offsetTensor = get(PATH.offset);
  const out = new Map<string, Float32Array>();
  const carried = get(PATH.derivativeScale);
  if (carried) return randomizeCarried(decoded, carried, prng);
  if (!scaleTensor || !offsetTensor) return out;
  const classes = get('classifier.bias')!.data.length;
  const p = scaleTensor.dims[3]!;
  const channels = scaleTensor.dims[1]!;
  // Each member's channels: its own spectrum copy, then one per class of the path (withLinearPath).
  if (channels % (1 + classes) !== 0) throw new RangeError(`randomizeReadout: weights.scale has ${channels} channels, expected members x (1 + ${classes})`);
  const members = channels / (1 + classes);
  const pathScale = linearPathScale(parseMetadata(decoded.metadata, 'model').geometry);
  const v = scaleTensor.data;
  const offset = offsetTensor.data;
  const at = (m: number, c: number, j: number) => (m * (1 + classes) + 1 + c) * p + j;

  const copy = get(PATH.coef)?.data;
  // The coefficients drawn: the contribution's copy ([C, p], on the derivative where it reads one), or what the path channels hold.
  const base = copy ?? Float32Array.from({ length: classes * p }, (_, k) => (pathScale[k % p]! > 0 ? v[at(0, Math.floor(k / p), k % p)]! / pathScale[k % p]! : 0));
  const drawn = gaussianLike(base, prng);
  const centre = get(PATH.centre)?.data ?? Float32Array.from({ length: p }, (_, j) => centreAt(v, offset, at, classes, j));
  const derivative = get(PATH.derivative);
  const onInput = derivative ? foldDerivative(drawn, derivative.data, get(PATH.rawScale)!.data, classes, p) : drawn;
  const randomV = Float32Array.from(v);
  const randomOffset = Float32Array.from(offset);
  for (let m = 0; m < members; m++) {
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < p; j++) {
        const value = pathScale[j]! * onInput[c * p + j]!;
        randomV[at(m, c, j)] = value;
        randomOffset[at(m, c, j)] = -centre[j]! * value;
      }
    }
  }
  out.set(PATH.scale, randomV);
  out.set(PATH.offset, randomOffset);
  if (copy) out.set(PATH.coef, drawn);
  return out;
}

/** centre_j from offset = -centre v on any path channel where v is not zero. */
function centreAt(v: Float32Array, offset: Float32Array, at: (m: number, c: number, j: number) => number, classes: number, j: number): number {
  for (let c = 0; c < classes; c++) if (v[at(0, c, j)] !== 0) return -offset[at(0, c, j)]! / v[at(0, c, j)]!;
  return 0;
}

/** scale_j sum_i D[i][j] coef_D[c][i]: the band holds D[i][j] at rows[(j - i + half) p + i]. */
function foldDerivative(coefD: Float32Array, rows: Float32Array, rawScale: Float32Array, classes: number, p: number): Float32Array {
  const width = rows.length / p;
  const half = (width - 1) / 2;
  const out = new Float32Array(classes * p);
  for (let c = 0; c < classes; c++) {
    for (let k = 0; k < width; k++) {
      for (let i = 0; i < p; i++) {
        const j = i + k - half;
        if (j >= 0 && j < p) out[c * p + j]! += rows[k * p + i]! * coefD[c * p + i]!;
      }
    }
    for (let j = 0; j < p; j++) out[c * p + j]! *= rawScale[j]!;
  }
  return out;
}

/** The readout of a file whose path channels read the derivative: v = linearPathScale . coef_D per member and class. */
function randomizeCarried(decoded: DecodedModel, carried: { dims: number[]; data: Float32Array }, prng: Prng): Map<string, Float32Array> {
  const classes = decoded.initializers.get('classifier.bias')!.data.length;
  const p = carried.dims[3]!;
  const channels = carried.dims[1]!;
  if (channels % (1 + classes) !== 0) throw new RangeError(`randomizeReadout: weights.derivative_scale has ${channels} channels, expected members x (1 + ${classes})`);
  const members = channels / (1 + classes);
  const pathScale = linearPathScale(parseMetadata(decoded.metadata, 'model').geometry);
  const at = (m: number, c: number, j: number) => (m * (1 + classes) + 1 + c) * p + j;
  const copy = decoded.initializers.get(PATH.coef)?.data;
  const base = copy ?? Float32Array.from({ length: classes * p }, (_, k) => (pathScale[k % p]! > 0 ? carried.data[at(0, Math.floor(k / p), k % p)]! / pathScale[k % p]! : 0));
  const drawn = gaussianLike(base, prng);
  const v = new Float32Array(carried.data.length);
  for (let m = 0; m < members; m++) for (let c = 0; c < classes; c++) for (let j = 0; j < p; j++) v[at(m, c, j)] = pathScale[j]! * drawn[c * p + j]!;
  const out = new Map<string, Float32Array>([[PATH.derivativeScale, v]]);
  if (copy) out.set(PATH.coef, drawn);
  return out;
}
