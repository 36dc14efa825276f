import * as tf from '@tensorflow/tfjs-core';

/** Spectra [n][p] as the model's input tensor [n, p, 1]. */
export function spectraTensor(spectra: Float32Array[], rows: readonly number[] = spectra.map((_, i) => i)): tf.Tensor3D {
  const p = spectra[rows[0] ?? 0]?.length ?? 0;
  const flat = new Float32Array(rows.length * p);
  rows.forEach((r, i) => flat.set(spectra[r]!, i * p));
  return tf.tensor3d(flat, [rows.length, p, 1]);
}

/** One-hot targets [n, C] for class indices. */
export function oneHotTensor(labels: Int32Array | number[], classes: number, rows: readonly number[]): tf.Tensor2D {
  const flat = new Float32Array(rows.length * classes);
  rows.forEach((r, i) => (flat[i * classes + labels[r]!] = 1));
  return tf.tensor2d(flat, [rows.length, classes]);
}
