import { linearPathScale, type ModelGeometry } from '@spectracam/format';
import type { ConvWeights, LinearPathSource, NetworkWeights } from './networkWeights.js';

/**
 * A network's fixed linear path (logits += x . coef + intercept) written as extra channels of the
 * plain conv stack, so the file stays one conv network whose last maps feed GAP and the classifier,
 * and the CAM stays exact. Per class c: an input channel x * v_c, two Conv1 filters summing it over
 * their whole kernel (+ and -), two filters in Conv2 and Conv3 summing each of those. ReLU(z) and
 * ReLU(-z) carry z through every ReLU exactly, and their difference reaches the classifier with
 * weights +1 and -1. Each input variable j reaches GAP through cover(j) paths, so
 * v_c[j] = N3 coef[j][c] / cover(j) on the input (x - centre) makes the class logit gain exactly
 * (x - centre) . coef_c.
 */
export function withLinearPath(net: NetworkWeights, readout: { coef: Float32Array; centre: Float32Array; intercept: Float32Array }, geometry: ModelGeometry): NetworkWeights {
  const C = net.classes;
  const p = geometry.inputLength;
  const scale = linearPathScale(geometry);
  const inputs = new Float32Array((1 + C) * p);
  if (net.variableWeights) inputs.set(net.variableWeights.subarray(0, p));
  else inputs.fill(1, 0, p);
  // The input channels get (x - centre) * v = x * v - centre * v: the offset is added after the Mul.
  const offset = new Float32Array((1 + C) * p);
  for (let c = 0; c < C; c++) {
    for (let j = 0; j < p; j++) {
      const v = scale[j]! * readout.coef[j * C + c]!;
      inputs[(1 + c) * p + j] = v;
      offset[(1 + c) * p + j] = -readout.centre[j]! * v;
    }
  }
  const conv = net.conv.map((w, l) => extend(w, C, l === 0)) as NetworkWeights['conv'];
  const k = net.conv[2].filters;
  const kk = k + 2 * C;
  const classifierWeight = new Float32Array(C * kk);
  for (let c = 0; c < C; c++) {
    for (let f = 0; f < k; f++) classifierWeight[c * kk + f] = net.classifierWeight[c * k + f]!;
    classifierWeight[c * kk + k + 2 * c] = 1;
    classifierWeight[c * kk + k + 2 * c + 1] = -1;
  }
  const classifierBias = Float32Array.from(net.classifierBias, (b, c) => b + readout.intercept[c]!);
  const linearCarriers = Int32Array.from({ length: kk }, (_, f) => (f < k ? 0 : ((f - k) % 2 === 0 ? 1 : -1) * (Math.floor((f - k) / 2) + 1)));
  const linearPath = { coef: readout.coef, centre: readout.centre };
  return { ...net, variableWeights: inputs, inputOffset: offset, conv, classifierWeight, classifierBias, linearCarriers, linearPath };
}

/** One layer with 2C carrier filters appended; the network's own filters ignore the carrier channels. */
function extend(w: ConvWeights, C: number, first: boolean): ConvWeights {
  const cin = first ? 1 + C : w.channelsIn + 2 * C;
  const filters = w.filters + 2 * C;
  const weight = new Float32Array(filters * cin * w.kernel);
  for (let o = 0; o < w.filters; o++) {
    for (let c = 0; c < w.channelsIn; c++) {
      for (let t = 0; t < w.kernel; t++) weight[(o * cin + c) * w.kernel + t] = w.weight[(o * w.channelsIn + c) * w.kernel + t]!;
    }
  }
  for (let c = 0; c < C; c++) {
    for (let sign = 0; sign < 2; sign++) {
      const o = w.filters + 2 * c + sign;
      // Layer 1 splits x * v_c into its positive and negative part; later layers carry each part on.
      const source = first ? 1 + c : w.channelsIn + 2 * c + sign;
      const value = first && sign === 1 ? -1 : 1;
      for (let t = 0; t < w.kernel; t++) weight[(o * cin + source) * w.kernel + t] = value;
    }
  }
  const bias = new Float32Array(filters);
  bias.set(w.bias);
  return { ...w, weight, bias, filters, channelsIn: cin };
}

/**
 * The path's channels moved from the input, (x - centre) v with v = N3 (scale D^T coef_D) / cover
 * (folded), to its derivative variables, D (scale (x - centre)) with N3 coef_D / cover: the same
 * logit, but each Conv3 position's carriers now hold the derivative evidence under it, not the
 * baseline products the fold creates. Every member carries the one path (trainRun fits one).
 */
export function carryDerivative(net: NetworkWeights, derivative: NonNullable<LinearPathSource['derivative']>, geometry: ModelGeometry): NetworkWeights {
  if (!net.linearPath || !net.linearCarriers || !net.variableWeights) throw new RangeError('carryDerivative: the network has no linear path');
  const C = net.classes;
  const p = geometry.inputLength;
  const scale = linearPathScale(geometry);
  const channels = 1 + C;
  if (net.variableWeights.length !== net.members * channels * p) throw new RangeError(`carryDerivative: ${net.variableWeights.length / p} input channels, expected ${net.members} x ${channels}`);
  for (let j = 0; j < p; j++) {
    for (let c = 0; c < C; c++) {
      if (!(scale[j]! > 0) && derivative.coef[j * C + c] !== 0) throw new RangeError(`carryDerivative: derivative variable ${j} has a coefficient but no last-layer position reads it`);
    }
  }
  const variableWeights = Float32Array.from(net.variableWeights);
  const derivativeWeights = new Float32Array(variableWeights.length);
  for (let m = 0; m < net.members; m++) {
    for (let c = 0; c < C; c++) {
      const at = (m * channels + 1 + c) * p;
      variableWeights.fill(0, at, at + p);
      for (let j = 0; j < p; j++) derivativeWeights[at + j] = scale[j]! * derivative.coef[j * C + c]!;
    }
  }
  const { inputOffset: _folded, ...rest } = net;
  return { ...rest, variableWeights, derivativeWeights, linearPath: { ...net.linearPath, derivative } };
}
