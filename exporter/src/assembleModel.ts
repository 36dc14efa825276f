import { ATTRIBUTION_METHODS, ATTRIBUTION_OUTPUTS, TENSORS } from '@spectracam/format';
import type { Alignment, ModelMetadata, Preprocessing } from '@spectracam/format';
import { onnx, floatValueInfo } from '@spectracam/format/onnx';
import type { GraphProto } from '@spectracam/format/onnx';
import type { NetworkWeights } from './graph/networkWeights.js';
import type { NetworkGeometry } from './graph/graphParts.js';
import { preprocessingPart } from './graph/preprocessingPart.js';
import { constantPart } from './graph/constantPart.js';
import { snvFlatRows } from './graph/snvPart.js';
import { NETWORK_IMAGE, networkPart } from './graph/networkPart.js';
import { camPart } from './graph/camPart.js';
import { attributionPart } from './graph/attributionPart.js';
import { camBasisFor } from './camBasisFor.js';
import { docString } from './docString.js';
import { metadataProps } from './metadata.js';
import { producer } from './producer.js';
import { camAlignmentOf, IR_VERSION } from './exportOptions.js';
import type { ExportOptions, NoveltyOptions } from './exportOptions.js';
import { noveltyFor, type NoveltyMeta } from './noveltyFor.js';

/** What goes into one model file, whoever trained the network (our trainer, or a wrapped PyTorch/Keras model). */
export interface ModelParts {
  preprocessing: Preprocessing;
  weights: NetworkWeights;
  geometry: NetworkGeometry;
  /** The metadata of the file, given the graph's outputs, the CAM alignment (when the graph computes the CAM) and the unknown-sample score's. */
  metadata: (outputs: string[], camAlignment: Alignment | undefined, novelty: NoveltyMeta | undefined) => ModelMetadata;
  /** Fit the unknown-sample score on these training features (our runs; a wrapped network has none). */
  /** `validationHeldOut` false: the networks trained on the validation part too (run.json training.fittedOn). */
  novelty?: { options: NoveltyOptions | undefined; classes: readonly string[]; validationHeldOut?: boolean };
}

export interface BuiltModel {
  bytes: Uint8Array;
  metadata: ModelMetadata;
  parameterBytes: number;
  metadataBytes: number;
}

/**
 * One self-describing ONNX ModelProto: raw spectra in, preprocessing + CNN + classifier in the graph,
 * logits, probabilities and feature maps out (the CAM and attributions on request), everything a
 * runtime needs in metadata_props. Pure: returns the bytes.
 */
export function assembleModel(parts: ModelParts, options: ExportOptions = {}): BuiltModel {
  const { weights, geometry } = parts;
  const opset = options.opset ?? 13;
  if (opset !== 13 && opset !== 17) throw new RangeError(`opset ${String(opset)}: expected 13 or 17`);
  const features = options.features ?? [];
  for (const f of features) {
    if (f !== 'conv1' && f !== 'conv2') throw new RangeError(`feature output '${String(f)}': expected conv1 or conv2`);
    if (!weights.conv.some((w) => w.name === f)) {
      throw new RangeError(`feature output '${f}': the network has no layer ${f} (its conv layers: ${weights.conv.map((w) => w.name).join(', ')})`);
    }
  }
  const attributions = options.attributions ?? [];
  for (const a of attributions) {
    if (!ATTRIBUTION_METHODS.includes(a)) throw new RangeError(`attribution '${String(a)}': expected ${ATTRIBUTION_METHODS.join(', ')}`);
  }
  // Guided Grad-CAM multiplies by the full-resolution CAM, so the graph computes it even when `cam` is not an output.
  const wantsCam = camAlignmentOf(options.cam);
  const alignment = wantsCam ?? (attributions.includes('guided-gradcam') ? 'receptive-field' : undefined);

  const p = geometry.inputLength;
  const c = weights.classes;
  const layer = (name: string) => geometry.layers.find((g) => g.name === name)!;
  const last = layer('conv3');
  const filters = (name: string) => weights.conv.find((w) => w.name === name)!.filters;

  const pre = preprocessingPart(parts.preprocessing, TENSORS.input, p);
  const net = networkPart(pre.output, weights, geometry, features);
  const graphParts = [pre, net];
  // A constant spectrum has no shape: scored unknown. SNV flags it already; other preprocessings get the check.
  const flag = parts.novelty ? (parts.preprocessing.kind === 'snv' ? snvFlatRows() : constantPart(TENSORS.input)) : undefined;
  if (flag) graphParts.push(flag);
  // The network's one-row image holds the preprocessed spectra in their order unless the network reads them mirrored.
  const image = geometry.mirrored ? undefined : NETWORK_IMAGE;
  const novelty = parts.novelty ? noveltyFor(parts.novelty.options, net, parts.novelty.classes, { tensor: pre.output, image }, p, flag?.output, weights.linearCarriers, parts.novelty.validationHeldOut) : undefined;
  if (novelty) graphParts.push(novelty.part);
  const outputs = [
    floatValueInfo(TENSORS.logits, ['batch', c], 'class scores before softmax'),
    floatValueInfo(TENSORS.probabilities, ['batch', c], 'softmax of the logits'),
    ...(novelty ? [floatValueInfo(TENSORS.novelty, ['batch'], novelty.meta.residual ? 'unknown-sample score: the larger of the scaled squared Mahalanobis distance of the classifier input to the nearest class mean and the scaled Q residual of the preprocessed spectrum (threshold in metadata spectracam.novelty)' : 'unknown-sample score: squared Mahalanobis distance of the classifier input to the nearest class mean (threshold in metadata spectracam.novelty)')] : []),
    floatValueInfo(TENSORS.conv3, ['batch', filters('conv3'), last.outputLength], 'last conv layer\'s feature maps after ReLU (every member\'s, side by side, for an ensemble)'),
  ];
  for (const f of (['conv1', 'conv2'] as const).filter((name) => features.includes(name))) {
    outputs.push(floatValueInfo(TENSORS[f], ['batch', filters(f), layer(f).outputLength]));
  }
  if (alignment) {
    const basis = camBasisFor(last.centres, p, alignment);
    graphParts.push(camPart(basis, last.outputLength, p));
    if (wantsCam) outputs.push(floatValueInfo(TENSORS.cam, ['batch', c, p], `class activation maps (${alignment} alignment)`));
  }
  if (attributions.length > 0) {
    const spread = attributions.includes('contribution') ? camBasisFor(last.centres, p, alignment ?? 'receptive-field') : undefined;
    // camPart put the same basis in the graph when there is an alignment: contribution reads it.
    graphParts.push({ ...attributionPart(pre.output, weights, geometry, attributions, spread, alignment ? 'cam.basis' : undefined), output: '' });
    for (const a of ATTRIBUTION_METHODS.filter((m) => attributions.includes(m))) {
      const what = a === 'contribution' ? "each input variable's additive share of every class logit (sums to logit - classifier.bias)" : `${a} attribution of every class, with respect to the preprocessed spectrum`;
      outputs.push(floatValueInfo(ATTRIBUTION_OUTPUTS[a], ['batch', c, p], what));
    }
  }

  const meta = parts.metadata(outputs.map((o) => o.name!), alignment, novelty?.meta);
  const graph: GraphProto = {
    name: 'spectracam_cnn1d',
    node: graphParts.flatMap((part) => part.nodes),
    initializer: graphParts.flatMap((part) => part.initializers),
    input: [floatValueInfo(TENSORS.input, ['batch', p], `raw spectra on the model axis (${p} variables)`)],
    output: outputs,
  };
  const props = metadataProps(meta);
  const bytes = onnx.ModelProto.encode({
    irVersion: IR_VERSION[opset],
    opsetImport: [{ domain: '', version: opset }],
    producerName: producer.name,
    producerVersion: producer.version,
    domain: 'org.spectracam',
    modelVersion: 1,
    docString: docString(meta),
    graph,
    metadataProps: props,
  }).finish();
  const parameterBytes =
    4 * (weights.conv.reduce((sum, w) => sum + w.weight.length + w.bias.length, 0) + weights.classifierWeight.length + c);
  const metadataBytes = props.reduce((sum, e) => sum + Buffer.byteLength(e.key) + Buffer.byteLength(e.value), 0);
  return { bytes, metadata: meta, parameterBytes, metadataBytes };
}
