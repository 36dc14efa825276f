import type * as tfl from '@tensorflow/tfjs-layers';
import { coverage, linearPathScale, modelGeometry, type ModelGeometry, type Padding } from '@spectracam/format';

/**
 * The GAP values of a linear path's channels as the exported graph computes them (see the
 * exporter's withLinearPath): per class, the mean over the last layer's positions of the positive
 * and of the negative part of u = (x - centre) * N3 coef / cover, summed over Conv1's kernel and
 * carried through the later layers' all-ones kernels. Row-major [rows, 2C], class c at 2c (+), 2c + 1 (-).
 */
export function linearPathFeatures(readout: tfl.layers.Layer, convLayers: tfl.layers.Layer[], spectra: readonly Float32Array[]): Float64Array {
  const [coefT, centreT] = readout.getWeights();
  const p = coefT!.shape[0]!;
  const C = coefT!.shape[1]!;
  const coef = coefT!.dataSync() as Float32Array;
  const centre = centreT!.dataSync() as Float32Array;
  const config = (l: tfl.layers.Layer) => l.getConfig() as { kernelSize: number[] | number; strides: number[] | number; padding: Padding };
  const first = (v: number[] | number) => (Array.isArray(v) ? v[0]! : v);
  const spec = {
    kernels: convLayers.map((l) => first(config(l).kernelSize)) as [number, number, number],
    strides: convLayers.map((l) => first(config(l).strides)) as [number, number, number],
    padding: config(convLayers[0]!).padding,
  };
  const geometry = modelGeometry(p, spec);
  const scale = linearPathScale(geometry);
  const n3 = geometry.layers[2]!.outputLength;
  // Paths from each Conv1 position to the last layer's positions.
  const later = coverage({ ...geometry, inputLength: geometry.layers[0]!.outputLength, layers: geometry.layers.slice(1) } as ModelGeometry);
  const g1 = geometry.layers[0]!;
  const out = new Float64Array(spectra.length * 2 * C);
  const u = new Float64Array(p);
  spectra.forEach((x, r) => {
    for (let c = 0; c < C; c++) {
      for (let j = 0; j < p; j++) u[j] = (x[j]! - centre[j]!) * scale[j]! * coef[j * C + c]!;
      let plus = 0;
      let minus = 0;
      for (let t = 0; t < g1.outputLength; t++) {
        let z = 0;
        for (let k = 0; k < g1.kernel; k++) {
          const at = t * g1.stride - g1.padBefore + k;
          if (at >= 0 && at < p) z += u[at]!;
        }
        if (z > 0) plus += z * later[t]!;
        else minus -= z * later[t]!;
      }
      out[(r * C + c) * 2] = plus / n3;
      out[(r * C + c) * 2 + 1] = minus / n3;
    }
  });
  return out;
}
