import type { Argv, CommandModule } from 'yargs';
import { foreignModelInputs, foreignModelOptions, type ForeignModelArgs } from '../options/foreignModelOptions.js';
import { graphOutputOptions, graphOutputs, wrappedSummary, writtenSummary, type GraphOutputArgs } from '../options/graphOutputOptions.js';

interface WrapArgs extends ForeignModelArgs, GraphOutputArgs {
  model: string;
  out: string;
  force: boolean;
}

export const wrapCommand: CommandModule<object, WrapArgs> = {
  command: 'wrap <model>',
  describe: 'Bring your own model: turn an ONNX GAP network (e.g. torch.onnx.export) into one SpectraCAM file that predict, explain, audit, info and the web demo read',
  builder: (yargs) => {
    const withModel = yargs
      .positional('model', { type: 'string', demandOption: true, describe: 'ONNX file of the study\'s family: conv layers (Conv [+ BatchNormalization] + Relu, 1-D or one-row 2-D), global average pooling, one dense layer' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the .onnx file to write (a new file, or a model written before)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace a file at --out that is not a SpectraCAM model' });
    return graphOutputOptions(foreignModelOptions(withModel, true))
      .example('$0 wrap net.onnx --classes healthy,infected --axis 400:1800:1401 --preprocess snv --out wrapped.onnx', 'a PyTorch network trained on SNV spectra of 1401 variables')
      .example('$0 wrap net.onnx --classes a,b,c --axis axis.txt --attributions gradient-x-input --out wrapped.onnx', 'the axis from a file; attributions computed in the graph')
      .epilogue(
        'The network is matched node by node (opset 11-17): batch normalisation is folded into the conv before it, the conv geometry read from the Conv attributes. ' +
          'A model outside the family is refused naming the node that breaks the pattern. Keras: `spectracam export --from-tfjs model.json`.',
      ) as unknown as Argv<WrapArgs>;
  },
  handler: async (argv) => {
    const [{ wrapOnnxFile }, { checkOutput }, { isOwnModelFile }] = await Promise.all([
      import('@spectracam/exporter'),
      import('@spectracam/data'),
      import('../options/ownOutputs.js'),
    ]);
    await checkOutput(argv.out, { what: 'model file', inputs: [argv.model], isOwn: isOwnModelFile, force: argv.force });
    const inputs = await foreignModelInputs(argv);
    const result = await wrapOnnxFile(argv.model, { ...inputs, ...graphOutputs(argv), out: argv.out });
    process.stdout.write([`wrote ${result.path} from ${argv.model}`, ...wrappedSummary(result), ...writtenSummary(result), ''].join('\n'));
  },
};
