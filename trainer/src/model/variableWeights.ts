import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A learned weight per input variable, multiplied into the (preprocessed) spectrum before Conv1:
 * the "variable weighted CNN" of Ni et al. 2019. Global average pooling throws position away;
 * with these weights the network can still read where a band is, down to a linear readout of the
 * whole spectrum. Everything stays before the last conv layer, so the CAM is still exact.
 */
export class VariableWeights extends tfl.layers.Layer {
  static className = 'VariableWeights';
  private kernel: tfl.LayerVariable | undefined;

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    this.kernel = this.addWeight('kernel', [shape[1]!, 1], 'float32', tfl.initializers.ones());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.mul(x, this.kernel!.read());
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }
}

tf.serialization.registerClass(VariableWeights);
