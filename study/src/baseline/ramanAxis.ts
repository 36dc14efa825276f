import type { Dataset } from '@spectracam/data';

/**
 * Whether a data set looks like Raman: wavenumbers (cm-1) reaching below 400 cm-1, where a
 * Raman shift axis usually starts and a mid-infrared one never does (its optics stop near
 * 400-650 cm-1). The study preprocesses Raman spectra for PLS-LDA (baseline + first derivative).
 */
export function looksRaman(dataset: Pick<Dataset, 'axis' | 'unit'>): boolean {
  return dataset.unit === 'cm-1' && dataset.axis.length > 0 && dataset.axis[0]! < 400;
}
