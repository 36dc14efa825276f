import { PseudoVoigt } from 'ml-peak-shape-generator';
import type { Dataset } from '../dataset.js';
import { createPrng } from '../random/prng.js';
import { SYNTHETIC_BANDS, SYNTHETIC_CLASSES, type SyntheticBand } from './syntheticBands.js';

export interface SyntheticOptions {
  /** @default 1 */
  seed?: number;
  /** Number of spectra. @default 853 (the study's E. coli set) */
  spectra?: number;
}

export interface GroundTruth {
  format: 'spectracam-synthetic-ground-truth';
  version: 1;
  seed: number;
  classes: string[];
  axis: { start: number; end: number; points: number; unit: 'cm-1' };
  bands: SyntheticBand[];
  /** Spectra per biological replicate (one group). */
  replicateSize: number;
  description: string;
}

const POINTS = 1733;
const START = 50;
const END = 2000;
const REPLICATE_SIZE = 5;
const BAND_REACH = 10;
/**
 * Median band amplitude. Bands stand out of the background as in measured bacterial spectra
 * (median 1000 against offset 500-3000 and fluorescence 200-1500). With the earlier 150 the
 * class signal was ~3 % of the per-spectrum nuisance and confined to ~6 % of the axis: after
 * global average pooling the study's CNN saw ~1/300 signal and stayed at the majority class.
 */
const BAND_AMPLITUDE = 1000;
/** Share of the first class name (strain-498): about 40 % as the study's E. coli set. */
const SHARE_498 = 0.4;

const DESCRIPTION =
  'Synthetic Raman spectra shaped like the study\'s E. coli set: 1733 variables over 50-2000 cm-1, two strains. ' +
  'Each spectrum = baseline offset (uniform 500-3000, independent of class, so global intensity does not separate the classes) ' +
  '+ fluorescence (a broad Gaussian hump, height 200-1500, centre 1200-2600 cm-1, plus a random slope) ' +
  '+ six pseudo-Voigt bands (mu 0.5) with band amplitude A (log-normal, median 1000, so the strongest bands stand about as high as the fluorescence) times the class height, ' +
  'each height jittered by a replicate factor (sd 8 %) and a spectrum factor (sd 10 %), each centre shifted by up to +-2 cm-1 ' +
  '+ Gaussian noise (sd 6). Discriminative: 624 cm-1 is about 3.3x stronger in strain-498; 652 cm-1 (3x) and 735 cm-1 (2.2x) ' +
  'are stronger in strain-1116; 955, 1040 and 1330 cm-1 have the same height in both. Spectra come in biological replicates ' +
  'of 5 (group = replicate), which share their height factors and baseline shape.';

/**
 * Seeded synthetic Raman data with known discriminative bands: the embedded default data set
 * and the ground truth the CAM tests score explanations against.
 */
export function generateSynthetic(options: SyntheticOptions = {}): { dataset: Dataset; groundTruth: GroundTruth } {
  const seed = options.seed ?? 1;
  const n = options.spectra ?? 853;
  if (!Number.isInteger(n) || n < 4) throw new RangeError(`spectra is ${n}; expected an integer of at least 4`);
  const prng = createPrng(seed);
  // Rounded to 1e-4 so the axis survives a trip through CSV exactly.
  const axis = Float64Array.from({ length: POINTS }, (_, i) => Math.round((START + ((END - START) * i) / (POINTS - 1)) * 1e4) / 1e4);
  const shapes = SYNTHETIC_BANDS.map((band) => new PseudoVoigt({ fwhm: band.width, mu: 0.5 }));
  const n498 = Math.round(n * SHARE_498);
  const ids: string[] = [];
  const labels: string[] = [];
  const groups: string[] = [];
  const spectra: Float32Array[] = [];
  for (const [label, count] of [['strain-498', n498], ['strain-1116', n - n498]] as const) {
    let replicate: { id: string; factors: number[]; hump: number; width: number } | undefined;
    for (let k = 0; k < count; k++) {
      if (k % REPLICATE_SIZE === 0) {
        replicate = {
          id: `${label}-rep${String(k / REPLICATE_SIZE + 1).padStart(3, '0')}`,
          factors: SYNTHETIC_BANDS.map(() => 1 + 0.08 * prng.normal()),
          hump: prng.uniform(1200, 2600),
          width: prng.uniform(800, 1500),
        };
      }
      const rep = replicate!;
      const offset = prng.uniform(500, 3000);
      const fluorescence = prng.uniform(200, 1500);
      const slope = prng.uniform(-0.2, 0.2);
      const amplitude = BAND_AMPLITUDE * Math.exp(0.35 * prng.normal());
      const bands = SYNTHETIC_BANDS.map((band, b) => ({
        centre: band.position + prng.uniform(-2, 2),
        height: amplitude * band.heights[label] * rep.factors[b] * Math.max(0.2, 1 + 0.1 * prng.normal()),
      }));
      const y = new Float64Array(POINTS);
      for (let i = 0; i < POINTS; i++) {
        const x = axis[i];
        y[i] = offset + fluorescence * Math.exp(-(((x - rep.hump) / rep.width) ** 2)) + slope * (x - START) + 6 * prng.normal();
      }
      // Bands only within +-BAND_REACH widths: beyond it the tail is below a tenth of the noise.
      bands.forEach(({ centre, height }, b) => {
        const reach = BAND_REACH * SYNTHETIC_BANDS[b].width;
        const first = Math.max(0, Math.ceil(((centre - reach - START) / (END - START)) * (POINTS - 1)));
        const last = Math.min(POINTS - 1, Math.floor(((centre + reach - START) / (END - START)) * (POINTS - 1)));
        for (let i = first; i <= last; i++) y[i] += height * shapes[b].fct(axis[i] - centre);
      });
      const row = Float32Array.from(y, (v) => Math.round(v * 100) / 100);
      ids.push(`${label}-${String(k + 1).padStart(4, '0')}`);
      labels.push(label);
      groups.push(rep.id);
      spectra.push(row);
    }
  }
  const classes = [...SYNTHETIC_CLASSES].sort();
  const dataset: Dataset = { ids, names: [...ids], labels, classes, groups, axis, unit: 'cm-1', spectra, source: `synthetic (seed ${seed})`, warnings: [] };
  const groundTruth: GroundTruth = {
    format: 'spectracam-synthetic-ground-truth',
    version: 1,
    seed,
    classes,
    axis: { start: START, end: END, points: POINTS, unit: 'cm-1' },
    bands: SYNTHETIC_BANDS.map((band) => ({ ...band, heights: { ...band.heights } })),
    replicateSize: REPLICATE_SIZE,
    description: DESCRIPTION,
  };
  return { dataset, groundTruth };
}
