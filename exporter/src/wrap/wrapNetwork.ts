import { convOutput, convStackGeometry, FORMAT_VERSION, geometryMeta } from '@spectracam/format';
import type { ConvLayerGeometry, ConvStackLayer, ModelMetadata, OriginMeta, Preprocessing } from '@spectracam/format';
import { assembleModel } from '../assembleModel.js';
import type { BuiltModel } from '../assembleModel.js';
import type { ExportOptions } from '../exportOptions.js';
import type { ConvWeights } from '../graph/networkWeights.js';
import { producer } from '../producer.js';
import { FamilyError } from './foreignNetwork.js';
import type { ForeignConv, ForeignNetwork } from './foreignNetwork.js';

/** What a wrapped file needs that the foreign model does not say. */
export interface WrapOptions extends ExportOptions {
  /** Class names in the order of the dense layer's outputs. */
  classes: string[];
  /** One value per input variable, in the order the model reads them (increasing or decreasing). */
  axis: number[];
  /** @default 'cm-1' */
  unit?: string;
  /** Put in front of the network, so the file takes raw spectra (values in the axis order given). @default none */
  preprocessing?: Preprocessing;
}

/** The source file, as the file's `spectracam.origin` names it. */
export interface WrapSource {
  file: string;
  sha256: string;
}

const NAMES = ['conv1', 'conv2', 'conv3'] as const;

/**
 * A foreign network of the study's family as one SpectraCAM model file: its conv layers become
 * conv1..conv3 (the last is always conv3, whose maps the CAM reads), its dense layer
 * `classifier.weight` [C, K] and `classifier.bias`; the geometry comes from the layers' kernels,
 * strides and pads. A file stores the increasing axis: a model that reads a decreasing one gets its
 * input reversed in the graph and its maps (and attributions) reversed back, so every output lies
 * on the increasing axis and the receptive-field centres are counted on it.
 */
export function wrapNetwork(net: ForeignNetwork, source: WrapSource, options: WrapOptions): BuiltModel {
  const where = source.file;
  const { classes } = options;
  if (!Array.isArray(classes) || classes.length < 2 || classes.some((c) => typeof c !== 'string' || c === '') || new Set(classes).size !== classes.length) {
    throw new RangeError(`classes: expected at least two distinct names, got ${JSON.stringify(classes)}`);
  }
  if (classes.length !== net.classifier.classes) {
    throw new RangeError(`${where}: the dense layer '${net.classifier.source}' has ${net.classifier.classes} outputs, but ${classes.length} classes are named (${classes.join(', ')})`);
  }
  const axis = checkAxis(options.axis);
  const p = axis.length;
  if (net.inputLength !== undefined && net.inputLength !== p) {
    throw new RangeError(`${where}: the model takes ${net.inputLength} variables, the axis has ${p}`);
  }
  if (net.convs.length > 3) {
    throw new FamilyError(where, net.convs[0]!.source, `${net.convs.length} conv layers; a SpectraCAM file holds at most three (conv1, conv2, conv3: the study's family)`);
  }
  const names = NAMES.slice(3 - net.convs.length);
  const stack = padded(net.convs, p, names, where);
  // A model that reads a decreasing axis reads the file's increasing one reversed (networkPart's Slice).
  const mirrored = axis[0]! > axis[1]!;
  let preprocessing = options.preprocessing ?? { kind: 'none' };
  let layers = convStackGeometry(p, stack);
  if (mirrored) {
    axis.reverse();
    if (preprocessing.kind === 'minmax-variable') preprocessing = { ...preprocessing, min: [...preprocessing.min].reverse(), max: [...preprocessing.max].reverse() };
    layers = layers.map((l) => ({ ...l, centres: l.centres.map((c) => p - 1 - c).reverse() }));
  }
  const convs = net.convs;
  const last = convs[convs.length - 1]!;
  if (last.filters * net.classifier.classes !== net.classifier.weight.length) {
    throw new RangeError(`${where}: the dense layer '${net.classifier.source}' does not take the ${last.filters} channels of the last conv layer`);
  }
  const weights = {
    members: 1,
    conv: convs.map((c, l): ConvWeights => ({ name: names[l]!, weight: c.weight, bias: c.bias, filters: c.filters, channelsIn: c.channelsIn, kernel: c.kernel, stride: c.stride, group: c.group })),
    classifierWeight: net.classifier.weight,
    classifierBias: net.classifier.bias,
    classes: net.classifier.classes,
  };
  const origin: OriginMeta = {
    format: net.format,
    file: source.file,
    sha256: source.sha256,
    ...(net.producer ? { producer: net.producer } : {}),
    ...(net.opset !== undefined ? { opset: net.opset } : {}),
    layers: [...net.convs.map((c) => c.source), net.classifier.source],
    foldedBatchNorms: net.convs.flatMap((c) => (c.batchNorm ? [c.batchNorm] : [])),
    ...(mirrored ? { mirrored } : {}),
  };
  const metadata = (outputs: string[], camAlignment: ModelMetadata['camAlignment']): ModelMetadata => ({
    formatVersion: FORMAT_VERSION,
    classes,
    axis,
    unit: options.unit ?? 'cm-1',
    preprocessing,
    geometry: geometryMeta({ inputLength: p, layers }, axis),
    producer,
    outputs,
    ...(camAlignment ? { camAlignment } : {}),
    origin,
  });
  return assembleModel({ preprocessing, weights, geometry: { inputLength: p, layers, ...(mirrored ? { mirrored } : {}) }, metadata }, options);
}

function checkAxis(values: number[]): number[] {
  if (!Array.isArray(values) || values.length < 2) throw new RangeError(`axis: expected one value per variable (at least two), got ${Array.isArray(values) ? values.length : typeof values}`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`axis[${bad}] is ${String(values[bad])}; expected finite numbers`);
  const rising = values[1]! > values[0]!;
  for (let i = 1; i < values.length; i++) {
    if (rising ? !(values[i]! > values[i - 1]!) : !(values[i]! < values[i - 1]!)) {
      throw new RangeError(`axis is not strictly monotonic at index ${i} (${values[i - 1]} then ${values[i]})`);
    }
  }
  return [...values];
}

/** Every layer's zeros before and after, for the lengths an input of p variables gives. */
function padded(convs: readonly ForeignConv[], p: number, names: readonly ConvLayerGeometry['name'][], where: string): ConvStackLayer[] {
  let length = p;
  return convs.map((c, l) => {
    const pads =
      c.padding === 'same' ? convOutput(length, c.kernel, c.stride, 'same')
      : c.padding === 'valid' ? { padBefore: 0, padAfter: 0 }
      : { padBefore: c.padding.before, padAfter: c.padding.after };
    const outputLength = Math.floor((length + pads.padBefore + pads.padAfter - c.kernel) / c.stride) + 1;
    if (outputLength < 1) throw new FamilyError(where, c.source, `kernel ${c.kernel} with stride ${c.stride} leaves no output for an input of ${length} values`);
    length = outputLength;
    return { name: names[l]!, filters: c.filters, kernel: c.kernel, stride: c.stride, padBefore: pads.padBefore, padAfter: pads.padAfter };
  });
}
