import type { Preprocessing } from '@spectracam/format';

/**
 * Applies a fitted preprocessing: (x - min) / range, computed in float64 and stored as float32.
 * SNV uses the sample standard deviation (n - 1); the exporter's graph must match. A zero range (max == min, a constant variable or matrix) is treated as range 1: the values
 * are only shifted, instead of dividing by zero into NaN.
 */
export function applyPreprocessing(spec: Preprocessing, spectra: ArrayLike<number>[]): Float32Array[] {
  switch (spec.kind) {
    case 'none':
      return spectra.map((s) => Float32Array.from(s));
    case 'minmax-global': {
      const range = spec.max - spec.min || 1;
      return spectra.map((s) => Float32Array.from(s, (x) => (x - spec.min) / range));
    }
    case 'minmax-variable': {
      const p = spec.min.length;
      return spectra.map((s, i) => {
        if (s.length !== p) throw new RangeError(`spectrum ${i + 1} has ${s.length} values; the preprocessing was fitted on ${p}`);
        return Float32Array.from(s, (x, j) => (x - spec.min[j]) / (spec.max[j] - spec.min[j] || 1));
      });
    }
    case 'snv':
      return spectra.map((s) => {
        let mean = 0;
        for (let j = 0; j < s.length; j++) mean += s[j];
        mean /= s.length;
        let sumSq = 0;
        for (let j = 0; j < s.length; j++) sumSq += (s[j] - mean) ** 2;
        // Sample standard deviation (n - 1), as the chemometrics literature defines SNV.
        const std = Math.sqrt(sumSq / Math.max(s.length - 1, 1)) || 1;
        return Float32Array.from(s, (x) => (x - mean) / std);
      });
    default: {
      const unknown: never = spec;
      throw new RangeError(`unknown preprocessing ${JSON.stringify(unknown)}`);
    }
  }
}
