import type * as tfl from '@tensorflow/tfjs-layers';
import { findMemberLayer, memberCount, memberLayer } from './ensembleModel.js';
import { linearPathMaps } from './linearPathFeatures.js';
import type { DerivativeCarrier } from './pathCarrier.js';

/** Each member's linear path layer ('readout'), or undefined for a network without the path. */
function readoutLayers(model: tfl.LayersModel): tfl.layers.Layer[] | undefined {
  const layers = Array.from({ length: memberCount(model) }, (_, m) => findMemberLayer(model, 'readout', m));
  return layers.every((l) => l !== undefined) ? (layers as tfl.layers.Layer[]) : undefined;
}

/**
 * The linear path's logits for one (preprocessed) spectrum, (x - centre) . coef + intercept, averaged
 * over the members as the ensemble averages their logits; undefined for a network without the path.
 */
export function linearPathLogits(model: tfl.LayersModel, spectrum: ArrayLike<number>): number[] | undefined {
  const layers = readoutLayers(model);
  if (!layers) return undefined;
  const members = layers.length;
  let sums: number[] | undefined;
  for (const layer of layers) {
    const [coefT, centreT, biasT] = layer.getWeights();
    const [p, c] = coefT!.shape as [number, number];
    const coef = coefT!.dataSync();
    const centre = centreT!.dataSync();
    const bias = biasT!.dataSync();
    sums ??= new Array<number>(c).fill(0);
    for (let ci = 0; ci < c; ci++) {
      let s = bias[ci]!;
      for (let j = 0; j < p; j++) s += (spectrum[j]! - centre[j]!) * coef[j * c + ci]!;
      sums[ci]! += s / members;
    }
  }
  return sums;
}

/**
 * The linear path's share of each class's CAM at the last layer's positions, for (preprocessed) spectra,
 * averaged over the members as the exported ensemble's classifier (+-1/N on each member's carriers) does:
 * add it to W_c . conv3 of the network's own channels to get the exported file's CAM. Row-major
 * [rows, C, N3]; undefined for a network without the path. `carrier`: what a derivative path's
 * channels carry, as the run says (runPathCarrier).
 */
export function linearPathCam(model: tfl.LayersModel, spectra: readonly Float32Array[], carrier?: DerivativeCarrier): Float64Array | undefined {
  const layers = readoutLayers(model);
  if (!layers) return undefined;
  const members = layers.length;
  let sum: Float64Array | undefined;
  for (const [m, readout] of layers.entries()) {
    const maps = linearPathMaps(readout, ['conv1', 'conv2', 'conv3'].map((n) => memberLayer(model, n, m)), spectra, carrier);
    sum ??= new Float64Array(maps.length);
    for (let i = 0; i < maps.length; i++) sum[i]! += maps[i]! / members;
  }
  return sum;
}
