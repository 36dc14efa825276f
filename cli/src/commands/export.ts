import type { Argv, CommandModule } from 'yargs';
import { foreignModelInputs, foreignModelOptions, type ForeignModelArgs } from '../options/foreignModelOptions.js';
import { graphOutputOptions, graphOutputs, wrappedSummary, writtenSummary, type GraphOutputArgs } from '../options/graphOutputOptions.js';
import { thresholdSpectra } from '@spectracam/format';

interface ExportArgs extends ForeignModelArgs, GraphOutputArgs {
  run?: string;
  fromTfjs?: string;
  out: string;
  force: boolean;
  allowInterrupted: boolean;
  novelty: boolean;
  noveltyQuantile: number;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export [run]',
  describe: 'Export a trained run (or a Keras model converted to TensorFlow.js, --from-tfjs) to one self-describing ONNX file',
  builder: (yargs) => {
    const base = yargs
      .positional('run', { type: 'string', describe: 'run directory written by `spectracam train --out`' })
      .option('from-tfjs', {
        type: 'string',
        describe: 'instead of a run: a TensorFlow.js model.json (layers or graph model, e.g. from tensorflowjs_converter) of the study\'s family; needs --classes and --axis',
      })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the .onnx file to write (a new file, or a model exported before)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace a file at --out that is not a SpectraCAM model' })
      .option('allow-interrupted', { type: 'boolean', default: false, describe: 'export the checkpoint of an interrupted training (the file says so)' })
      .option('novelty', {
        type: 'boolean',
        default: true,
        describe: 'the unknown-sample score (output `novelty`, fitted on the run\'s training features); --no-novelty writes a file without it',
      })
      .option('novelty-quantile', {
        type: 'number',
        default: 0.99,
        describe: 'the threshold of the unknown-sample score: this quantile of held-out in-distribution scores (the validation part\'s; a residual score\'s also the training part\'s out of fold)',
      });
    return graphOutputOptions(foreignModelOptions(base, false))
      .check((argv) => {
        const q = Number(argv.noveltyQuantile);
        if (!(q > 0 && q < 1)) throw new Error(`--novelty-quantile ${q}: expected a share in (0, 1), e.g. 0.99`);
        if ((argv.run === undefined) === (argv.fromTfjs === undefined)) throw new Error('export: give a run directory or --from-tfjs model.json (one of them)');
        if (argv.fromTfjs !== undefined && (!argv.classes?.length || !argv.axis)) throw new Error('--from-tfjs needs --classes and --axis (the model does not say them)');
        return true;
      })
      .example('$0 export runs/meat --out meat.onnx', 'classifier with logits, probabilities and conv3 outputs')
      .example('$0 export runs/ecoli --out ecoli.onnx --features conv1,conv2 --cam', 'also feature maps and the CAM output')
      .example('$0 export runs/ecoli --out ecoli.onnx --attributions gradient-x-input,guided-gradcam', 'attributions any ONNX runtime computes')
      .example('$0 export runs/old --out old.onnx --no-novelty', 'a run trained before the unknown-sample score (no training features)')
      .example('$0 export --from-tfjs keras_tfjs/model.json --classes a,b --axis axis.txt --preprocess snv --out keras.onnx', 'a Keras Conv1D/GAP network converted with tensorflowjs_converter') as unknown as Argv<ExportArgs>;
  },
  handler: async (argv) => {
    const [{ exportRun, exportTfjsModel }, { SingleBar, Presets }, { checkOutput }, { isOwnModelFile }] = await Promise.all([
      import('@spectracam/exporter'),
      import('cli-progress'),
      import('@spectracam/data'),
      import('../options/ownOutputs.js'),
    ]);
    if (argv.fromTfjs !== undefined) {
      await checkOutput(argv.out, { what: 'model file', inputs: [argv.fromTfjs], isOwn: isOwnModelFile, force: argv.force });
      const inputs = await foreignModelInputs(argv);
      const result = await exportTfjsModel(argv.fromTfjs, { ...inputs, ...graphOutputs(argv), out: argv.out });
      process.stdout.write([`wrote ${result.path} from ${argv.fromTfjs}`, ...wrappedSummary(result), ...writtenSummary(result), ''].join('\n'));
      return;
    }
    const run = argv.run!;
    const runFiles = ['run.json', 'model/model.json', 'model/weights.bin', 'features/gap.json', 'features/gap.bin'].map((f) => `${run}/${f}`);
    await checkOutput(argv.out, { what: 'model file', inputs: [run, ...runFiles], isOwn: isOwnModelFile, force: argv.force });
    const bar = new SingleBar({ format: 'export [{bar}] {value}/{total} {step}', stream: process.stderr }, Presets.shades_classic);
    bar.start(3, 0, { step: 'read run' });
    try {
      const result = await exportRun(run, {
        out: argv.out,
        ...graphOutputs(argv),
        allowInterrupted: argv.allowInterrupted,
        novelty: argv.novelty ? { quantile: argv.noveltyQuantile } : false,
        onProgress: ({ step, done }) => bar.update(done, { step }),
      });
      bar.stop();
      const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);
      const unknown = result.novelty
        ? `  unknown:    novelty > ${result.novelty.threshold.toPrecision(4)} (${100 * result.novelty.quantile} % quantile of ${thresholdSpectra(result.novelty.thresholdFrom)}, ${result.novelty.thresholdFrom.method}); flags ${pct(result.novelty.flagged.test)} of the test part`
        : '  unknown:    no unknown-sample score (--no-novelty)';
      process.stdout.write(
        [`wrote ${result.path}${argv.allowInterrupted ? ' (from an interrupted run: its best checkpoint)' : ''}`, ...writtenSummary(result), unknown, ''].join('\n'),
      );
    } catch (error) {
      bar.stop();
      throw error;
    }
  },
};
