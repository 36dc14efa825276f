import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { crossEntropy } from './crossEntropy.js';
import { oneHotTensor, spectraTensor } from './tensors.js';

export interface EpochData {
  spectra: Float32Array[];
  labels: Int32Array;
  classes: number;
}

/**
 * One pass of mini-batch steps over `order` (row indices, already shuffled): loss = mean
 * cross-entropy + the model's L2 terms. Returns the running mean loss and accuracy (as Keras
 * reports them) and whether `shouldStop` cut the pass short after a batch. Yields to the event
 * loop after each batch so an abort signal can arrive mid-epoch.
 */
export async function trainEpoch(
  model: LayersModel,
  optimizer: tf.Optimizer,
  data: EpochData,
  order: readonly number[],
  batchSize: number,
  shouldStop: () => boolean = () => false,
  augment?: { noise: number; random: () => number },
): Promise<{ loss: number; accuracy: number; seen: number; stopped: boolean }> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const [batchLoss, batchHits] = tf.tidy(() => {
      let xs: tf.Tensor3D = spectraTensor(data.spectra, rows);
      // Additive Gaussian noise (seeded) regularises training on small data sets.
      if (augment && augment.noise > 0) {
        xs = tf.add(xs, tf.randomNormal(xs.shape, 0, augment.noise, 'float32', Math.floor(augment.random() * 2 ** 31)));
      }
      const ys = oneHotTensor(data.labels, data.classes, rows);
      let kept: tf.Scalar[] = [];
      optimizer.minimize(
        () => {
          const probabilities = model.apply(xs, { training: true }) as tf.Tensor2D;
          const loss = crossEntropy(ys, probabilities);
          const hits = tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, -1), tf.argMax(ys, -1)), 'float32')) as tf.Scalar;
          kept = [tf.keep(loss), tf.keep(hits)];
          const penalties = model.calculateLosses();
          // minimize() disposes the tensor it is given: never hand it the kept `loss` itself (l2 = 0).
          return penalties.length > 0 ? (tf.addN([loss, ...penalties]) as tf.Scalar) : tf.clone(loss);
        },
        false,
        variables,
      );
      return kept;
    });
    lossSum += batchLoss!.dataSync()[0]! * rows.length;
    correct += batchHits!.dataSync()[0]!;
    seen += rows.length;
    tf.dispose([batchLoss!, batchHits!]);
    // Let signal handlers (Ctrl-C) run between batches; costs microseconds per step.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (shouldStop()) return { loss: lossSum / seen, accuracy: correct / seen, seen, stopped: true };
  }
  return { loss: lossSum / seen, accuracy: correct / seen, seen, stopped: false };
}
