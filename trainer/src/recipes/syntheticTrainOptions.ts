import type { TrainOptions } from '../train/trainOptions.js';

/**
 * The training recipe for the built-in synthetic Raman set (generateSynthetic): one source of
 * truth for the quickstart, `spectracam train` without --data, the web demo's example model and
 * the explanation-targets test. The general defaults (trainOptions.ts) are tuned for meat; these
 * were measured on the synthetic set (bench/src/explainTargets.ts):
 * - `snv`: each spectrum carries a random offset of 500-3000 that min-max scaling per variable
 *   keeps; SNV removes it per spectrum, so the bands are what varies.
 * - kernels 21, 11, 11 with strides 2, 2, 1: Conv3 every 4 variables (~4.5 cm-1), so map peaks
 *   can land on a band (stride 8 put them ~10 cm-1 off); a receptive field of 81 variables
 *   (~90 cm-1) sees 624 and 652 cm-1 together, whose ratio separates the strains.
 * - padding 'valid': with 'same', Conv3 positions at the ends see zero padding next to an SNV
 *   spectrum that is far from zero, a step the filters answer; some maps then peaked at 50 cm-1
 *   (10 of 168 test spectra). 'valid' has no such edge, and its receptive-field centres no longer
 *   fill the axis evenly, so 'stretch' knots sit up to 40 variables off: on one run (seed 1)
 *   86 % of maps peaked on a band with 'receptive-field' against 62 % with 'stretch'.
 * - 20 epochs at learning rate 3e-3, batch 32: 12 left some splits at 77 % test accuracy; 20 gave
 *   100 % (seed 1), about 45 s on the wasm backend (853 spectra).
 *
 * Open (issue 4): >= 95 % of map peaks within 10 cm-1 of a discriminative band is not reached,
 * and seed 1 is a good seed: over seeds 1-5 (bench/src/explainTargets.ts --seeds 1,2,3,4,5)
 * receptive-field gives 86, 73, 40, 60, 27 % and stretch 62, 51, 59, 2, 66 % (stretch ahead on
 * seeds 3 and 5). Each model puts all peaks of a class at one offset from a band (spread a few
 * cm-1; medians from -17 to +22 cm-1 over these seeds): GAP discards position and 624 and 652 cm-1
 * have the same shape, so the network must see both bands in one receptive field and its evidence
 * (their height ratio) sits wherever its filters placed it, up to half a receptive field away.
 * Smaller receptive fields were measured and are worse: kernels 21,11,5 (57 variables) gave
 * 0, 3, 37 % (seeds 1-3); 11,5,5 (35 variables, 40 epochs) stayed at the majority class (test
 * accuracy 0.6), as 9,5,3 and 11,5,5 did in a PyTorch screen of the same network.
 * Knots moved by each class's effective receptive field (the median |gradient|-weighted centre
 * of the peak Conv3 position's input gradient, over 64 training spectra of the class) were
 * measured too and do not follow the offsets: on seeds 1-5 they gave 96, 14, 24, 44, 39 %
 * (seed 3's strain-1116 peaks sit 21 cm-1 off a band while its gradient centre is 6 cm-1 off the
 * receptive-field centre). More data does not settle it either: with 2500 spectra instead of 853
 * (same recipe), seeds 1-3 gave 94, 66, 31 % with receptive-field and 66, 90, 57 % with stretch.
 */
export const SYNTHETIC_TRAIN_OPTIONS: Readonly<Partial<TrainOptions>> = Object.freeze({
  epochs: 20,
  preprocess: 'snv',
  kernels: [21, 11, 11],
  strides: [2, 2, 1],
  padding: 'valid',
  learningRate: 3e-3,
  batchSize: 32,
} satisfies Partial<TrainOptions>);
