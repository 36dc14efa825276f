import * as tf from '@tensorflow/tfjs-core';

/** Mean categorical cross-entropy of softmax outputs; clipped like Keras so log(0) never occurs. */
export function crossEntropy(targets: tf.Tensor2D, probabilities: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
    return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.log(clipped)), -1))) as tf.Scalar;
  });
}
