import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { addFileSpectra, readSpectrumFile } from './readSpectrumFile.js';

const OPEN_AT_ONCE = 64;

/** One spectrum file of a folder data set, and the class its sub-folder names. */
export interface FolderFile {
  file: string;
  path: string;
  className: string;
}

/**
 * Reads a folder with one sub-folder per class, each holding spectrum files: JCAMP-DX
 * (.jdx, .dx, .jcamp), SPC (.spc; a multifile gives each of its spectra) or two-column text
 * (anything else). Hidden files are skipped.
 * Sample name = file name; class = sub-folder name.
 */
export async function readFolder(folder: string): Promise<RawSpectra> {
  return readFolderFiles(folder, await listFolder(folder));
}

/**
 * The spectrum files of a folder data set, in reading order (classes, then files, by name as
 * people number them), without reading them: readFolderFiles reads any slice of the list, so a
 * folder of many files can be read a slice at a time. Refuses a folder without such files.
 */
export async function listFolder(folder: string): Promise<FolderFile[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const classDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const listed: FolderFile[] = [];
  for (const className of classDirs) {
    const dir = join(folder, className);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort(naturalCompare);
    for (const file of files) listed.push({ file, path: join(dir, file), className });
  }
  if (listed.length === 0) {
    const loose = entries.filter((e) => e.isFile()).length;
    throw new Error(
      `${folder}: no spectra found; expected one sub-folder per class holding one-spectrum files` +
        (loose > 0 ? ` (the ${loose} files directly in ${basename(folder)} are not read: move them into class folders)` : ''),
    );
  }
  return listed;
}

/** The spectra of `files` (from listFolder(folder)), in their order; a multi-spectrum file gives each. */
export async function readFolderFiles(folder: string, files: readonly FolderFile[]): Promise<RawSpectra> {
  const raw: RawSpectra = { source: folder, names: [], axes: [], values: [], places: [], fields: {}, layoutLabels: [], notes: [] };
  const units = new Set<string>();
  const parsed = [];
  // A bounded number of files open at once: a folder can hold more files than a process may open.
  for (let start = 0; start < files.length; start += OPEN_AT_ONCE) {
    const group = files.slice(start, start + OPEN_AT_ONCE).map(async (entry) => ({ ...entry, spectra: await readSpectrumFile(entry.path) }));
    parsed.push(...(await Promise.all(group)));
  }
  for (const { path, className, spectra } of parsed) {
    addFileSpectra(raw, path, spectra, className);
    for (const { unit } of spectra) if (typeof unit === 'string' && unit !== '') units.add(unit);
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
