import { readFile } from 'node:fs/promises';
import { parseMetadata, thresholdSpectra, type ModelMetadata } from '@spectracam/format';
import { decodeModel } from '@spectracam/format/onnx';

/** What `spectracam info MODEL` reports: read from the file's metadata alone, no ONNX Runtime session. */
export interface ModelInfo {
  file: string;
  bytes: number;
  formatVersion: number;
  producer: ModelMetadata['producer'];
  opset: number | undefined;
  classes: string[];
  axis: { points: number; first: number; last: number; unit: string };
  preprocessing: ModelMetadata['preprocessing'];
  layers: { name: string; filters: number; kernel: number; stride: number; padding: string; outputLength: number; receptiveField: number }[];
  outputs: string[];
  camAlignment?: string;
  training: ModelMetadata['training'] | null;
  /** The unknown-sample score's fit and threshold; null for files without one. */
  novelty: ModelMetadata['novelty'] | null;
  /** Where a wrapped network came from (`spectracam wrap`, `export --from-tfjs`); absent for our own runs. */
  origin?: ModelMetadata['origin'];
  /** Members of an ensemble exported as one network; absent for one. */
  members?: number;
  /** The network's fixed linear path; absent without one (or in files that do not say). */
  linearPath?: ModelMetadata['linearPath'];
}

export async function describeModelFile(path: string): Promise<ModelInfo> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`cannot read model ${path}: ${(error as Error).message}`, { cause: error });
  }
  const decoded = decodeModel(bytes, path);
  const meta = parseMetadata(decoded.metadata, path);
  let field = 1;
  const layers = meta.geometry.layers.map((l) => {
    // Receptive field of one position of this layer, in input variables (strides of the layers before it).
    const jump = meta.geometry.layers.slice(0, meta.geometry.layers.indexOf(l)).reduce((j, before) => j * before.stride, 1);
    field += (l.kernel - 1) * jump;
    return { name: l.name, filters: l.filters, kernel: l.kernel, stride: l.stride, padding: l.padding, outputLength: l.outputLength, receptiveField: field };
  });
  const opset = decoded.proto.opsetImport?.find((o) => !o.domain)?.version;
  return {
    file: path,
    bytes: bytes.length,
    formatVersion: meta.formatVersion,
    producer: meta.producer,
    opset: opset === undefined || opset === null ? undefined : Number(opset),
    classes: meta.classes,
    axis: { points: meta.axis.length, first: meta.axis[0]!, last: meta.axis[meta.axis.length - 1]!, unit: meta.unit },
    preprocessing: meta.preprocessing,
    layers,
    outputs: decoded.outputs,
    ...(meta.camAlignment ? { camAlignment: meta.camAlignment } : {}),
    training: meta.training ?? null,
    novelty: meta.novelty ?? null,
    ...(meta.origin ? { origin: meta.origin } : {}),
    ...(meta.members ? { members: meta.members } : {}),
    ...(meta.linearPath ? { linearPath: meta.linearPath } : {}),
  };
}

const pct = (x: number | undefined) => (x === undefined || x === null || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(2)} %`);

function preprocessingText(p: ModelMetadata['preprocessing']): string {
  if (!p) return 'not recorded';
  if (p.kind === 'minmax-variable') return 'min-max per variable (fitted on the training part), inside the graph';
  if (p.kind === 'minmax-global') return `min-max over the training matrix (${p.min} .. ${p.max}), inside the graph`;
  if (p.kind === 'snv') return 'standard normal variate per spectrum, inside the graph';
  return 'none: raw intensities';
}

export function modelInfoText(info: ModelInfo): string {
  const t = info.training;
  const lines = [
    `${info.file}: SpectraCAM model, format ${info.formatVersion}, opset ${info.opset ?? '?'}, ${(info.bytes / 1024).toFixed(1)} KiB, by ${info.producer.name} ${info.producer.version}`,
    `  classes:       ${info.classes.join(', ')} (${info.classes.length})`,
    `  axis:          ${info.axis.points} points, ${info.axis.first} .. ${info.axis.last} ${info.axis.unit}; input 'spectra' takes raw intensities on it`,
    `  preprocessing: ${preprocessingText(info.preprocessing)}`,
    `  network:       ${info.layers.map((l) => `${l.name} ${l.filters}x${l.kernel}/${l.stride} (${l.padding}, ${l.outputLength} positions)`).join(' -> ')} -> GAP -> classifier`,
    `                 a ${info.layers.at(-1)!.name} position sees ${info.layers.at(-1)!.receptiveField} input variables${info.members ? `; ${info.members} members side by side (their logits' mean)` : ''}`,
    ...(info.linearPath ? [`  linear path:   PLS-LDA (${info.linearPath.components} latent variables) on the ${info.linearPath.input === 'derivative' ? "spectrum's Savitzky-Golay first derivative" : 'preprocessed spectrum'}, fixed, added to the logits; its channels carry ${info.linearPath.carriers === 'derivative' ? 'the derivative variables' : info.linearPath.input === 'derivative' ? 'the derivative folded onto the input' : 'the input'}`] : []),
    `  outputs:       ${info.outputs.join(', ')}${info.camAlignment ? ` (cam: ${info.camAlignment} alignment)` : ''}`,
  ];
  if (t) {
    lines.push(
      `  trained on:    ${t.dataSource || 'built-in synthetic'} (${t.spectra} spectra, sha256 ${t.dataSha256.slice(0, 12)}...), ${t.splitProtocol} split, seed ${t.splitSeed}`,
      `  accuracy:      train ${pct(t.metrics.train)}, validation ${pct(t.metrics.validation)}${t.fittedOn ? ' (trained on)' : ''}, test ${pct(t.metrics.test)}; ${t.epochsRun} epochs on ${t.backend}`,
    );
  } else if (info.origin) {
    const o = info.origin;
    lines.push(
      `  trained:       elsewhere; wrapped from ${o.format} ${o.file} (sha256 ${o.sha256.slice(0, 12)}...${o.producer ? `, by ${o.producer}` : ''}${o.opset ? `, opset ${o.opset}` : ''})`,
      `  its layers:    ${o.layers.join(', ')}${o.foldedBatchNorms.length ? `; batch normalisation folded in: ${o.foldedBatchNorms.join(', ')}` : ''}${o.mirrored ? '; reads the axis decreasing (reversed in the graph)' : ''}`,
    );
  } else lines.push('  trained on:    not recorded');
  const n = info.novelty;
  if (n) {
    const from = n.thresholdFrom;
    const heldOut = n.residual?.heldOut;
    const residual = n.residual ? `the scaled Q residual of the spectrum${n.residual.binning ? ` in bins of ${n.residual.binning.width} variables` : ''} off the ${n.residual.components} principal components of the training part (${(100 * n.residual.explained).toFixed(1)} % of its variance)${heldOut ? `, scaled with ${heldOut.spectra} training spectra out of fold (${heldOut.folds} folds by ${heldOut.unit})` : ''}` : '';
    const skill = n.featureSkill;
    lines.push(
      n.score === 'residual'
        ? `  unknown if:    novelty > ${Number(n.threshold.toPrecision(6))} (${residual} alone: ${
            skill
              ? `the ${n.features.channels} GAP features' nearest class mean named ${(100 * skill.accuracy).toFixed(1)} % of the validation part against the largest class's ${(100 * skill.noInformationRate).toFixed(1)} %, binomial p ${skill.pValue.toPrecision(2)} >= 0.05: not shown to beat chance`
              : `the network trained on the validation part too, so its ${n.features.channels} GAP features have no held-out spectra to set a threshold with`
          })`
        : `  unknown if:    novelty > ${Number(n.threshold.toPrecision(6))} (${n.residual ? 'the larger of the scaled ' : ''}squared Mahalanobis distance of the ${n.features.channels} GAP features to the nearest class mean, Ledoit-Wolf shrinkage ${n.fit.shrinkage.toFixed(3)}, fitted on ${n.fit.spectra} training spectra` +
          `${n.residual ? `, and ${residual}` : ''})`,
      `                 threshold: the ${100 * n.quantile} % quantile of ${thresholdSpectra(from)} (${from.method === 'gamma' ? 'of a gamma fitted to their scores: too few for an empirical one' : 'empirical'}); ` +
        (from.reference
          ? `flags ${pct(n.flagged.reference)} of them; calibrated ${from.reference.calibratedAt}, replacing ${Number(from.reference.replaced.threshold.toPrecision(6))} (the ${100 * from.reference.replaced.quantile} % quantile of ${thresholdSpectra(from.reference.replaced)})`
          : `flags train ${pct(n.flagged.train ?? undefined)}, validation ${pct(n.flagged.validation ?? undefined)}, test ${pct(n.flagged.test ?? undefined)}`),
    );
  } else lines.push('  unknown if:    no unknown-sample score in this file (exported before it, or with --no-novelty)');
  return `${lines.join('\n')}\n`;
}
