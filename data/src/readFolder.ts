import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RawSpectra } from './parse/rawSpectra.js';
import { addFileSpectra } from './readSpectrumFile.js';
import { extensionOf, isSpectrumFileName, spectrumReaderFor, twoColumnReader } from './readers/spectrumReaders.js';

const OPEN_AT_ONCE = 64;

/** One spectrum file of a folder data set, and the class its sub-folder names (none for a folder of loose files). */
export interface FolderFile {
  file: string;
  path: string;
  className?: string;
}

/**
 * Reads a folder with one sub-folder per class, each holding spectrum files: any format of the
 * reader table (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec: a file of many spectra gives each) or
 * two-column text (anything else). Hidden files are skipped. Sample name = file name; class =
 * sub-folder name. A folder without class sub-folders is a list of unlabelled spectrum files.
 */
export async function readFolder(folder: string): Promise<RawSpectra> {
  return readFolderFiles(folder, await listFolder(folder));
}

/**
 * The spectrum files of a folder data set, in reading order (classes, then files, by name as
 * people number them), without reading them: readFolderFiles reads any slice of the list, so a
 * folder of many files can be read a slice at a time. Without class sub-folders, the folder's own
 * files that hold spectra by their name (an instrument format, or text: .txt, .csv, ...) are the
 * list, unlabelled. Refuses a folder without such files.
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
  if (listed.length > 0) return listed;
  const loose = entries.filter((e) => e.isFile()).map((e) => e.name);
  for (const file of loose.filter(holdsSpectra).sort(naturalCompare)) listed.push({ file, path: join(folder, file) });
  if (listed.length === 0) {
    throw new Error(
      `${folder}: no spectra found; expected spectrum files (OPUS, WDF, SPA, SPC, JCAMP-DX, LabSpec, two-column text), or one sub-folder per class of them` +
        (loose.length > 0 ? ` (the ${loose.length} files in ${basename(folder)} are none of these by their names)` : ''),
    );
  }
  return listed;
}

/** A loose file worth reading: an instrument format or text by its extension (not a README, a model, a picture). */
function holdsSpectra(name: string): boolean {
  return isSpectrumFileName(name) || twoColumnReader.extensions.includes(extensionOf(name)) || /\.\d+$/.test(name);
}

/** The spectra of `files` (from listFolder(folder)), in their order; a multi-spectrum file gives each. */
export async function readFolderFiles(folder: string, files: readonly FolderFile[]): Promise<RawSpectra> {
  const labelled = files.some((f) => f.className !== undefined);
  const raw: RawSpectra = { source: folder, names: [], axes: [], values: [], places: [], fields: {}, ...(labelled ? { layoutLabels: [] } : {}), notes: [] };
  const parsed = [];
  // A bounded number of files open at once: a folder can hold more files than a process may open.
  for (let start = 0; start < files.length; start += OPEN_AT_ONCE) {
    const group = files.slice(start, start + OPEN_AT_ONCE).map(async (entry) => {
      const bytes = new Uint8Array(await readFile(entry.path));
      const reader = spectrumReaderFor(entry.path, bytes);
      return { ...entry, format: reader.format, spectra: await reader.parse(bytes, entry.path) };
    });
    parsed.push(...(await Promise.all(group)));
  }
  raw.format = `folder (${[...new Set(parsed.map((p) => p.format))].sort().join(', ')})`;
  for (const { path, className, spectra } of parsed) addFileSpectra(raw, path, spectra, className ?? (labelled ? '' : undefined));
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
