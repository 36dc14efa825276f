import type { MapExplainer } from '@spectracam/cam';
import type { ClassExplanation, ExplainOptions } from '../types.js';

/** Class indices an `explain` call asks for, given the predicted one. */
export function requestedClasses(option: ExplainOptions['class'], predicted: number, classes: readonly string[]): number[] {
  if (option === undefined || option === 'predicted') return [predicted];
  if (option === 'all') return classes.map((_, i) => i);
  const index = classes.indexOf(option);
  if (index < 0) throw new RangeError(`class '${option}' is not one of the model's classes: ${classes.join(', ')}`);
  return [index];
}

/**
 * The explanation of class `c` from its coarse map at coarse[offset .. offset + N3) (the last conv
 * maps times the class's classifier row, computed inside the ONNX graph), through cam's pipeline.
 */
export function explainClass(
  explainer: MapExplainer,
  classes: readonly string[],
  coarse: Float32Array,
  offset: number,
  c: number,
  options: ExplainOptions,
): ClassExplanation {
  const { peak, peakIndex, regions, map } = explainer.explain(coarse, offset, options);
  const explanation: ClassExplanation = { class: classes[c]!, peak, peakIndex, regions };
  if (map) explanation.map = map;
  return explanation;
}
