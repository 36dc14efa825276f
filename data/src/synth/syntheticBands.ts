/** One Raman band of the synthetic set, with its relative height in each class. */
export interface SyntheticBand {
  /** Centre, cm-1. */
  position: number;
  /** Full width at half maximum, cm-1. */
  width: number;
  name: string;
  assignment: string;
  /** True when its height differs by class: an explanation should point here. */
  discriminative: boolean;
  /** Mean height per class, relative to the spectrum's band amplitude. */
  heights: Record<string, number>;
}

export const SYNTHETIC_CLASSES = ['strain-1116', 'strain-498'] as const;

/**
 * The bands the study reports for E. coli (section 3.1). 624 is strong in strain-498, 652 and 735
 * in strain-1116 (as the study's CAMs find); 955, 1040 and 1330 are equal in both classes.
 */
export const SYNTHETIC_BANDS: SyntheticBand[] = [
  { position: 624, width: 12, name: 'aromatic ring', assignment: 'phenylalanine ring deformation', discriminative: true, heights: { 'strain-498': 1.0, 'strain-1116': 0.3 } },
  { position: 652, width: 12, name: 'COO- bend', assignment: 'COO- bending (tyrosine, guanine)', discriminative: true, heights: { 'strain-498': 0.3, 'strain-1116': 0.9 } },
  { position: 735, width: 14, name: 'adenine', assignment: 'adenine ring breathing (AMP, FAD)', discriminative: true, heights: { 'strain-498': 0.45, 'strain-1116': 1.0 } },
  { position: 955, width: 16, name: 'C-N stretch', assignment: 'C-N stretching (proteins)', discriminative: false, heights: { 'strain-498': 0.45, 'strain-1116': 0.45 } },
  { position: 1040, width: 18, name: 'C-C ring breathing', assignment: 'C-C ring breathing / C-O stretching (carbohydrates)', discriminative: false, heights: { 'strain-498': 0.5, 'strain-1116': 0.5 } },
  { position: 1330, width: 20, name: 'adenine / AMP', assignment: 'adenine CH deformation, AMP', discriminative: false, heights: { 'strain-498': 0.7, 'strain-1116': 0.7 } },
];
