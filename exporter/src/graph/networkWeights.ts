import type { LayersModel } from '@spectracam/trainer';
import type { ModelGeometry } from '@spectracam/format';
import { withLinearPath } from './linearPathWeights.js';

/** One conv layer's parameters in ONNX layout. */
export interface ConvWeights {
  name: 'conv1' | 'conv2' | 'conv3';
  /** [out, in, kernel], as ONNX Conv wants (tfjs stores [kernel, in, out]). */
  weight: Float32Array;
  bias: Float32Array;
  filters: number;
  channelsIn: number;
  kernel: number;
  stride: number;
  /** Groups of the (grouped) convolution: the members of an ensemble, 1 for one network. */
  group: number;
}

/** The study's network as plain arrays, checked against the run's geometry. */
export interface NetworkWeights {
  /**
   * Per-variable input weights [members * channels, p]: layer 'weights' (one channel per member) and,
   * with a linear path, one more channel per class (see withLinearPath).
   */
  variableWeights?: Float32Array;
  /** Added after the weighting, [members * channels, p]: a linear path's input is (x - centre) * v. */
  inputOffset?: Float32Array;
  /**
   * A derivative path's carriers (carryDerivative): [members * channels, p] weights on
   * D (scale (x - centre)), added to the weighted input; 0 on the network's own channels, whose
   * `variableWeights` are then 0 on the path's.
   */
  derivativeWeights?: Float32Array;
  /** Networks side by side (grouped convolutions); 1 for one network. */
  members: number;
  /**
   * A linear path's carriers among conv3's filters, every member's side by side: 0 for the network's
   * own filters, c + 1 for class c's positive part, -(c + 1) for its negative part.
   */
  linearCarriers?: Int32Array;
  /** The linear path as fitted (see withLinearPath), for the `contribution` explanation. */
  linearPath?: LinearPathSource;
  /** The conv layers in order (three for the trainer's network; the last is always conv3). */
  conv: ConvWeights[];
  /** [C, K]: row c holds the class-c weights of the GAP features (tfjs stores [64, C]). */
  classifierWeight: Float32Array;
  classifierBias: Float32Array;
  classes: number;
}

/**
 * A linear path: logit_c += sum_j (x_j - centre_j) coef[j][c] on the preprocessed input x, or, where it
 * reads a derivative, the same sum written as sum_j derivative.coef[j][c] (D (scale (x - centre)))_j.
 */
export interface LinearPathSource {
  /** [p, C] row-major. */
  coef: Float32Array;
  centre: Float32Array;
  derivative?: {
    /** [p, C] row-major, on D (scale (x - centre)). */
    coef: Float32Array;
    /** Per variable: the raw-unit factor, 0 where no last-layer position reads the variable. */
    scale: Float32Array;
    /** D as [2 half + 1, p]: row k holds D[i][i + k - half] at column i. */
    rows: Float32Array;
    half: number;
  };
}

const EXPECTED = [
  { name: 'conv1', className: 'Conv1D', activation: 'relu' },
  { name: 'conv2', className: 'Conv1D', activation: 'relu' },
  { name: 'conv3', className: 'Conv1D', activation: 'relu' },
  { name: 'gap', className: 'GlobalAveragePooling1D' },
  { name: 'classifier', className: 'Dense', activation: 'softmax' },
] as const;

function fail(layer: string, what: string): never {
  throw new TypeError(
    `unsupported architecture at layer '${layer}': ${what} (the exporter handles the study's network only: ` +
      `conv1, conv2, conv3 (Conv1D + relu), gap (GlobalAveragePooling1D), classifier (Dense + softmax))`,
  );
}

function finite(layer: string, weight: string, values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new RangeError(`layer '${layer}' ${weight}: value ${values[i]} at flat index ${i}; weights must be finite`);
    }
  }
  return values;
}

/**
 * Reads the weights of a trained tfjs model after checking that it is exactly the study's
 * network (layer names, kinds, activations, kernel sizes and strides as in `geometry`).
 * Anything else is refused by name rather than exported wrongly.
 */
export function networkWeights(model: LayersModel, geometry: ModelGeometry): NetworkWeights {
  const all = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const members = all.filter((l) => /^m\d+_conv1$/.test(l.name)).length;
  if (members === 0) return oneNetwork(all, geometry);
  const last = all[all.length - 1]!;
  if (last.name !== 'ensemble' || last.getClassName() !== 'MeanLogits') fail(last.name, 'an ensemble ends with its MeanLogits layer');
  const parts = Array.from({ length: members }, (_, m) => {
    const prefix = `m${m + 1}_`;
    const layers = all.filter((l) => l.name.startsWith(prefix)).map((l) => renamed(l, prefix));
    return oneNetwork(layers, geometry);
  });
  return groupMembers(parts);
}

/** A member's layer seen under its contract name (conv1, ...), for the checks of oneNetwork. */
function renamed(layer: LayersModel['layers'][number], prefix: string): LayersModel['layers'][number] {
  return new Proxy(layer, { get: (target, key) => (key === 'name' ? target.name.slice(prefix.length) : Reflect.get(target, key, target)) });
}

/**
 * N networks as one with grouped convolutions: layer 1 reads the one input channel (or, with
 * variable weights, member m's weighted copy of it), layers 2 and 3 each member's own channels; the
 * classifier holds every member's weights divided by N, so the logits are the members' mean.
 */
function groupMembers(parts: NetworkWeights[]): NetworkWeights {
  const n = parts.length;
  const concat = (arrays: Float32Array[]) => {
    const out = new Float32Array(arrays.reduce((t, a) => t + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const weighted = parts[0]!.variableWeights !== undefined;
  const conv = parts[0]!.conv.map((first, l) => ({
    ...first,
    weight: concat(parts.map((p) => p.conv[l]!.weight)),
    bias: concat(parts.map((p) => p.conv[l]!.bias)),
    filters: first.filters * n,
    group: l === 0 && !weighted ? 1 : n,
  }));
  const classes = parts[0]!.classes;
  const k = parts[0]!.conv[2]!.filters;
  const classifierWeight = new Float32Array(classes * k * n);
  const classifierBias = new Float32Array(classes);
  parts.forEach((p, m) => {
    for (let c = 0; c < classes; c++) {
      for (let f = 0; f < k; f++) classifierWeight[c * k * n + m * k + f] = p.classifierWeight[c * k + f]! / n;
      classifierBias[c]! += p.classifierBias[c]! / n;
    }
  });
  return {
    ...(weighted ? { variableWeights: concat(parts.map((p) => p.variableWeights!)) } : {}),
    ...(parts[0]!.inputOffset ? { inputOffset: concat(parts.map((p) => p.inputOffset!)) } : {}),
    ...(parts[0]!.linearCarriers ? { linearCarriers: concatInts(parts.map((p) => p.linearCarriers!)) } : {}),
    // The members' paths are one fit (trainRun gives each the same), so the first stands for all;
    // paths that differ are left out and `contribution` refuses the network.
    ...(parts[0]!.linearPath && parts.every((p) => samePath(p.linearPath!, parts[0]!.linearPath!)) ? { linearPath: parts[0]!.linearPath } : {}),
    members: n,
    conv,
    classifierWeight,
    classifierBias,
    classes,
  };
}

function samePath(a: LinearPathSource, b: LinearPathSource): boolean {
  const equal = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return equal(a.coef, b.coef) && equal(a.centre, b.centre);
}

function concatInts(arrays: Int32Array[]): Int32Array {
  const out = new Int32Array(arrays.reduce((t, a) => t + a.length, 0));
  arrays.reduce((at, a) => (out.set(a, at), at + a.length), 0);
  return out;
}

function oneNetwork(all: LayersModel['layers'], geometry: ModelGeometry): NetworkWeights {
  // An optional per-variable weighting layer comes first; the study's network follows it.
  const weighting = all[0]?.name === 'weights' ? all[0] : undefined;
  if (weighting && weighting.getClassName() !== 'VariableWeights') fail(weighting.name, `kind ${weighting.getClassName()}, expected VariableWeights`);
  const afterWeighting = weighting ? all.slice(1) : all;
  // An optional linear path ends the network: the classifier gives logits, the readout adds x . coef and takes softmax.
  const readout = afterWeighting[afterWeighting.length - 1]?.name === 'readout' ? afterWeighting[afterWeighting.length - 1] : undefined;
  if (readout && readout.getClassName() !== 'LinearReadout') fail(readout.name, `kind ${readout.getClassName()}, expected LinearReadout`);
  const layers = readout ? afterWeighting.slice(0, -1) : afterWeighting;
  for (let i = 0; i < Math.max(layers.length, EXPECTED.length); i++) {
    const layer = layers[i];
    const expected = EXPECTED[i];
    if (!expected) fail(layer!.name, `extra layer of kind ${layer!.getClassName()}`);
    if (!layer) fail(expected.name, 'layer missing');
    if (layer.name !== expected.name) fail(layer.name, `found where '${expected.name}' was expected`);
    if (layer.getClassName() !== expected.className) {
      fail(layer.name, `kind ${layer.getClassName()}, expected ${expected.className}`);
    }
    const config = layer.getConfig();
    const activation = readout && expected.name === 'classifier' ? 'linear' : 'activation' in expected ? expected.activation : undefined;
    if (activation && config.activation !== activation) {
      fail(layer.name, `activation '${String(config.activation)}', expected '${activation}'`);
    }
    if (expected.className === 'Conv1D') {
      const dilation = ([] as unknown[]).concat(config.dilationRate ?? 1);
      if (dilation.some((d) => d !== 1)) fail(layer.name, `dilation ${JSON.stringify(config.dilationRate)}`);
      if (config.useBias === false) fail(layer.name, 'no bias');
      if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') fail(layer.name, `data format ${String(config.dataFormat)}`);
    }
    if (expected.className === 'Dense' && config.useBias === false) fail(layer.name, 'no bias');
  }

  let channelsIn = 1;
  const conv = geometry.layers.map((g, l) => {
    const layer = layers[l]!;
    const config = layer.getConfig();
    const kernelSize = ([] as unknown[]).concat(config.kernelSize)[0];
    const stride = ([] as unknown[]).concat(config.strides ?? 1)[0];
    if (kernelSize !== g.kernel || stride !== g.stride || config.padding !== g.padding || config.filters !== g.filters) {
      fail(
        layer.name,
        `kernel ${String(kernelSize)}, stride ${String(stride)}, padding ${String(config.padding)}, filters ${String(config.filters)} ` +
          `differ from the run's geometry (kernel ${g.kernel}, stride ${g.stride}, padding ${g.padding}, filters ${g.filters})`,
      );
    }
    const [kernel, bias] = layer.getWeights();
    if (!kernel || !bias) fail(layer.name, 'weights missing');
    const [k, cin, cout] = kernel.shape as [number, number, number];
    if (k !== g.kernel || cin !== channelsIn || cout !== g.filters) {
      fail(layer.name, `kernel shape [${kernel.shape.join(', ')}], expected [${g.kernel}, ${channelsIn}, ${g.filters}]`);
    }
    const source = finite(layer.name, 'kernel', kernel.dataSync() as Float32Array);
    const weight = new Float32Array(cout * cin * k);
    for (let o = 0; o < cout; o++)
      for (let c = 0; c < cin; c++)
        for (let t = 0; t < k; t++) weight[(o * cin + c) * k + t] = source[(t * cin + c) * cout + o]!;
    const result: ConvWeights = {
      name: g.name,
      weight,
      bias: finite(layer.name, 'bias', Float32Array.from(bias.dataSync() as Float32Array)),
      filters: cout,
      channelsIn: cin,
      kernel: k,
      stride: g.stride,
      group: 1,
    };
    channelsIn = cout;
    return result;
  });

  const dense = layers[4]!;
  const [kernel, bias] = dense.getWeights();
  if (!kernel || !bias) fail(dense.name, 'weights missing');
  const [features, classes] = kernel.shape as [number, number];
  if (features !== channelsIn) fail(dense.name, `kernel shape [${kernel.shape.join(', ')}], expected [${channelsIn}, C]`);
  const source = finite(dense.name, 'kernel', kernel.dataSync() as Float32Array);
  const classifierWeight = new Float32Array(classes * features);
  for (let c = 0; c < classes; c++) for (let f = 0; f < features; f++) classifierWeight[c * features + f] = source[f * classes + c]!;
  let variableWeights: Float32Array | undefined;
  if (weighting) {
    const [kernel] = weighting.getWeights();
    if (!kernel || kernel.shape[0] !== geometry.inputLength) fail(weighting.name, `weights of shape [${kernel?.shape.join(', ')}], expected [${geometry.inputLength}, 1]`);
    variableWeights = finite(weighting.name, 'kernel', Float32Array.from(kernel.dataSync() as Float32Array));
  }
  const network: NetworkWeights = {
    ...(variableWeights ? { variableWeights } : {}),
    members: 1,
    conv,
    classifierWeight,
    classifierBias: finite(dense.name, 'bias', Float32Array.from(bias.dataSync() as Float32Array)),
    classes,
  };
  if (!readout) return network;
  const [coef, centre, intercept] = readout.getWeights();
  if (!coef || !centre || !intercept || coef.shape[0] !== geometry.inputLength || coef.shape[1] !== classes || centre.shape[0] !== geometry.inputLength) {
    fail(readout.name, `weights of shapes [${coef?.shape.join(', ')}] and [${centre?.shape.join(', ')}], expected [${geometry.inputLength}, ${classes}] and [${geometry.inputLength}]`);
  }
  const values = (name: string, t: typeof coef) => finite(readout.name, name, Float32Array.from(t.dataSync() as Float32Array));
  return withLinearPath(network, { coef: values('kernel', coef), centre: values('centre', centre), intercept: values('bias', intercept) }, geometry);
}
