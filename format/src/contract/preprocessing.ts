/**
 * Fitted preprocessing in a plain, JSON-serialisable form. The trainer fits it on the training
 * part; the exporter turns it into ONNX operations, so a deployed model takes raw spectra.
 */
export type Preprocessing =
  /** Study Eq. 9: z_ij = (x_ij - min_j) / (max_j - min_j), per variable j. */
  | { kind: 'minmax-variable'; min: number[]; max: number[] }
  /** Study Eq. 10: one min and max over the whole training matrix. */
  | { kind: 'minmax-global'; min: number; max: number }
  /** Standard normal variate: each spectrum centred and scaled by its own mean and std. */
  | { kind: 'snv' }
  | { kind: 'none' };

export type PreprocessingKind = Preprocessing['kind'];
export const preprocessingKinds: readonly PreprocessingKind[] = ['minmax-variable', 'minmax-global', 'snv', 'none'];
