import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Metrics } from '../run/runRecord.js';
import { spectraTensor } from './tensors.js';

export interface Evaluation extends Metrics {
  /** Mean cross-entropy (without the L2 term). */
  loss: number;
  /** Predicted class index per evaluated row. */
  predicted: Int32Array;
}

/** Class probabilities [rows.length][C], computed in chunks to bound memory. */
export function predictProbabilities(model: LayersModel, spectra: Float32Array[], rows: readonly number[], chunk = 256): Float32Array[] {
  const out: Float32Array[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const probs = tf.tidy(() => model.predict(spectraTensor(spectra, part)) as tf.Tensor2D);
    const data = probs.dataSync();
    const c = probs.shape[1];
    probs.dispose();
    for (let i = 0; i < part.length; i++) out.push(Float32Array.from(data.subarray(i * c, (i + 1) * c)));
  }
  return out;
}

/** Accuracy, loss and confusion matrix (confusion[true][predicted]) of `model` on `rows`. */
export function evaluateModel(model: LayersModel, spectra: Float32Array[], labels: Int32Array, classes: number, rows: readonly number[]): Evaluation {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const predicted = new Int32Array(rows.length);
  if (rows.length === 0) return { accuracy: Number.NaN, n: 0, confusion, loss: Number.NaN, predicted };
  const probabilities = predictProbabilities(model, spectra, rows);
  let correct = 0;
  let loss = 0;
  probabilities.forEach((p, i) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[c]! > p[best]!) best = c;
    const truth = labels[rows[i]!]!;
    predicted[i] = best;
    confusion[truth]![best]! += 1;
    if (best === truth) correct++;
    loss -= Math.log(Math.min(Math.max(p[truth]!, 1e-7), 1 - 1e-7));
  });
  return { accuracy: correct / rows.length, n: rows.length, confusion, loss: loss / rows.length, predicted };
}

