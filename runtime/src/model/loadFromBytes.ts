import type { OrtBackend } from '../backend/ortBackend.js';
import type { LoadModelOptions, SpectraModel } from '../types.js';
import { METADATA_KEYS, parseMetadata, TENSORS } from '@spectracam/format';
import { decodeModel, onnx, type DecodedModel } from '@spectracam/format/onnx';
import { readClassifier } from './readClassifier.js';
import { createSpectraModel } from './createSpectraModel.js';
import { withCoarseMaps } from './withCoarseMaps.js';
import { withOutputs } from './withOutputs.js';
import type { CoarseMaps } from './withCoarseMaps.js';

/** Reads, checks and opens a model's bytes on one backend; shared by the Node and web entries. */
export async function loadFromBytes(
  bytes: Uint8Array,
  name: string,
  backend: OrtBackend,
  options: LoadModelOptions = {},
): Promise<SpectraModel> {
  const decoded = decodeModel(bytes, name);
  const metadata = parseMetadata(decoded.metadata, name);
  for (const output of [TENSORS.probabilities, TENSORS.logits, TENSORS.conv3]) {
    if (!decoded.outputs.includes(output)) {
      throw new Error(`${name}: not a SpectraCAM model: the graph has no output '${output}' (outputs: ${decoded.outputs.join(', ')})`);
    }
  }
  if (!decoded.inputs.includes(TENSORS.input)) {
    throw new Error(`${name}: not a SpectraCAM model: the graph has no input '${TENSORS.input}'`);
  }
  // The unknown-sample score: its output and its threshold travel together, or neither (older files).
  if (metadata.novelty && !decoded.outputs.includes(TENSORS.novelty)) {
    throw new Error(`${name}: metadata ${METADATA_KEYS.novelty} describes an unknown-sample score, but the graph has no '${TENSORS.novelty}' output`);
  }
  const scores = metadata.novelty ? [TENSORS.novelty] : [];
  const conv3 = metadata.geometry.layers.find((l) => l.name === 'conv3')!;
  const classifier = readClassifier(decoded, metadata.classes.length, conv3.filters, name);
  const device = options.device ?? backend.defaultDevice;
  const sessionOptions = { threads: options.threads, spinning: options.spinning, wasmPaths: options.wasmPaths };
  // Each graph opens on first use: predict's (the file's graph cut down to the class scores), the
  // feature maps' (the file's graph as it is) and explain's (plus the coarse maps). The device is
  // checked now, so a wrong name fails at load.
  backend.checkDevice(device);
  // The graph transforms change the decoded model in place: the first takes the one decoded above.
  let unused: DecodedModel['proto'] | undefined = decoded.proto;
  const freshProto = () => {
    const proto = unused ?? decodeModel(bytes, name).proto;
    unused = undefined;
    return proto;
  };
  const openPredict = () => backend.open(onnx.ModelProto.encode(withOutputs(freshProto(), [TENSORS.probabilities, TENSORS.logits, ...scores])).finish(), device, sessionOptions);
  const openFeatures = () => backend.open(bytes, device, sessionOptions);
  const openAttribution = (output: string) =>
    backend.open(onnx.ModelProto.encode(withOutputs(freshProto(), [TENSORS.probabilities, TENSORS.logits, ...scores, output])).finish(), device, sessionOptions);
  const openExplain = (maps: CoarseMaps) =>
    backend.open(withCoarseMaps(freshProto(), maps, metadata.classes.length, conv3.outputLength, scores), device, sessionOptions);
  return createSpectraModel({
    metadata,
    classifier,
    openPredict,
    openFeatures,
    featureOutputs: decoded.outputs,
    openExplain,
    openAttribution,
    scores,
    device,
    batchSize: options.batchSize ?? 256,
  });
}
