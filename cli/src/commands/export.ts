import type { Argv, CommandModule } from 'yargs';

interface ExportArgs {
  run: string;
  out: string;
  features?: string[];
  attributions?: string[];
  cam?: boolean;
  camAlignment: 'receptive-field' | 'stretch';
  opset: number;
  force: boolean;
  allowInterrupted: boolean;
  novelty: boolean;
  noveltyQuantile: number;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <run>',
  describe: 'Export a trained run to one self-describing ONNX file (raw spectra in, classes and CAM inputs out)',
  builder: (yargs) =>
    yargs
      .positional('run', { type: 'string', demandOption: true, describe: 'run directory written by `spectracam train --out`' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the .onnx file to write (a new file, or a model exported before)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace a file at --out that is not a SpectraCAM model' })
      .option('allow-interrupted', { type: 'boolean', default: false, describe: 'export the checkpoint of an interrupted training (the file says so)' })
      .option('features', {
        type: 'string',
        array: true,
        describe: 'extra feature-map outputs: conv1, conv2 (comma-separated or repeated)',
        coerce: (values: string[]) => values.flatMap((v) => v.split(',')).filter((v) => v !== ''),
      })
      .option('cam', { type: 'boolean', describe: 'add the full-resolution `cam` output [batch, C, p]' })
      .option('attributions', {
        type: 'string',
        array: true,
        describe: 'input-resolution attribution outputs computed in the graph: gradient, gradient-x-input, guided-gradcam (comma-separated or repeated)',
        coerce: (values: string[]) => values.flatMap((v) => v.split(',')).filter((v) => v !== ''),
      })
      .option('cam-alignment', {
        choices: ['receptive-field', 'stretch'] as const,
        default: 'receptive-field' as const,
        describe: 'knots of the CAM spline basis (with --cam)',
      })
      .option('opset', { choices: [13, 17], default: 13, describe: 'ONNX opset (13 -> IR 7, 17 -> IR 8)' })
      .option('novelty', {
        type: 'boolean',
        default: true,
        describe: 'the unknown-sample score (output `novelty`, fitted on the run\'s training features); --no-novelty writes a file without it',
      })
      .option('novelty-quantile', {
        type: 'number',
        default: 0.99,
        describe: 'the threshold of the unknown-sample score: this quantile of the validation spectra\'s scores',
      })
      .check((argv) => {
        const bad = (argv.features ?? []).filter((f) => f !== 'conv1' && f !== 'conv2');
        if (bad.length) throw new Error(`--features: unknown layer(s) ${bad.join(', ')}; expected conv1, conv2`);
        const methods = ['gradient', 'gradient-x-input', 'guided-gradcam'];
        const unknown = (argv.attributions ?? []).filter((a) => !methods.includes(a));
        if (unknown.length) throw new Error(`--attributions: unknown method(s) ${unknown.join(', ')}; expected ${methods.join(', ')}`);
        const q = Number(argv.noveltyQuantile);
        if (!(q > 0 && q < 1)) throw new Error(`--novelty-quantile ${q}: expected a share in (0, 1), e.g. 0.99`);
        return true;
      })
      .example('$0 export runs/meat --out meat.onnx', 'classifier with logits, probabilities and conv3 outputs')
      .example('$0 export runs/ecoli --out ecoli.onnx --features conv1,conv2 --cam', 'also feature maps and the CAM output')
      .example('$0 export runs/ecoli --out ecoli.onnx --attributions gradient-x-input,guided-gradcam', 'attributions any ONNX runtime computes')
      .example('$0 export runs/old --out old.onnx --no-novelty', 'a run trained before the unknown-sample score (no training features)') as unknown as Argv<ExportArgs>,
  handler: async (argv) => {
    const [{ exportRun }, { SingleBar, Presets }, { checkOutput }, { isOwnModelFile }] = await Promise.all([
      import('@spectracam/exporter'),
      import('cli-progress'),
      import('@spectracam/data'),
      import('../options/ownOutputs.js'),
    ]);
    const runFiles = ['run.json', 'model/model.json', 'model/weights.bin', 'features/gap.json', 'features/gap.bin'].map((f) => `${argv.run}/${f}`);
    await checkOutput(argv.out, { what: 'model file', inputs: [argv.run, ...runFiles], isOwn: isOwnModelFile, force: argv.force });
    const bar = new SingleBar({ format: 'export [{bar}] {value}/{total} {step}', stream: process.stderr }, Presets.shades_classic);
    bar.start(3, 0, { step: 'read run' });
    try {
      const result = await exportRun(argv.run, {
        out: argv.out,
        features: (argv.features ?? []) as ('conv1' | 'conv2')[],
        cam: argv.cam ? { alignment: argv.camAlignment } : false,
        opset: argv.opset as 13 | 17,
        allowInterrupted: argv.allowInterrupted,
        attributions: (argv.attributions ?? []) as ('gradient' | 'gradient-x-input' | 'guided-gradcam')[],
        novelty: argv.novelty ? { quantile: argv.noveltyQuantile } : false,
        onProgress: ({ step, done }) => bar.update(done, { step }),
      });
      bar.stop();
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);
      process.stdout.write(
        [
          `wrote ${result.path}${argv.allowInterrupted ? ' (from an interrupted run: its best checkpoint)' : ''}`,
          `  outputs:    ${result.outputs.join(', ')}${result.camAlignment ? ` (cam: ${result.camAlignment})` : ''}`,
          `  opset:      ${result.opset} (IR ${result.irVersion})`,
          result.novelty
            ? `  unknown:    novelty > ${result.novelty.threshold.toPrecision(4)} (${100 * result.novelty.quantile} % quantile of ${result.novelty.thresholdFrom.spectra} validation spectra, ${result.novelty.thresholdFrom.method}); flags ${pct(result.novelty.flagged.test)} of the test part`
            : '  unknown:    no unknown-sample score (--no-novelty)',
          `  size:       ${kib(result.bytes)} (parameters ${kib(result.parameterBytes)}, metadata ${kib(result.metadataBytes)})`,
          `  time:       ${result.seconds.toFixed(2)} s`,
          '',
        ].join('\n'),
      );
    } catch (error) {
      bar.stop();
      throw error;
    }
  },
};
