import { parse } from 'spc-parser';
import { axisUnit } from './axisUnit.js';
import { checkSpcSize } from './spcSize.js';

/** One spectrum of an SPC file. */
export interface SpcSpectrum {
  axis: Float64Array;
  values: Float64Array;
  unit?: string;
}

/**
 * The spectra of a Thermo Galactic SPC file (binary; one, or several in a multifile) through
 * cheminfo's spc-parser: evenly spaced or stored X, float or scaled-integer Y. Axes come
 * ascending. `source` names the file in errors. A header that declares more data than the file
 * holds is refused before spc-parser allocates for it (checkSpcSize).
 */
export function parseSpc(bytes: Uint8Array, source: string): SpcSpectrum[] {
  checkSpcSize(bytes, source);
  let result;
  try {
    result = parse(bytes);
  } catch (error) {
    throw new Error(`${source}: not readable as SPC (${error instanceof Error ? error.message : String(error)}); expected a Thermo Galactic SPC file`, {
      cause: error,
    });
  }
  const spectra = result.spectra;
  if (spectra.length === 0) throw new Error(`${source}: an SPC file without spectra; expected at least one`);
  return spectra.map((spectrum, s) => {
    const { x, y } = spectrum.variables;
    const axis = Float64Array.from(x.data);
    const values = Float64Array.from(y.data);
    const which = spectra.length > 1 ? ` spectrum ${s + 1}` : '';
    if (axis.length === 0 || axis.length !== values.length) {
      throw new Error(`${source}${which}: ${axis.length} axis values and ${values.length} intensities; expected as many, at least one`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]) || !Number.isFinite(axis[i])) {
        throw new Error(`${source}${which}: point ${i + 1} is not finite (${axis[i]}, ${values[i]}); expected finite numbers (a truncated file?)`);
      }
    }
    return { axis, values, unit: axisUnit(typeof x.units === 'string' ? x.units : undefined) };
  });
}
