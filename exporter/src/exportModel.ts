import type { LayersModel, RunRecord } from '@spectracam/trainer';
import { ATTRIBUTION_METHODS, ATTRIBUTION_OUTPUTS, TENSORS } from '@spectracam/format';
import type { ModelMetadata } from '@spectracam/format';
import { onnx, floatValueInfo } from '@spectracam/format/onnx';
import type { GraphProto } from '@spectracam/format/onnx';
import { networkWeights } from './graph/networkWeights.js';
import { preprocessingPart } from './graph/preprocessingPart.js';
import { networkPart } from './graph/networkPart.js';
import { camPart } from './graph/camPart.js';
import { attributionPart } from './graph/attributionPart.js';
import { noveltyPart } from './graph/noveltyPart.js';
import { fitNovelty } from './novelty/fitNovelty.js';
import type { GraphPart } from './graph/graphParts.js';
import { camBasisFor } from './camBasisFor.js';
import { docString } from './docString.js';
import { metadataProps, modelMetadata } from './metadata.js';
import { producer } from './producer.js';
import { camAlignmentOf, IR_VERSION } from './exportOptions.js';
import type { ExportOptions, NoveltyOptions } from './exportOptions.js';

function checkRecord(record: RunRecord): void {
  const { geometry, classes } = record.model;
  if (record.model.architecture !== 'spectracam-cnn1d') {
    throw new TypeError(`unsupported architecture '${String(record.model.architecture)}' in run.json (expected 'spectracam-cnn1d')`);
  }
  if (record.data.axis.length !== geometry.inputLength) {
    throw new RangeError(
      `run.json: axis has ${record.data.axis.length} values but the model geometry expects ${geometry.inputLength} inputs`,
    );
  }
  if (classes.length < 2) throw new RangeError(`run.json: model.classes has ${classes.length} class(es); expected at least 2`);
}

/**
 * The unknown-sample score's graph part, fitted on the run's features. It reads the classifier
 * Gemm's input (the GAP vector), whose width K comes from `classifier.weight` [C, K]; features of
 * another width were computed by another network and are refused.
 */
function noveltyFor(options: NoveltyOptions | undefined, net: GraphPart, classes: readonly string[]): { part: GraphPart; meta: ReturnType<typeof fitNovelty>['meta'] } {
  if (!options?.features) {
    throw new Error(
      'no GAP features of the run to fit the unknown-sample score on: pass novelty: { features } (trainRun returns them, readRun reads them from a run directory), or novelty: false for a file without the score',
    );
  }
  const classifier = net.nodes.find((n) => n.opType === 'Gemm' && (n.input ?? [])[1] === TENSORS.classifierWeight);
  const weight = net.initializers.find((t) => t.name === TENSORS.classifierWeight);
  const input = classifier?.input?.[0];
  if (!input || !weight?.dims || weight.dims.length !== 2) throw new Error(`the network part has no classifier Gemm on ${TENSORS.classifierWeight}`);
  const k = Number(weight.dims[1]);
  if (options.features.channels !== k) {
    throw new RangeError(`the run's features have ${options.features.channels} channels but the classifier reads ${k}: they were computed by another network; train the run again`);
  }
  const fit = fitNovelty(options.features, classes, options.quantile);
  return { part: noveltyPart(input, fit.whitening, fit.whitenedMeans, k, classes.length), meta: { ...fit.meta, features: { tensor: input, channels: k } } };
}

/**
 * Turns a trained run (its record and tfjs model) into one self-describing ONNX ModelProto:
 * raw spectra in, preprocessing + CNN + classifier in the graph, logits, probabilities and
 * feature maps out, everything a runtime needs in metadata_props. Pure: returns the bytes.
 */
export function exportModel(record: RunRecord, model: LayersModel, options: ExportOptions = {}): Uint8Array {
  return buildOnnx(record, model, options).bytes;
}

/** exportModel plus what went into the file (for sizes and summaries). */
export function buildOnnx(
  record: RunRecord,
  model: LayersModel,
  options: ExportOptions = {},
): { bytes: Uint8Array; metadata: ModelMetadata; parameterBytes: number; metadataBytes: number } {
  const opset = options.opset ?? 13;
  if (opset !== 13 && opset !== 17) throw new RangeError(`opset ${String(opset)}: expected 13 or 17`);
  const features = options.features ?? [];
  for (const f of features) {
    if (f !== 'conv1' && f !== 'conv2') throw new RangeError(`feature output '${String(f)}': expected conv1 or conv2`);
  }
  const attributions = options.attributions ?? [];
  for (const a of attributions) {
    if (!ATTRIBUTION_METHODS.includes(a)) throw new RangeError(`attribution '${String(a)}': expected ${ATTRIBUTION_METHODS.join(', ')}`);
  }
  // Guided Grad-CAM multiplies by the full-resolution CAM, so the graph computes it even when `cam` is not an output.
  const wantsCam = camAlignmentOf(options.cam);
  const alignment = wantsCam ?? (attributions.includes('guided-gradcam') ? 'receptive-field' : undefined);
  checkRecord(record);

  const geometry = record.model.geometry;
  const p = geometry.inputLength;
  const weights = networkWeights(model, geometry);
  if (weights.classes !== record.model.classes.length) {
    throw new RangeError(
      `layer 'classifier' has ${weights.classes} outputs but run.json lists ${record.model.classes.length} classes`,
    );
  }
  const c = weights.classes;
  const [g1, g2, g3] = geometry.layers;

  const pre = preprocessingPart(record.preprocessing, TENSORS.input, p);
  const net = networkPart(pre.output, weights, geometry, features);
  const parts = [pre, net];
  const novelty = options.novelty === false ? undefined : noveltyFor(options.novelty, net, record.model.classes);
  if (novelty) parts.push(novelty.part);
  const outputs = [
    floatValueInfo(TENSORS.logits, ['batch', c], 'class scores before softmax'),
    floatValueInfo(TENSORS.probabilities, ['batch', c], 'softmax of the logits'),
    ...(novelty ? [floatValueInfo(TENSORS.novelty, ['batch'], 'unknown-sample score: squared Mahalanobis distance of the classifier input to the nearest class mean (threshold in metadata spectracam.novelty)')] : []),
    floatValueInfo(TENSORS.conv3, ['batch', weights.conv[2].filters, g3.outputLength], 'Conv3 feature maps after ReLU (every member\'s, side by side, for an ensemble)'),
  ];
  if (features.includes('conv1')) outputs.push(floatValueInfo(TENSORS.conv1, ['batch', weights.conv[0].filters, g1.outputLength]));
  if (features.includes('conv2')) outputs.push(floatValueInfo(TENSORS.conv2, ['batch', weights.conv[1].filters, g2.outputLength]));
  if (alignment) {
    const basis = camBasisFor(g3.centres, p, alignment);
    if (basis.length !== g3.outputLength * p) {
      throw new RangeError(`camBasis returned ${basis.length} values, expected ${g3.outputLength} x ${p}`);
    }
    parts.push(camPart(basis, g3.outputLength, p));
    if (wantsCam) outputs.push(floatValueInfo(TENSORS.cam, ['batch', c, p], `class activation maps (${alignment} alignment)`));
  }
  if (attributions.length > 0) {
    parts.push({ ...attributionPart(pre.output, weights, geometry, attributions), output: '' });
    for (const a of ATTRIBUTION_METHODS.filter((m) => attributions.includes(m))) {
      outputs.push(floatValueInfo(ATTRIBUTION_OUTPUTS[a], ['batch', c, p], `${a} attribution of every class, with respect to the preprocessed spectrum`));
    }
  }

  const meta = modelMetadata(record, outputs.map((o) => o.name!), alignment, novelty?.meta);
  const graph: GraphProto = {
    name: 'spectracam_cnn1d',
    node: parts.flatMap((part) => part.nodes),
    initializer: parts.flatMap((part) => part.initializers),
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
