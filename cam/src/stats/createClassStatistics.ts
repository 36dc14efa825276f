import { assertFiniteArray, assertLength, assertPositiveInteger } from '../util/checks.js';
import { topCount } from '../top/topCount.js';
import { topVariables } from '../top/topVariables.js';

/** A class's explanation pattern (study Figs 2-5), over its CORRECTLY classified spectra. */
export interface ClassPattern {
  /** Correctly classified spectra of the class that were added. */
  n: number;
  /** Spectra of the class predicted as another class (not in mean/std/frequency). */
  misclassified: number;
  /** Mean of the scaled map per variable. */
  mean: Float64Array;
  /** Population standard deviation (divide by n) of the scaled map per variable. */
  std: Float64Array;
  /** Share of the class's spectra with the variable in their top fraction. */
  frequency: Float64Array;
}

export interface ClassStatisticsAccumulator {
  /** Adds one spectrum's scaled map; returns true when it counted (true label = predicted). */
  add(scaledMap: ArrayLike<number>, trueLabel: string, predicted: string): boolean;
  /** Patterns by class name, in the order of `classes`. Safe to call more than once. */
  result(): Record<string, ClassPattern>;
}

/**
 * Streaming class statistics in O(classes x p) memory whatever the number of spectra, so the
 * runtime can explain 100 000 spectra without keeping their maps. Welford's update keeps the
 * variance accurate over long streams.
 */
export function createClassStatistics(classes: string[], p: number, fraction = 0.1): ClassStatisticsAccumulator {
  if (!Array.isArray(classes) || classes.some((c) => typeof c !== 'string')) {
    throw new TypeError(`'classes' must be an array of class names`);
  }
  if (new Set(classes).size !== classes.length) throw new RangeError(`'classes' must not repeat a name`);
  assertPositiveInteger(p, 'p');
  topCount(p, fraction); // validates fraction
  const index = new Map(classes.map((c, i) => [c, i]));
  const n = new Float64Array(classes.length);
  const wrong = new Float64Array(classes.length);
  const mean = classes.map(() => new Float64Array(p));
  const m2 = classes.map(() => new Float64Array(p));
  const hits = classes.map(() => new Float64Array(p));

  const classOf = (label: string, name: string): number => {
    const c = index.get(label);
    if (c === undefined) {
      throw new RangeError(`'${name}' ${JSON.stringify(label)} is not one of the classes ${JSON.stringify(classes)}`);
    }
    return c;
  };

  return {
    add(scaledMap, trueLabel, predicted) {
      const c = classOf(trueLabel, 'trueLabel');
      classOf(predicted, 'predicted');
      assertFiniteArray(scaledMap, 'scaledMap');
      assertLength(scaledMap, p, 'scaledMap', 'one per variable');
      if (trueLabel !== predicted) {
        wrong[c]!++;
        return false;
      }
      const k = ++n[c]!;
      const mu = mean[c]!;
      const s = m2[c]!;
      for (let x = 0; x < p; x++) {
        const v = scaledMap[x]!;
        const d = v - mu[x]!;
        mu[x]! += d / k;
        s[x]! += d * (v - mu[x]!);
      }
      const h = hits[c]!;
      for (const x of topVariables(scaledMap, fraction)) h[x]!++;
      return true;
    },
    result() {
      const out: Record<string, ClassPattern> = {};
      classes.forEach((name, c) => {
        const k = n[c]!;
        out[name] = {
          n: k,
          misclassified: wrong[c]!,
          mean: Float64Array.from(mean[c]!),
          std: Float64Array.from(m2[c]!, (v) => (k > 0 ? Math.sqrt(Math.max(v, 0) / k) : 0)),
          frequency: Float64Array.from(hits[c]!, (v) => (k > 0 ? v / k : 0)),
        };
      });
      return out;
    },
  };
}
