import type { CommandModule } from 'yargs';
import type { Device } from '@spectracam/runtime';
import { dataInputs, exitQuietlyOnClosedStdout, modelOptions } from '../options/modelOptions.js';
import type { ReaderArgs } from '../runtime/modelInputs.js';

interface PredictArgs extends ReaderArgs {
  model: string;
  data: string | string[];
  json: boolean;
  device: Device;
  batchSize: number;
  threads?: number;
  extendEnds?: number;
}

export const predictCommand: CommandModule<object, PredictArgs> = {
  command: 'predict <model> [data..]',
  describe: 'Classify spectra with an exported model (.onnx)',
  builder: (yargs) =>
    modelOptions(yargs)
      .example('$0 predict model.onnx new-spectra.csv', 'print the predicted class of each spectrum')
      .example('$0 predict model.onnx line.wdf spectra/ other.jdx', 'a line scan (one result per spectrum), a folder and a file')
      .example('cat spectra.csv | $0 predict model.onnx -', 'spectra on standard input (the format told from the bytes)')
      .example('$0 predict model.onnx spectra.csv --json > predictions.jsonl', 'JSON lines for other tools') as never,
  handler: async (args) => {
    exitQuietlyOnClosedStdout();
    const { loadModel } = await import('@spectracam/runtime');
    const { modelInputChunks, axisOption, labelsMatch, tsvCell } = await import('../runtime/modelInputs.js');
    const { predictionFields } = await import('../runtime/explanationJson.js');
    const { noveltyCells, noveltySummary } = await import('../runtime/noveltyLines.js');
    const model = await loadModel(args.model, { device: args.device, batchSize: args.batchSize, threads: args.threads });
    try {
      const started = performance.now();
      let count = 0;
      let labelled = 0;
      let correct = 0;
      let outside = 0;
      let unknown = 0;
      // One piece of the file at a time (see modelInputChunks): memory stays bounded.
      for await (const dataset of modelInputChunks(dataInputs(args.data), args, model.unit)) {
        const predictions = await model.predict(dataset.spectra, { ...axisOption(dataset.axis, model.axis, args.extendEnds), names: dataset.ids });
        const scored = labelsMatch(dataset, model.classes);
        predictions.forEach((p, i) => {
          if (scored) {
            labelled++;
            if (p.predicted === dataset.labels[i]) correct++;
          }
          if (p.outOfRange) outside++;
          if (p.unknown) unknown++;
          if (args.json) {
            process.stdout.write(`${JSON.stringify(predictionFields(dataset.ids[i]!, p, scored ? dataset.labels[i] : undefined))}\n`);
          } else {
            process.stdout.write(`${tsvCell(dataset.ids[i]!)}\t${p.predicted}\t${p.probabilities[p.predicted]!.toFixed(4)}${noveltyCells(p)}${p.outOfRange ? '\tout-of-range' : ''}\n`);
          }
        });
        count += predictions.length;
      }
      const seconds = (performance.now() - started) / 1000;
      const summary = `${count} spectra in ${seconds.toFixed(2)} s on ${model.device}` +
        (labelled > 0 ? `; accuracy against the labels ${((100 * correct) / labelled).toFixed(2)} %${labelled < count ? ` (${labelled} labelled spectra)` : ''}` : '');
      process.stderr.write(`${summary}\n`);
      if (outside > 0) process.stderr.write(`warning: ${outside} spectra lie far outside the training data's range (marked out-of-range); their classes are guesses\n`);
      for (const line of noveltySummary(model, unknown, count)) process.stderr.write(`${line}\n`);
    } finally {
      await model.dispose();
    }
  },
};
