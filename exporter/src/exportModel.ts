import type { LayersModel, RunRecord } from '@spectracam/trainer';
import { derivativeSource } from './graph/derivativeSource.js';
import { networkWeights } from './graph/networkWeights.js';
import { carryDerivative } from './graph/linearPathWeights.js';
import { modelMetadata } from './metadata.js';
import { assembleModel } from './assembleModel.js';
import type { BuiltModel } from './assembleModel.js';
import type { ExportOptions } from './exportOptions.js';

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
 * Turns a trained run (its record and tfjs model) into one self-describing ONNX ModelProto:
 * raw spectra in, preprocessing + CNN + classifier in the graph, logits, probabilities and
 * feature maps out, everything a runtime needs in metadata_props. Pure: returns the bytes.
 */
export function exportModel(record: RunRecord, model: LayersModel, options: ExportOptions = {}): Uint8Array {
  return buildOnnx(record, model, options).bytes;
}

/** exportModel plus what went into the file (for sizes and summaries). */
export function buildOnnx(record: RunRecord, model: LayersModel, options: ExportOptions = {}): BuiltModel {
  checkRecord(record);
  const geometry = record.model.geometry;
  const read = networkWeights(model, geometry);
  // D is built where the carriers read it (newer runs say so) or `contribution` does; older runs carry the path folded.
  const path = record.model.linearReadout;
  const carried = path?.carriers === 'derivative';
  const derivativeCoef = carried || options.attributions?.includes('contribution') ? path?.derivativeCoef : undefined;
  const derivative = read.linearPath && derivativeCoef ? derivativeSource(record, Float32Array.from(derivativeCoef), read.classes) : undefined;
  const weights = !derivative ? read : carried ? carryDerivative(read, derivative, geometry) : { ...read, linearPath: { ...read.linearPath!, derivative } };
  if (weights.classes !== record.model.classes.length) {
    throw new RangeError(
      `layer 'classifier' has ${weights.classes} outputs but run.json lists ${record.model.classes.length} classes`,
    );
  }
  return assembleModel(
    {
      preprocessing: record.preprocessing,
      weights,
      geometry,
      metadata: (outputs, alignment, novelty) => modelMetadata(record, outputs, alignment, novelty),
      ...(options.novelty === false ? {} : { novelty: { options: options.novelty, classes: record.model.classes, validationHeldOut: record.training.fittedOn === undefined } }),
    },
    options,
  );
}
