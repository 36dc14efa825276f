import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { parseJcamp } from './parse/parseJcamp.js';
import { parseTwoColumn } from './parse/parseTwoColumn.js';

const JCAMP_EXTENSIONS = new Set(['.jdx', '.dx', '.jcamp']);

/**
 * Reads a folder with one sub-folder per class, each holding one-spectrum files: JCAMP-DX
 * (.jdx, .dx, .jcamp) or two-column text (anything else). Hidden files are skipped.
 * Sample name = file name; class = sub-folder name.
 */
export async function readFolder(folder: string): Promise<RawSpectra> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const classDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const raw: RawSpectra = { source: folder, names: [], axes: [], values: [], places: [], fields: {}, layoutLabels: [], notes: [] };
  const units = new Set<string>();
  for (const className of classDirs) {
    const dir = join(folder, className);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort(naturalCompare);
    const parsed = await Promise.all(
      files.map(async (file) => {
        const path = join(dir, file);
        const text = await readFile(path, 'utf8');
        return { file, path, spectrum: JCAMP_EXTENSIONS.has(extname(file).toLowerCase()) ? parseJcamp(text, path) : parseTwoColumn(text, path) };
      }),
    );
    for (const { file, path, spectrum } of parsed) {
      raw.names.push(file);
      raw.axes.push(spectrum.axis);
      raw.values.push(spectrum.values);
      raw.places.push(path);
      raw.layoutLabels!.push(className);
      const unit = 'unit' in spectrum ? spectrum.unit : undefined;
      if (typeof unit === 'string' && unit !== '') units.add(unit);
    }
  }
  if (raw.values.length === 0) {
    const loose = entries.filter((e) => e.isFile()).length;
    throw new Error(
      `${folder}: no spectra found; expected one sub-folder per class holding one-spectrum files` +
        (loose > 0 ? ` (the ${loose} files directly in ${basename(folder)} are not read: move them into class folders)` : ''),
    );
  }
  if (units.size > 1) raw.notes.push(`files give different axis units (${[...units].join(', ')})`);
  return raw;
}

/** `cell2` before `cell10`: file listings read as people number them. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** True when `path` is a directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new Error(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); expected a data file or folder`, { cause: error });
  }
}
