import { alignAxes, decodeText, isSpectrumFileName, parseDelimited, spectrumReaderFor, type FileSpectrum } from '@spectracam/data';
import type { LoadedSpectra } from '../app/appState.js';

/** One file's spectra, each with its own axis, before they are put on one axis. */
interface FileSpectra {
  names: string[];
  axes: Float64Array[];
  values: Float64Array[];
  places: string[];
  labels?: string[];
}

/**
 * Reads the visitor's spectra files in the page (nothing is uploaded) through the reader table
 * Node uses too: instrument files (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec) by their bytes,
 * two-column text as one spectrum, other text as a table with spectra as rows or columns (decimal
 * commas detected). Spectra on different axes are put on their common range; the model resamples
 * them onto its own axis.
 */
export async function readSpectraFiles(files: File[]): Promise<LoadedSpectra> {
  const parts: FileSpectra[] = [];
  for (const file of files) parts.push(await readOne(new Uint8Array(await file.arrayBuffer()), file.name));
  const all: FileSpectra = { names: [], axes: [], values: [], places: [], labels: [] };
  for (const p of parts) {
    all.names.push(...p.names);
    all.axes.push(...p.axes);
    all.values.push(...p.values);
    all.places.push(...p.places);
    if (all.labels && p.labels) all.labels.push(...p.labels);
    else all.labels = undefined;
  }
  if (all.values.length === 0) throw new Error(`${files.map((f) => f.name).join(', ')}: no spectra found`);
  const { axis, spectra } = alignAxes(all.axes, all.values, all.places);
  return {
    source: files.map((f) => f.name).join(', '),
    names: all.names,
    axis: Array.from(axis),
    rows: spectra.map((row) => Array.from(row)),
    labels: all.labels,
  };
}

async function readOne(bytes: Uint8Array, source: string): Promise<FileSpectra> {
  const reader = spectrumReaderFor(source, bytes);
  if (reader.format !== 'two-column' || isSpectrumFileName(source)) return fromSpectra(await reader.parse(bytes, source), source);
  const text = decodeText(bytes);
  if (isTwoColumn(text)) return fromSpectra(await reader.parse(bytes, source), source);
  const raw = parseDelimited(text, { source });
  const labels = raw.fields['label'] ?? raw.fields['class'] ?? raw.layoutLabels;
  return { names: raw.names, axes: raw.axes, values: raw.values, places: raw.places, labels };
}

/** A file's spectra, named as in Node: `file`, `file#name` (a map position, a time step) or `file#k`. */
function fromSpectra(spectra: FileSpectrum[], source: string): FileSpectra {
  const many = spectra.length > 1;
  return {
    names: spectra.map((spectrum, s) => (many ? `${stem(source)}#${spectrum.name ?? s + 1}` : stem(source))),
    axes: spectra.map((s) => s.axis),
    values: spectra.map((s) => s.values),
    places: spectra.map((_, s) => (many ? `${source} spectrum ${s + 1}` : source)),
  };
}

/** A text whose first data line is two numbers (x, y) holds one spectrum. */
function isTwoColumn(text: string): boolean {
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (!first) return false;
  const cells = first.trim().split(/[\t;,]|\s+/).filter((c) => c !== '');
  return cells.length === 2 && cells.every((c) => Number.isFinite(Number(c)));
}

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}
