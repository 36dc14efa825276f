import type * as tfl from '@tensorflow/tfjs-layers';
import { coverage, linearPathScale, modelGeometry, type ConvLayerGeometry, type ModelGeometry, type Padding } from '@spectracam/format';
import type { DerivativeCarrier } from './pathCarrier.js';

/** The readout's weights and the network's geometry, as the exporter's withLinearPath reads them. */
function pathSetting(readout: tfl.layers.Layer, convLayers: tfl.layers.Layer[]) {
  const [coefT, centreT] = readout.getWeights();
  const p = coefT!.shape[0]!;
  const C = coefT!.shape[1]!;
  const config = (l: tfl.layers.Layer) => l.getConfig() as { kernelSize: number[] | number; strides: number[] | number; padding: Padding };
  const first = (v: number[] | number) => (Array.isArray(v) ? v[0]! : v);
  const spec = {
    kernels: convLayers.map((l) => first(config(l).kernelSize)) as [number, number, number],
    strides: convLayers.map((l) => first(config(l).strides)) as [number, number, number],
    padding: config(convLayers[0]!).padding,
  };
  const geometry = modelGeometry(p, spec);
  return { p, C, coef: coefT!.dataSync() as Float32Array, centre: centreT!.dataSync() as Float32Array, geometry, scale: linearPathScale(geometry), n3: geometry.layers[2]!.outputLength };
}

/** Sums of `values` over each window of a layer with an all-ones kernel (zero padding), as the carrier filters compute. */
function windowSums(values: Float64Array, layer: ConvLayerGeometry): Float64Array {
  const out = new Float64Array(layer.outputLength);
  for (let t = 0; t < layer.outputLength; t++) {
    let z = 0;
    for (let k = 0; k < layer.kernel; k++) {
      const at = t * layer.stride - layer.padBefore + k;
      if (at >= 0 && at < values.length) z += values[at]!;
    }
    out[t] = z;
  }
  return out;
}

/**
 * Conv1's carrier input per class: the windows' sums of u = N3 share / cover, the share being
 * (x - centre) coef_c on the input, or with a derivative carrier coef_c D (scale (x - centre)).
 */
function conv1Carriers(s: ReturnType<typeof pathSetting>, x: ArrayLike<number>, carrier: DerivativeCarrier | undefined): Float64Array[] {
  const derived = carrier?.derived(x, s.centre);
  return Array.from({ length: s.C }, (_, c) => {
    const u = new Float64Array(s.p);
    if (derived) for (let j = 0; j < s.p; j++) u[j] = derived[j]! * s.scale[j]! * carrier!.coef[j * s.C + c]!;
    else for (let j = 0; j < s.p; j++) u[j] = (x[j]! - s.centre[j]!) * s.scale[j]! * s.coef[j * s.C + c]!;
    return windowSums(u, s.geometry.layers[0]!);
  });
}

/**
 * The GAP values of a linear path's channels as the exported graph computes them (see the
 * exporter's withLinearPath): per class, the mean over the last layer's positions of the positive
 * and of the negative part of u = (x - centre) * N3 coef / cover, summed over Conv1's kernel and
 * carried through the later layers' all-ones kernels. Row-major [rows, 2C], class c at 2c (+), 2c + 1 (-).
 * `carrier`: the path's channels carry its derivative variables (runs that say so, see pathCarrier).
 */
export function linearPathFeatures(readout: tfl.layers.Layer, convLayers: tfl.layers.Layer[], spectra: readonly Float32Array[], carrier?: DerivativeCarrier): Float64Array {
  const s = pathSetting(readout, convLayers);
  const { geometry, C, n3 } = s;
  // Paths from each Conv1 position to the last layer's positions.
  const later = coverage({ ...geometry, inputLength: geometry.layers[0]!.outputLength, layers: geometry.layers.slice(1) } as ModelGeometry);
  const out = new Float64Array(spectra.length * 2 * C);
  spectra.forEach((x, r) => {
    const carried = conv1Carriers(s, x, carrier);
    for (let c = 0; c < C; c++) {
      const z = carried[c]!;
      let plus = 0;
      let minus = 0;
      z.forEach((v, t) => (v > 0 ? (plus += v * later[t]!) : (minus -= v * later[t]!)));
      out[(r * C + c) * 2] = plus / n3;
      out[(r * C + c) * 2 + 1] = minus / n3;
    }
  });
  return out;
}

/**
 * The linear path's share of each class's CAM at the last layer's positions, as the exported graph's
 * CAM holds it: class c's carriers (+ and -, classifier weights +1 and -1) at each position, i.e. the
 * positive minus the negative part carried from Conv1. Their mean over the positions is the path's
 * logit without its intercept. Row-major [rows, C, N3].
 */
export function linearPathMaps(readout: tfl.layers.Layer, convLayers: tfl.layers.Layer[], spectra: readonly Float32Array[], carrier?: DerivativeCarrier): Float64Array {
  const s = pathSetting(readout, convLayers);
  const { geometry, C, n3 } = s;
  const out = new Float64Array(spectra.length * C * n3);
  spectra.forEach((x, r) => {
    const carried = conv1Carriers(s, x, carrier);
    for (let c = 0; c < C; c++) {
      const z = carried[c]!;
      let plus: Float64Array = Float64Array.from(z, (v) => Math.max(v, 0));
      let minus: Float64Array = Float64Array.from(z, (v) => Math.max(-v, 0));
      for (const layer of geometry.layers.slice(1)) {
        plus = windowSums(plus, layer);
        minus = windowSums(minus, layer);
      }
      for (let t = 0; t < n3; t++) out[(r * C + c) * n3 + t] = plus[t]! - minus[t]!;
    }
  });
  return out;
}
