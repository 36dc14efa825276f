import type { Dataset } from '../dataset.js';

/**
 * The CSV form of a data set with spectra as rows: `id,label,group,<axis values...>`. Values are
 * written with the shortest text that reads back to the same float32, so loading the file gives
 * the same data (and fingerprint) as the generator.
 */
export function datasetToCsv(dataset: Dataset): string {
  const lines = [['id', 'label', ...(dataset.groups ? ['group'] : []), ...Array.from(dataset.axis, String)].join(',')];
  dataset.spectra.forEach((spectrum, i) => {
    const meta = [dataset.ids[i], dataset.labels[i], ...(dataset.groups ? [dataset.groups[i]] : [])];
    lines.push([...meta, ...Array.from(spectrum, shortFloat32)].join(','));
  });
  return `${lines.join('\n')}\n`;
}

function shortFloat32(value: number): string {
  // Fast path: values with two decimals (the generator's) print as such.
  const cents = Math.round(value * 100) / 100;
  if (Math.fround(cents) === value) return String(cents);
  for (let digits = 6; digits < 10; digits++) {
    const text = Number(value.toPrecision(digits)).toString();
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(value);
}
