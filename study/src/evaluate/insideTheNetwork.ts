import type { InsideTheNetwork } from './evaluationResults.js';
import { classifierWeights, featureMaps, linearPathLogits, memberLayer, type LayersModel } from '@spectracam/trainer';
import { closestSavitzkyGolay } from './closestSavitzkyGolay.js';

function meanOf(rows: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(rows[0]!.length);
  for (const r of rows) for (let j = 0; j < out.length; j++) out[j]! += r[j]! / rows.length;
  return out;
}

/**
 * What the study shows of one trained network (Figs 7, 8, A4): feature maps for each class's
 * mean (preprocessed) spectrum, the share of dead maps, the decision for one spectrum, and the
 * Conv1 kernels beside their closest Savitzky-Golay kernels.
 */
export function insideTheNetwork(
  model: LayersModel,
  where: { partition: number; repeat: number },
  classes: readonly string[],
  byClass: ReadonlyMap<string, Float32Array[]>,
  decisionSpectrum: { id: string; trueLabel: string; spectrum: Float32Array },
): InsideTheNetwork {
  const present = classes.filter((c) => (byClass.get(c)?.length ?? 0) > 0);
  const maps = featureMaps(model, present.map((c) => meanOf(byClass.get(c)!)));
  const toArrays = (m: Float32Array[]) => m.map((row) => Array.from(row));
  const featureMapsByClass: InsideTheNetwork['featureMaps'] = {};
  present.forEach((c, i) => (featureMapsByClass[c] = { conv1: toArrays(maps[i]!.conv1), conv2: toArrays(maps[i]!.conv2), conv3: toArrays(maps[i]!.conv3) }));
  const dead = (layer: 'conv1' | 'conv2' | 'conv3') => {
    const all = maps.flatMap((m) => m[layer]);
    return all.filter((row) => row.every((v) => v === 0)).length / Math.max(1, all.length);
  };
  const { rows, bias } = classifierWeights(model);
  const [one] = featureMaps(model, [decisionSpectrum.spectrum]);
  const gap = one!.conv3.map((row) => row.reduce((s, v) => s + v, 0) / row.length);
  // The linear path adds its own logit to each class's sum: without it the sums are not the decision.
  const path = linearPathLogits(model, decisionSpectrum.spectrum);
  const sums = rows.map((w, c) => w.reduce((s, wi, i) => s + wi * gap[i]!, 0) + bias[c]! + (path?.[c] ?? 0));
  let best = 0;
  sums.forEach((s, c) => s > sums[best]! && (best = c));
  // Conv1 of the first member: an ensemble's members are alike in kind.
  const [kernel] = memberLayer(model, 'conv1').getWeights();
  const [k, , filters] = kernel!.shape as [number, number, number];
  const kd = kernel!.dataSync();
  const kernels = Array.from({ length: filters }, (_, f) => {
    const taps = Array.from({ length: k }, (_, t) => kd[t * filters + f]!);
    return { filter: f, kernel: taps, match: k >= 3 ? closestSavitzkyGolay(taps) : { window: 1, order: 0, derivative: 0, coefficients: taps.map(() => 1), cosine: 1 } };
  });
  return {
    ...where,
    featureMaps: featureMapsByClass,
    deadShare: { conv1: dead('conv1'), conv2: dead('conv2'), conv3: dead('conv3') },
    weights: rows,
    bias,
    decision: { id: decisionSpectrum.id, trueLabel: decisionSpectrum.trueLabel, predicted: classes[best]!, gap, sums, ...(path ? { path } : {}) },
    kernels,
  };
}
