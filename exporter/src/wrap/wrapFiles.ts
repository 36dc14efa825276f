import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeModel } from '@spectracam/format/onnx';
import type { BuiltModel } from '../assembleModel.js';
import { writeBuiltModel } from '../writeBuiltModel.js';
import type { ExportResult } from '../exportOptions.js';
import { matchOnnx } from './matchOnnx.js';
import { readTfjsModel } from './tfjsModel.js';
import { wrapNetwork } from './wrapNetwork.js';
import type { WrapOptions } from './wrapNetwork.js';

export interface WrapFileOptions extends WrapOptions {
  /** Path of the .onnx file to write (atomically). */
  out: string;
}

/** What was written, and what of the source became the file's layers. */
export interface WrapResult extends ExportResult {
  /** The source's nodes or layers read as conv1..conv3 and the classifier. */
  layers: string[];
  foldedBatchNorms: string[];
  mirrored: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * An ONNX file of the study's family (torch.onnx.export, opset 11-17) as one SpectraCAM model:
 * the same network with the contract's names, geometry and metadata, preprocessing in front.
 * Pure: `name` only serves the messages.
 */
export function wrapOnnxModel(bytes: Uint8Array, name: string, options: WrapOptions): BuiltModel {
  const decoded = decodeModel(bytes, name);
  const net = matchOnnx(decoded.proto, name);
  return wrapNetwork(net, { file: basename(name), sha256: sha256(bytes) }, options);
}

/** Reads an ONNX model, wraps it (wrapOnnxModel) and writes the file atomically. */
export async function wrapOnnxFile(path: string, options: WrapFileOptions): Promise<WrapResult> {
  const started = performance.now();
  const bytes = await readSource(path);
  return write(wrapOnnxModel(bytes, path, options), options, started);
}

/**
 * A Keras model converted with tensorflowjs_converter (or saved by TensorFlow.js), layers or graph
 * model (`model.json` beside its weight files), as one SpectraCAM model file.
 */
export async function exportTfjsModel(modelJson: string, options: WrapFileOptions): Promise<WrapResult> {
  const started = performance.now();
  const text = await readSource(modelJson);
  const net = await readTfjsModel(modelJson, text);
  return write(wrapNetwork(net, { file: basename(modelJson), sha256: sha256(text) }, options), options, started);
}

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`cannot read model ${path}: ${(error as Error).message}`, { cause: error });
  }
}

async function write(built: BuiltModel, options: WrapFileOptions, started: number): Promise<WrapResult> {
  if (typeof options?.out !== 'string' || options.out === '') throw new TypeError("'out' must name the .onnx file to write");
  const written = await writeBuiltModel(built, options.out, options.opset ?? 13, started);
  const { origin } = built.metadata;
  return {
    ...written,
    layers: origin?.layers ?? [],
    foldedBatchNorms: origin?.foldedBatchNorms ?? [],
    mirrored: origin?.mirrored ?? false,
  };
}
