import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * The ensemble's decision: softmax of the mean of its members' logits. Members output softmax
 * probabilities, and the mean of their logs differs from the mean logits by a constant per
 * spectrum, which softmax removes.
 */
export class MeanLogits extends tfl.layers.Layer {
  static className = 'MeanLogits';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const members = Array.isArray(inputs) ? inputs : [inputs];
    return tf.tidy(() => tf.softmax(tf.div(tf.addN(members.map((p) => tf.log(tf.maximum(p, 1e-30)))), members.length)));
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
  }
}

tf.serialization.registerClass(MeanLogits);
