import type { CommandModule } from 'yargs';
import { readerOptions, type ReaderArgv } from '../options/readerOptions.js';

interface InfoArgs extends Partial<Omit<ReaderArgv, 'data'>> {
  file: string;
  json: boolean;
}

export const infoCommand: CommandModule<object, InfoArgs> = {
  command: 'info <file>',
  describe: 'Describe a model file (classes, axis, preprocessing, geometry, outputs, training), or what the readers make of a data file or folder',
  builder: (yargs) =>
    readerOptions(yargs, { dataRequired: false })
      .positional('file', { type: 'string', demandOption: true, describe: 'SpectraCAM ONNX model, or a data file or folder (told apart by content)' })
      .option('json', { type: 'boolean', default: false, describe: 'the description as one JSON object' })
      .example('$0 info model.onnx', 'what the model expects and what it was trained on')
      .example('$0 info model.onnx --json | jq .classes', 'for scripts')
      .example('$0 info sample.0 --json', 'a data file: {format, spectra, points, axis: {first, last, unit}, classes, groups, warnings}') as never,
  handler: async (args) => {
    const { whatFile } = await import('../info/whatFile.js');
    if ((await whatFile(args.file)) === 'model') {
      const { describeModelFile, modelInfoText } = await import('../info/modelInfo.js');
      const info = await describeModelFile(args.file);
      process.stdout.write(args.json ? `${JSON.stringify(info, null, 2)}\n` : modelInfoText(info));
      return;
    }
    const { describeData, dataInfoText } = await import('../info/dataInfo.js');
    const { toReaderOptions } = await import('../options/readerOptions.js');
    const info = await describeData(toReaderOptions({ ...args, data: args.file }));
    process.stdout.write(args.json ? `${JSON.stringify(info, null, 2)}\n` : dataInfoText(info));
  },
};
