import { TENSORS } from '@spectracam/format';
import type { GraphPart } from './graph/graphParts.js';
import { noveltyPart } from './graph/noveltyPart.js';
import { fitNovelty } from './novelty/fitNovelty.js';
import type { NoveltyOptions } from './exportOptions.js';

export type NoveltyMeta = ReturnType<typeof fitNovelty>['meta'];

/**
 * The unknown-sample score's graph part, fitted on the run's features. It reads the classifier
 * Gemm's input (the GAP vector), whose width K comes from `classifier.weight` [C, K]; features of
 * another width were computed by another network and are refused.
 */
export function noveltyFor(
  options: NoveltyOptions | undefined,
  net: GraphPart,
  classes: readonly string[],
  /** The preprocessed spectra [batch, p], and the same as a one-row image when the graph has one. */
  preprocessed: { tensor: string; image?: string },
  p: number,
  /** A [batch] flag of spectra without shape (SNV's, or constantPart's), scored unknown. */
  flat?: string,
  /** A linear path's carriers among the features (NetworkWeights.linearCarriers), which the score leaves out. */
  carriers?: ArrayLike<number>,
  /** false where the networks trained on the validation part too (see fitNovelty). */
  validationHeldOut = true,
): { part: GraphPart; meta: NoveltyMeta } {
  if (!options?.features) {
    throw new Error(
      'no GAP features of the run to fit the unknown-sample score on: pass novelty: { features } (trainRun returns them, readRun reads them from a run directory), or novelty: false for a file without the score',
    );
  }
  const classifier = net.nodes.find((n) => n.opType === 'Gemm' && (n.input ?? [])[1] === TENSORS.classifierWeight);
  const weight = net.initializers.find((t) => t.name === TENSORS.classifierWeight);
  const input = classifier?.input?.[0];
  if (!input || !weight?.dims || weight.dims.length !== 2) throw new Error(`the network part has no classifier Gemm on ${TENSORS.classifierWeight}`);
  const k = Number(weight.dims[1]);
  if (options.features.channels !== k) {
    throw new RangeError(`the run's features have ${options.features.channels} channels but the classifier reads ${k}: they were computed by another network; train the run again`);
  }
  const fit = fitNovelty(options.features, classes, options.quantile, carriers, validationHeldOut);
  const { residual } = fit;
  const subspaceVariables = residual?.binning ? Math.floor(p / residual.binning.width) : p;
  if (residual && (residual.mean.length !== subspaceVariables || (residual.inputLength !== undefined && residual.inputLength !== p))) {
    const expected = residual.binning ? `${subspaceVariables} (the model's ${p} in bins of ${residual.binning.width})` : `${p}`;
    const fitted = residual.inputLength !== undefined ? ` (bins of spectra of ${residual.inputLength})` : '';
    throw new RangeError(`the run's input subspace has ${residual.mean.length} variables${fitted} but the model gives it ${expected}: it was fitted on other data; train the run again`);
  }
  const part = noveltyPart(input, fit.whitening, fit.whitenedMeans, k, classes.length, residual ? { input: preprocessed.tensor, image: preprocessed.image, p, ...residual } : undefined, flat);
  const meta = { ...fit.meta, features: { tensor: input, channels: k }, ...(fit.meta.residual ? { residual: { ...fit.meta.residual, tensor: preprocessed.tensor } } : {}) };
  return { part, meta };
}
