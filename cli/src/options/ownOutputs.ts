import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Recognisers of SpectraCAM's own earlier outputs, which a writer may replace without --force. */

/** An ONNX file that carries SpectraCAM's metadata (any model `spectracam export` wrote). */
export async function isOwnModelFile(path: string): Promise<boolean> {
  const bytes = await readFile(path).catch(() => undefined);
  return bytes !== undefined && bytes.includes('spectracam.format_version');
}

/** An SVG drawn by `spectracam explain --plot` (its root element is marked). */
export async function isOwnPlot(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text !== undefined && text.startsWith('<svg') && text.includes(`${PLOT_MARK}`);
}

/** The attribute every plot's root element carries. */
export const PLOT_MARK = 'data-spectracam="explanation-plot"';

/** A folder `spectracam synth` wrote: its ground-truth.json says so. */
export async function isOwnSynthetic(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, 'ground-truth.json'), 'utf8').catch(() => undefined);
  try {
    return text !== undefined && (JSON.parse(text) as { format?: string }).format === 'spectracam-synthetic-ground-truth';
  } catch {
    return false;
  }
}
