import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { ready } from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';
import type { ForeignNetwork } from './foreignNetwork.js';
import { matchLayersModel } from './tfjsLayers.js';
import { matchGraphModel } from './tfjsGraph.js';

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology?: { node?: unknown[]; class_name?: string; model_config?: unknown } & Record<string, unknown>;
  weightsManifest?: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  signature?: object;
  userDefinedMetadata?: { [key: string]: {} };
  modelInitializer?: object;
}

/**
 * A TensorFlow.js model (model.json and the weight files its manifest names, beside it) read as the
 * study's family: a layers model through @tensorflow/tfjs-layers, a graph model through
 * @tensorflow/tfjs-converter (tensorflowjs_converter writes either from a Keras model).
 */
export async function readTfjsModel(path: string, text: Uint8Array): Promise<ForeignNetwork> {
  let json: ModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(text)) as ModelJson;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json.modelTopology !== 'object' || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${path}: not a TensorFlow.js model.json (expected modelTopology and weightsManifest)`);
  }
  const graph = json.format === 'graph-model' || Array.isArray(json.modelTopology.node);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  // The shards in manifest order, as TensorFlow.js' own loaders concatenate them.
  const shards: Uint8Array[] = [];
  for (const file of json.weightsManifest.flatMap((group) => group.paths)) {
    const shard = join(dirname(path), file);
    try {
      shards.push(new Uint8Array(await readFile(shard)));
    } catch (error) {
      throw new Error(`${path}: cannot read the weights file ${shard} its manifest names (${(error as Error).message})`, { cause: error });
    }
  }
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((at, s) => (weightData.set(s, at), at + s.length), 0);
  const artifacts: io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
    ...(json.format ? { format: json.format } : {}),
    ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
    ...(json.signature ? { signature: json.signature } : {}),
    ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
    ...(json.modelInitializer ? { modelInitializer: json.modelInitializer } : {}),
  };
  await ready(); // whichever backend is active must be initialised before weights load
  const producer = [json.generatedBy, json.convertedBy].filter((s) => s).join(', ');
  const net = graph ? await matchGraphModel(artifacts, path) : await matchLayersModel(artifacts, path);
  return { ...net, ...(producer ? { producer } : {}) };
}
