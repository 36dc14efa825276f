import type { RawSpectra } from '../parse/rawSpectra.js';
import type { FileSpectrum } from './fileSpectrum.js';

/**
 * Adds one file's spectra to `raw` (Node and browsers alike): ids `file`, `file#name` for the
 * named spectra of a map or series, `file#k` for the k-th of several; `place` names the file in
 * messages. The file's declared unit becomes raw's (a note says when files disagree), its reader's
 * note and its all-zero spectra (a map's unfinished points) become notes.
 */
export function addSpectra(raw: RawSpectra, file: string, place: string, spectra: readonly FileSpectrum[], className?: string): void {
  const many = spectra.length > 1;
  const zeros: number[] = [];
  spectra.forEach((spectrum, s) => {
    raw.names.push(many ? `${file}#${spectrum.name ?? s + 1}` : file);
    raw.axes.push(spectrum.axis);
    raw.values.push(spectrum.values);
    raw.places.push(many ? `${place} spectrum ${s + 1}${spectrum.name ? ` (${spectrum.name})` : ''}` : place);
    if (className !== undefined) raw.layoutLabels!.push(className);
    if (spectrum.values.every((v) => v === 0)) zeros.push(s + 1);
  });
  const note = spectra[0]?.note;
  if (note) addNote(raw, note, place);
  if (zeros.length > 0) {
    addNote(raw, `${zeros.length} of ${spectra.length} spectra are all zeros (not acquired?): ${ranges(zeros)}`, place);
  }
  const state = stateOf(raw);
  for (const { unit } of spectra) {
    if (!unit || state.units.has(unit)) continue;
    state.units.add(unit);
    if (state.units.size === 1) raw.unit = unit;
    else {
      if (state.units.size === 2) raw.notes.push(`files give different axis units (${[...state.units].join(', ')}, the last in ${place}); the axis unit is taken from the options or the model`);
      raw.unit = undefined;
    }
  }
}

/** What addSpectra remembers about a RawSpectra between files: the notes given and the units seen. */
interface State {
  notes: Map<string, { index: number; place: string; count: number }>;
  units: Set<string>;
}
const states = new WeakMap<RawSpectra, State>();

function stateOf(raw: RawSpectra): State {
  let state = states.get(raw);
  if (!state) states.set(raw, (state = { notes: new Map(), units: new Set() }));
  return state;
}

/** A note per distinct text: the first file named, later ones counted (a folder of 500 OPUS files says it once). */
function addNote(raw: RawSpectra, text: string, place: string): void {
  const counts = stateOf(raw).notes;
  const seen = counts.get(text);
  if (seen) {
    seen.count++;
    raw.notes[seen.index] = `${seen.place} and ${seen.count - 1} more file${seen.count > 2 ? 's' : ''}: ${text}`;
    return;
  }
  counts.set(text, { index: raw.notes.length, place, count: 1 });
  raw.notes.push(`${place}: ${text}`);
}

/** 1, 2, 3, 7 -> "#1..#3, #7". */
function ranges(indices: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    out.push(j > i ? `#${indices[i]}..#${indices[j]}` : `#${indices[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}
