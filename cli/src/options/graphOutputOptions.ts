import type { Argv } from 'yargs';
import { ATTRIBUTION_METHODS, type AttributionMethod } from '@spectracam/format';

/** The outputs a written model file may carry beside the contract's (export, export --from-tfjs, wrap). */
export interface GraphOutputArgs {
  features?: string[];
  attributions?: string[];
  cam?: boolean;
  camAlignment: 'receptive-field' | 'stretch';
  opset: number;
}

const list = (values: string[]) => values.flatMap((v) => v.split(',')).filter((v) => v !== '');
const METHODS: readonly string[] = ATTRIBUTION_METHODS;

/** --features, --cam, --cam-alignment, --attributions, --opset, checked. */
export function graphOutputOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('features', { type: 'string', array: true, describe: 'extra feature-map outputs: conv1, conv2 (comma-separated or repeated)', coerce: list })
    .option('cam', { type: 'boolean', describe: 'add the full-resolution `cam` output [batch, C, p]' })
    .option('attributions', {
      type: 'string',
      array: true,
      describe: `input-resolution attribution outputs computed in the graph: ${ATTRIBUTION_METHODS.join(', ')} (comma-separated or repeated)`,
      coerce: list,
    })
    .option('cam-alignment', {
      choices: ['receptive-field', 'stretch'] as const,
      default: 'receptive-field' as const,
      describe: 'knots of the CAM spline basis (with --cam)',
    })
    .option('opset', { choices: [13, 17], default: 13, describe: 'ONNX opset of the written file (13 -> IR 7, 17 -> IR 8)' })
    .check((argv) => {
      const bad = ((argv.features as string[] | undefined) ?? []).filter((f) => f !== 'conv1' && f !== 'conv2');
      if (bad.length) throw new Error(`--features: unknown layer(s) ${bad.join(', ')}; expected conv1, conv2`);
      const unknown = ((argv.attributions as string[] | undefined) ?? []).filter((a) => !METHODS.includes(a));
      if (unknown.length) throw new Error(`--attributions: unknown method(s) ${unknown.join(', ')}; expected ${METHODS.join(', ')}`);
      return true;
    });
}

/** The exporter's options from the parsed arguments. */
export function graphOutputs(argv: GraphOutputArgs) {
  return {
    features: (argv.features ?? []) as ('conv1' | 'conv2')[],
    cam: argv.cam ? { alignment: argv.camAlignment } : false,
    opset: argv.opset as 13 | 17,
    attributions: (argv.attributions ?? []) as AttributionMethod[],
  };
}

/** The lines a writer prints about the file it wrote. */
export function writtenSummary(result: { outputs: string[]; camAlignment?: string; opset: number; irVersion: number; bytes: number; parameterBytes: number; metadataBytes: number; seconds: number }): string[] {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return [
    `  outputs:    ${result.outputs.join(', ')}${result.camAlignment ? ` (cam: ${result.camAlignment})` : ''}`,
    `  opset:      ${result.opset} (IR ${result.irVersion})`,
    `  size:       ${kib(result.bytes)} (parameters ${kib(result.parameterBytes)}, metadata ${kib(result.metadataBytes)})`,
    `  time:       ${result.seconds.toFixed(2)} s`,
  ];
}

/** The lines that say what of a foreign model became the file's layers. */
export function wrappedSummary(result: { layers: string[]; foldedBatchNorms: string[]; mirrored: boolean }): string[] {
  return [
    `  layers:     ${result.layers.join(' -> ')} (conv layers, then the classifier)`,
    ...(result.foldedBatchNorms.length ? [`  folded:     batch normalisation ${result.foldedBatchNorms.join(', ')} into the conv weights`] : []),
    ...(result.mirrored ? ['  axis:       the model reads the axis decreasing; the file stores it increasing and reverses it for the network'] : []),
  ];
}
