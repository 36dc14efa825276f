import { TENSORS, thresholdSpectra } from '@spectracam/format';
import type { ModelMetadata } from '@spectracam/format';

/** A plain-text description of the model for a person opening the file (Netron, onnx.helper). */
export function docString(meta: ModelMetadata): string {
  const p = meta.geometry.inputLength;
  const layers = meta.geometry.layers;
  const last = layers.find((l) => l.name === 'conv3')!;
  const n3 = last.outputLength;
  const k = last.filters;
  const c = meta.classes.length;
  const axis = meta.axis;
  const first = axis[0];
  const end = axis[axis.length - 1];
  const pre = meta.preprocessing?.kind ?? 'none';
  const feature = (name: 'conv1' | 'conv2') => {
    const layer = layers.find((l) => l.name === name);
    return meta.outputs.includes(TENSORS[name]) && layer ? `; '${TENSORS[name]}' [batch, ${layer.filters}, ${layer.outputLength}]` : '';
  };
  return [
    `SpectraCAM 1-D CNN classifier of vibrational spectra (format ${meta.formatVersion}, ${meta.producer.name} ${meta.producer.version}).`,
    `Classes (${c}): ${meta.classes.join(', ')}.`,
    `Axis: ${p} variables from ${first} to ${end} ${meta.unit} (exact values in metadata '${'spectracam.axis'}').`,
    `Input '${TENSORS.input}': float32 [batch, ${p}], RAW intensities on that axis; the fitted preprocessing (${pre}) is inside the graph.`,
    `Outputs: '${TENSORS.logits}' and '${TENSORS.probabilities}' [batch, ${c}]; '${TENSORS.conv3}' [batch, ${k}, ${n3}] (feature maps of the last conv layer after ReLU, channels-first)` +
      feature('conv1') +
      feature('conv2') +
      (meta.outputs.includes(TENSORS.cam)
        ? `; '${TENSORS.cam}' [batch, ${c}, ${p}] (class activation maps, spline basis alignment '${meta.camAlignment}')`
        : '') +
      '.',
    `Class activation map: for class c, m_c(x) = sum_i ${TENSORS.classifierWeight}[c, i] * ${TENSORS.conv3}[i, x] over the ${n3} positions of ${TENSORS.conv3} ` +
      `(initializer '${TENSORS.classifierWeight}' [${c}, ${k}]); bring m_c onto the ${p} input variables with a quadratic spline ` +
      `(SciPy interp1d kind='quadratic') whose knots are the receptive-field centres in metadata 'spectracam.geometry' (the conv3 layer's centresOnAxis), ` +
      `then min-max scale to 0..1 per spectrum.`,
    ...(meta.novelty ? [noveltySentence(meta.novelty)] : []),
    provenance(meta),
  ].join('\n');
}

/** What the `novelty` output is: one half, or the larger of the two, each over its scale. */
export function noveltySentence(n: NonNullable<ModelMetadata['novelty']>): string {
  const r = n.residual;
  const num = (v: number) => Number(v.toPrecision(6));
  const distance = `the squared Mahalanobis distance of the classifier's input ('${n.features.tensor}', ${n.features.channels} channels) to the nearest class mean (Ledoit-Wolf shared covariance of the training part)`;
  const residual = r
    ? `the Q residual of the preprocessed spectrum ('${r.tensor}'${r.binning ? `, averaged in bins of ${r.binning.width} variables` : ''}) off the training part's ${r.components}-component principal subspace ` +
      `(initializers '${TENSORS.noveltyInputMean}', '${TENSORS.noveltyInputBasis}') divided by ${num(r.scale.residual)}`
    : '';
  const score =
    n.score === 'residual'
      ? `${residual} (alone: the classifier's features were not shown to tell the validation part's classes apart better than chance, binomial p >= 0.05)`
      : r?.scale.mahalanobis !== undefined
        ? `the larger of ${distance} divided by ${num(r.scale.mahalanobis)}, and ${residual}`
        : distance;
  return `Unknown-sample score '${TENSORS.novelty}' [batch]: ${score}; above ${num(n.threshold)} ` +
    `(the ${100 * n.quantile} % quantile on ${thresholdSpectra(n.thresholdFrom)}, metadata 'spectracam.novelty') the spectrum is unlike the training data: its class is a guess.`;
}

function provenance(meta: ModelMetadata): string {
  const t = meta.training;
  if (t) {
    const test = t.metrics.test;
    return (
      `Training: data sha256 ${t.dataSha256.slice(0, 16)}..., split ${t.splitProtocol}` +
      (test === undefined ? '' : `, test accuracy ${(test * 100).toFixed(2)} %`) +
      `, backend ${t.backend}, ${t.epochsRun} epochs.`
    );
  }
  const o = meta.origin;
  if (!o) return 'Training: not recorded.';
  return (
    `Trained elsewhere: wrapped from ${o.format} file ${o.file} (sha256 ${o.sha256.slice(0, 16)}...${o.producer ? `, by ${o.producer}` : ''}); ` +
    `its layers ${o.layers.join(', ')}` +
    (o.foldedBatchNorms.length ? ` (batch normalisation ${o.foldedBatchNorms.join(', ')} folded into the conv weights)` : '') +
    (o.mirrored ? '; mirrored to read the increasing axis' : '') +
    '.'
  );
}
