import type { Preprocessing } from '@spectracam/format';
import { floatTensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';
import { snvPart } from './snvPart.js';

function finiteNumbers(what: string, values: number[], length: number): number[] {
  if (values.length !== length) {
    throw new RangeError(`preprocessing ${what}: ${values.length} values, expected one per variable (${length})`);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`preprocessing ${what}[${bad}] is ${values[bad]}; expected a finite number`);
  return values;
}

/** Span used as the divisor; a constant variable (max = min) is divided by 1, as the trainer does. */
function span(min: number, max: number): number {
  const range = max - min;
  return range > 0 ? range : 1;
}

/**
 * The run's fitted preprocessing as plain ONNX ops on [batch, p], so deployed models take raw
 * spectra. Each op mirrors the trainer's arithmetic (subtract, then divide by the span) so the
 * outputs agree to float32 rounding.
 */
export function preprocessingPart(spec: Preprocessing, input: string, p: number): GraphPart {
  switch (spec.kind) {
    case 'none':
      return { nodes: [], initializers: [], output: input };
    case 'minmax-variable': {
      const min = finiteNumbers('min', spec.min, p);
      const max = finiteNumbers('max', spec.max, p);
      return {
        nodes: [
          node('Sub', [input, 'preprocess.min'], ['preprocess.centred'], 'preprocess_sub'),
          node('Div', ['preprocess.centred', 'preprocess.span'], ['preprocessed'], 'preprocess_div'),
        ],
        initializers: [
          floatTensor('preprocess.min', [p], min),
          floatTensor('preprocess.span', [p], min.map((m, j) => span(m, max[j]!))),
        ],
        output: 'preprocessed',
      };
    }
    case 'minmax-global': {
      const [min, max] = finiteNumbers('min/max', [spec.min, spec.max], 2);
      return {
        nodes: [
          node('Sub', [input, 'preprocess.min'], ['preprocess.centred'], 'preprocess_sub'),
          node('Div', ['preprocess.centred', 'preprocess.span'], ['preprocessed'], 'preprocess_div'),
        ],
        initializers: [floatTensor('preprocess.min', [1], [min!]), floatTensor('preprocess.span', [1], [span(min!, max!)])],
        output: 'preprocessed',
      };
    }
    case 'snv':
      return snvPart(input, p);
    default: {
      const unknown: never = spec;
      throw new TypeError(`unsupported preprocessing kind '${(unknown as { kind: string }).kind}'`);
    }
  }
}
