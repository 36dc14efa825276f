import onnxProto from 'onnx-proto';
import type { OrtBackend } from '../backend/ortBackend.js';
import type { LoadModelOptions, SpectraModel } from '../types.js';
import { TENSORS } from '../contract.js';
import { decodeModel } from './decodeModel.js';
import { parseMetadata } from './parseMetadata.js';
import { readClassifier } from './readClassifier.js';
import { createSpectraModel } from './createSpectraModel.js';
import { withCoarseMaps } from './withCoarseMaps.js';
import { withOutputs } from './withOutputs.js';
import type { CoarseMaps } from './withCoarseMaps.js';

const { onnx } = onnxProto;

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
  const conv3 = metadata.geometry.layers.find((l) => l.name === 'conv3')!;
  const classifier = readClassifier(decoded, metadata.classes.length, conv3.filters, name);
  const device = options.device ?? backend.defaultDevice;
  const sessionOptions = { threads: options.threads, spinning: options.spinning };
  // predict runs the file's graph cut down to the class scores; the feature maps (the file's graph
  // as it is) and explain's graphs (plus the coarse maps) open on first use, so a model that only
  // classifies never builds them.
  const predictGraph = withOutputs(decoded.proto, [TENSORS.probabilities, TENSORS.logits]);
  const session = await backend.open(onnx.ModelProto.encode(predictGraph).finish(), device, sessionOptions);
  const openFeatures = () => backend.open(bytes, device, sessionOptions);
  const openExplain = (maps: CoarseMaps) =>
    backend.open(withCoarseMaps(decodeModel(bytes, name).proto, maps, metadata.classes.length, conv3.outputLength), device, sessionOptions);
  return createSpectraModel({
    metadata,
    classifier,
    session,
    openFeatures,
    featureOutputs: decoded.outputs,
    openExplain,
    device,
    batchSize: options.batchSize ?? 256,
  });
}
