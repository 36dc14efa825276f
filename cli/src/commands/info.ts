import type { CommandModule } from 'yargs';

interface InfoArgs {
  file: string;
  json: boolean;
}

export const infoCommand: CommandModule<object, InfoArgs> = {
  command: 'info <file>',
  describe: 'Describe a model file: classes, axis, preprocessing, geometry, outputs, training summary',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'SpectraCAM ONNX model' })
      .option('json', { type: 'boolean', default: false, describe: 'the description as one JSON object' })
      .example('$0 info model.onnx', 'what the model expects and what it was trained on')
      .example('$0 info model.onnx --json | jq .classes', 'for scripts') as never,
  handler: async (args) => {
    const { describeModelFile, modelInfoText } = await import('../info/modelInfo.js');
    const info = await describeModelFile(args.file);
    process.stdout.write(args.json ? `${JSON.stringify(info, null, 2)}\n` : modelInfoText(info));
  },
};
