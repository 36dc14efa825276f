import * as tfl from '@tensorflow/tfjs-layers';
import type { io } from '@tensorflow/tfjs-core';

/** The model as the two files of TensorFlow.js' layers format (model.json + one weights file). */
export async function modelToFiles(model: tfl.LayersModel, weightsFileName: string): Promise<{ modelJson: string; weights: Uint8Array }> {
  let captured: io.ModelArtifacts | undefined;
  await model.save({
    save: async (artifacts: io.ModelArtifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  if (!captured?.weightData || !captured.weightSpecs) throw new Error('model.save produced no weights');
  const parts = Array.isArray(captured.weightData) ? captured.weightData : [captured.weightData];
  const total = parts.reduce((n, b) => n + b.byteLength, 0);
  const weights = new Uint8Array(total);
  let offset = 0;
  for (const b of parts) {
    weights.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: [weightsFileName], weights: captured.weightSpecs }],
  });
  return { modelJson, weights };
}

/** Loads a layers model from the text of model.json and the bytes of its single weights file. */
export async function modelFromFiles(modelJson: string, weights: Uint8Array, where: string): Promise<tfl.LayersModel> {
  let parsed: { modelTopology?: object; weightsManifest?: { weights: io.WeightsManifestEntry[] }[] };
  try {
    parsed = JSON.parse(modelJson);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!parsed.modelTopology || !Array.isArray(parsed.weightsManifest)) {
    throw new Error(`${where}: not a TensorFlow.js layers model (expected modelTopology and weightsManifest)`);
  }
  const weightSpecs = parsed.weightsManifest.flatMap((g) => g.weights);
  const expected = weightSpecs.reduce((n, s) => n + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expected) {
    throw new Error(`${where}: the weights file holds ${weights.byteLength} bytes, the manifest needs ${expected}`);
  }
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel({ load: async () => ({ modelTopology: parsed.modelTopology, weightSpecs, weightData }) });
}
