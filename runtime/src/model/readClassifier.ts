import { TENSORS } from '@spectracam/format';
import type { DecodedModel } from '@spectracam/format/onnx';

/**
 * The dense layer's weights, read from the file: CAM needs them and they travel inside the
 * model, so any runtime that can run the graph can also explain it.
 */
export function readClassifier(decoded: DecodedModel, classes: number, channels: number, name: string) {
  const weight = decoded.initializers.get(TENSORS.classifierWeight);
  const bias = decoded.initializers.get(TENSORS.classifierBias);
  if (!weight || !bias) {
    const missing = !weight ? TENSORS.classifierWeight : TENSORS.classifierBias;
    throw new Error(`${name}: not a SpectraCAM model: missing float initializer ${missing}`);
  }
  if (weight.dims.join() !== `${classes},${channels}` || bias.dims.join() !== `${classes}`) {
    throw new Error(
      `${name}: ${TENSORS.classifierWeight} is [${weight.dims}] and ${TENSORS.classifierBias} [${bias.dims}]; expected [${classes},${channels}] and [${classes}] for ${classes} classes`,
    );
  }
  return { weight: weight.data, bias: bias.data };
}
