import { TENSORS } from '@spectracam/format';
import type { ModelMetadata } from '@spectracam/format';

/** A plain-text description of the model for a person opening the file (Netron, onnx.helper). */
export function docString(meta: ModelMetadata): string {
  const p = meta.geometry.inputLength;
  const n3 = meta.geometry.layers[2]!.outputLength;
  const c = meta.classes.length;
  const axis = meta.axis;
  const first = axis[0];
  const last = axis[axis.length - 1];
  const test = meta.training.metrics.test;
  const pre = (meta.preprocessing as { kind?: string }).kind ?? 'none';
  return [
    `SpectraCAM 1-D CNN classifier of vibrational spectra (format ${meta.formatVersion}, ${meta.producer.name} ${meta.producer.version}).`,
    `Classes (${c}): ${meta.classes.join(', ')}.`,
    `Axis: ${p} variables from ${first} to ${last} ${meta.unit} (exact values in metadata '${'spectracam.axis'}').`,
    `Input '${TENSORS.input}': float32 [batch, ${p}], RAW intensities on that axis; the fitted preprocessing (${pre}) is inside the graph.`,
    `Outputs: '${TENSORS.logits}' and '${TENSORS.probabilities}' [batch, ${c}]; '${TENSORS.conv3}' [batch, 64, ${n3}] (Conv3 feature maps after ReLU, channels-first)` +
      (meta.outputs.includes(TENSORS.conv1) ? `; '${TENSORS.conv1}' [batch, 16, ${meta.geometry.layers[0]!.outputLength}]` : '') +
      (meta.outputs.includes(TENSORS.conv2) ? `; '${TENSORS.conv2}' [batch, 32, ${meta.geometry.layers[1]!.outputLength}]` : '') +
      (meta.outputs.includes(TENSORS.cam)
        ? `; '${TENSORS.cam}' [batch, ${c}, ${p}] (class activation maps, spline basis alignment '${meta.camAlignment}')`
        : '') +
      '.',
    `Class activation map: for class c, m_c(x) = sum_i ${TENSORS.classifierWeight}[c, i] * ${TENSORS.conv3}[i, x] over the ${n3} Conv3 positions ` +
      `(initializer '${TENSORS.classifierWeight}' [${c}, 64]); bring m_c onto the ${p} input variables with a quadratic spline ` +
      `(SciPy interp1d kind='quadratic') whose knots are the receptive-field centres in metadata 'spectracam.geometry' (layers[2].centresOnAxis), ` +
      `then min-max scale to 0..1 per spectrum.`,
    ...(meta.novelty
      ? [
          `Unknown-sample score '${TENSORS.novelty}' [batch]: the squared Mahalanobis distance of the classifier's input ('${meta.novelty.features.tensor}', ${meta.novelty.features.channels} channels) ` +
            `to the nearest class mean (Ledoit-Wolf shared covariance of the training part); above ${Number(meta.novelty.threshold.toPrecision(6))} ` +
            `(the ${100 * meta.novelty.quantile} % quantile on ${meta.novelty.thresholdFrom.spectra} validation spectra, metadata 'spectracam.novelty') the spectrum is unlike the training data: its class is a guess.`,
        ]
      : []),
    `Training: data sha256 ${meta.training.dataSha256.slice(0, 16)}..., split ${meta.training.splitProtocol}` +
      (test === undefined ? '' : `, test accuracy ${(test * 100).toFixed(2)} %`) +
      `, backend ${meta.training.backend}, ${meta.training.epochsRun} epochs.`,
  ].join('\n');
}
