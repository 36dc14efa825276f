import { convert } from 'jcampconverter';
import { axisUnit } from './axisUnit.js';
import { checkJcampSize } from './jcampSize.js';

/**
 * Parses the first spectrum of a JCAMP-DX text (.jdx, .dx) through jcampconverter: `##XYDATA`
 * (compressed or not) and `##XYPOINTS`/`##PEAK TABLE` pairs. Counts that the text cannot hold
 * are refused before conversion (checkJcampSize); a truncated file (no ##END=, or fewer points
 * than ##NPOINTS declares), which jcampconverter reads without complaint, is refused after.
 */
export function parseJcamp(text: string, source: string): { axis: Float64Array; values: Float64Array; unit?: string } {
  checkJcampSize(text, source);
  checkEnds(text, source);
  let result;
  try {
    // jcampconverter reads (XY..XY) pairs under ##PEAK TABLE but skips ##XYPOINTS, which holds the
    // same pairs (JCAMP-DX 4.24, section 5.10): renamed so both reach it.
    result = convert(/^##XYDATA=/m.test(text) ? text : text.replace(/^##XYPOINTS=/gm, '##PEAK TABLE='));
  } catch (error) {
    throw new Error(`${source}: not readable as JCAMP-DX (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const spectrum = result.flatten[0]?.spectra?.[0];
  const data = spectrum?.data as { x?: ArrayLike<number>; y?: ArrayLike<number> } | undefined;
  if (!data?.x || !data.y || data.x.length === 0) {
    throw new Error(`${source}: no XYDATA, XYPOINTS or PEAK TABLE in this JCAMP-DX file; expected one spectrum`);
  }
  const declared = (spectrum as { nbPoints?: unknown }).nbPoints;
  if (typeof declared === 'number' && Number.isFinite(declared) && declared !== data.x.length) {
    throw new Error(
      `${source}: ##NPOINTS=${declared} but the data hold ${data.x.length} points; expected as many as declared` +
        (data.x.length < declared ? ' (a truncated file?)' : ' (a corrupted file?)'),
    );
  }
  const axis = Float64Array.from(data.x);
  const values = Float64Array.from(data.y);
  if (values.length !== axis.length) throw new Error(`${source}: ${axis.length} x values and ${values.length} y values; expected as many`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(axis[i])) {
      throw new Error(`${source}: point ${i + 1} is not finite (${axis[i]}, ${values[i]}); expected finite numbers`);
    }
  }
  const xUnits = typeof spectrum.xUnits === 'string' ? spectrum.xUnits : undefined;
  return { axis, values, unit: axisUnit(xUnits) };
}

/** Every block (##TITLE=) closes with ##END=: a file cut short loses its last one. */
function checkEnds(text: string, source: string): void {
  const titles = text.match(/^[ \t]*##TITLE=/gim)?.length ?? 0;
  const ends = text.match(/^[ \t]*##END=/gim)?.length ?? 0;
  if (ends < Math.max(1, titles)) {
    throw new Error(
      `${source}: ${titles > 0 ? `${titles} ##TITLE= block${titles > 1 ? 's' : ''} but ${ends} ##END=` : 'no ##END='}; ` +
        'expected each block to close with ##END= (a truncated file?)',
    );
  }
}
