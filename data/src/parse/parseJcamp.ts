import { convert } from 'jcampconverter';
import { axisUnit } from './axisUnit.js';

/**
 * Parses the first spectrum of a JCAMP-DX text (.jdx, .dx) through jcampconverter: `##XYDATA`
 * (compressed or not) and `##XYPOINTS`/`##PEAK TABLE` pairs.
 */
export function parseJcamp(text: string, source: string): { axis: Float64Array; values: Float64Array; unit?: string } {
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
  const axis = Float64Array.from(data.x);
  const values = Float64Array.from(data.y);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(axis[i])) {
      throw new Error(`${source}: point ${i + 1} is not finite (${axis[i]}, ${values[i]}); expected finite numbers`);
    }
  }
  const xUnits = typeof spectrum.xUnits === 'string' ? spectrum.xUnits : undefined;
  return { axis, values, unit: axisUnit(xUnits) };
}
