import { preprocessingKinds, type Preprocessing, type PreprocessingKind } from '@spectracam/format';

/**
 * Fits a preprocessing on the TRAINING spectra only (validation and test must not leak into the
 * min/max). `snv` and `none` have nothing to fit.
 */
export function fitPreprocessing(kind: PreprocessingKind, trainSpectra: ArrayLike<number>[]): Preprocessing {
  if (!preprocessingKinds.includes(kind)) {
    throw new RangeError(`unknown preprocessing "${kind}"; expected one of ${preprocessingKinds.join(', ')}`);
  }
  if (kind === 'snv' || kind === 'none') return { kind };
  if (trainSpectra.length === 0) throw new RangeError(`cannot fit ${kind} on no spectra; expected the training part`);
  const p = trainSpectra[0].length;
  trainSpectra.forEach((spectrum, i) => {
    if (spectrum.length !== p) throw new RangeError(`training spectrum ${i + 1} has ${spectrum.length} values; expected ${p}`);
  });
  if (kind === 'minmax-global') {
    let min = Infinity;
    let max = -Infinity;
    for (const spectrum of trainSpectra) {
      for (let j = 0; j < p; j++) {
        if (spectrum[j] < min) min = spectrum[j];
        if (spectrum[j] > max) max = spectrum[j];
      }
    }
    return { kind, min, max };
  }
  const min = new Array<number>(p).fill(Infinity);
  const max = new Array<number>(p).fill(-Infinity);
  for (const spectrum of trainSpectra) {
    for (let j = 0; j < p; j++) {
      if (spectrum[j] < min[j]) min[j] = spectrum[j];
      if (spectrum[j] > max[j]) max[j] = spectrum[j];
    }
  }
  return { kind, min, max };
}
