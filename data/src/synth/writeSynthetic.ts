import { join } from 'node:path';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { Dataset } from '../dataset.js';
import type { GroundTruth } from './generateSynthetic.js';
import { datasetToCsv } from './syntheticCsv.js';

export const SYNTHETIC_FILES = { spectra: 'synthetic.csv', groundTruth: 'ground-truth.json' } as const;

/** Writes DIR/synthetic.csv and DIR/ground-truth.json atomically; returns their paths. */
export async function writeSynthetic(dir: string, result: { dataset: Dataset; groundTruth: GroundTruth }): Promise<{ spectra: string; groundTruth: string }> {
  const spectra = join(dir, SYNTHETIC_FILES.spectra);
  const groundTruth = join(dir, SYNTHETIC_FILES.groundTruth);
  await writeFileAtomic(spectra, datasetToCsv(result.dataset));
  await writeFileAtomic(groundTruth, `${JSON.stringify(result.groundTruth, null, 2)}\n`);
  return { spectra, groundTruth };
}
