import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * The network's linear path: probabilities = softmax(cnnLogits + (x - centre) . coef + intercept),
 * with coef [p, C] fixed (not trained) at a linear discriminant fitted on the training part. Inputs: the
 * (preprocessed) spectra [batch, p, 1] and the classifier's logits [batch, C]. The exporter writes
 * it as extra Conv3 channels, so the CAM stays exact.
 */
export class LinearReadout extends tfl.layers.Layer {
  static className = 'LinearReadout';
  private kernel: tfl.LayerVariable | undefined;
  private centre: tfl.LayerVariable | undefined;
  private bias: tfl.LayerVariable | undefined;
  private readonly values: { coef: Float32Array; centre: Float32Array; intercept: Float32Array } | undefined;

  constructor(args: { name?: string; trainable?: boolean; values?: { coef: Float32Array; centre: Float32Array; intercept: Float32Array } }) {
    const { values, ...rest } = args;
    super(rest);
    this.values = values;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const [spectra, logits] = inputShape as tfl.Shape[];
    const p = spectra![1]!;
    const c = logits![1]!;
    this.kernel = this.addWeight('kernel', [p, c], 'float32', tfl.initializers.zeros(), undefined, false);
    this.centre = this.addWeight('centre', [p], 'float32', tfl.initializers.zeros(), undefined, false);
    this.bias = this.addWeight('bias', [c], 'float32', tfl.initializers.zeros(), undefined, false);
    if (this.values) {
      this.kernel.write(tf.tensor2d(this.values.coef, [p, c]));
      this.centre.write(tf.tensor1d(this.values.centre));
      this.bias.write(tf.tensor1d(this.values.intercept));
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [spectra, logits] = inputs as tf.Tensor[];
    return tf.tidy(() => {
      const x = tf.sub(tf.reshape(spectra!, [spectra!.shape[0]!, -1]), this.centre!.read()) as tf.Tensor2D;
      return tf.softmax(tf.add(tf.add(logits!, tf.matMul(x, this.kernel!.read() as tf.Tensor2D)), this.bias!.read()));
    });
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return (inputShape as tfl.Shape[])[1]!;
  }
}

tf.serialization.registerClass(LinearReadout);
