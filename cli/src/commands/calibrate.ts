import type { CommandModule } from 'yargs';
import { NO_SHAPE_NOVELTY, thresholdSpectra } from '@spectracam/format';
import type { Device } from '@spectracam/runtime';
import { dataInputs, modelOptions } from '../options/modelOptions.js';
import type { ReaderArgs } from '../runtime/modelInputs.js';

interface CalibrateArgs extends ReaderArgs {
  model: string;
  data: string | string[];
  out: string;
  json: boolean;
  quantile?: number;
  force: boolean;
  device: Device;
  batchSize: number;
  threads?: number;
  extendEnds?: number;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <model> [data..]',
  describe: "Set a model's unknown-sample threshold from your own in-distribution reference spectra (writes a new file)",
  builder: (yargs) =>
    modelOptions(yargs)
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the .onnx file to write (a new file, or a model exported before; never the model read)' })
      .option('quantile', { type: 'number', describe: "the threshold: this quantile of the reference spectra's scores (default: the file's, e.g. 0.99)" })
      .option('force', { type: 'boolean', default: false, describe: 'replace a file at --out that is not a SpectraCAM model' })
      .option('json', { type: 'boolean', default: false, describe: "the file's new novelty metadata as one JSON object on stdout" })
      .check((a) => {
        const q = a.quantile;
        if (q !== undefined && !(q > 0 && q < 1)) throw new Error(`--quantile ${q}: expected a share in (0, 1), e.g. 0.99`);
        return true;
      })
      .example('$0 calibrate meat.onnx qc-spectra/ --out meat-site2.onnx', 'the threshold from this instrument\'s reference measurements of known samples')
      .example('$0 calibrate meat.onnx qc.csv --quantile 0.995 --out meat-qc.onnx', 'a stricter quantile') as never,
  handler: async (args) => {
    const [{ readFile }, { createHash }, { loadModel }, { calibrateNovelty }, { checkOutput, writeFileAtomic }, { isOwnModelFile }, { modelInputChunks, axisOption }] = await Promise.all([
      import('node:fs/promises'),
      import('node:crypto'),
      import('@spectracam/runtime'),
      import('@spectracam/exporter'),
      import('@spectracam/data'),
      import('../options/ownOutputs.js'),
      import('../runtime/modelInputs.js'),
    ]);
    const inputs = dataInputs(args.data);
    await checkOutput(args.out, { what: 'model file', inputs: [args.model, ...inputs.filter((d) => d !== '-')], isOwn: isOwnModelFile, force: args.force });
    const bytes = new Uint8Array(await readFile(args.model));
    const model = await loadModel(bytes, { device: args.device, batchSize: args.batchSize, threads: args.threads });
    const scores: number[] = [];
    // The spectra as read, hashed as they stream past (the metadata names them; keeping them all would hold the whole data set).
    const hash = createHash('sha256');
    // Reference spectra the file already calls unknown: one far outlier moves a gamma fit's quantile a long way.
    const unknownBefore: { id: string; score: number }[] = [];
    try {
      if (!model.metadata.novelty) throw new Error(`${args.model}: the model has no unknown-sample score (exported with --no-novelty, or before the score): nothing to calibrate`);
      for await (const dataset of modelInputChunks(inputs, args, model.unit)) {
        const predictions = await model.predict(dataset.spectra, { ...axisOption(dataset.axis, model.axis, args.extendEnds), names: dataset.ids });
        predictions.forEach((p, i) => {
          if (p.novelty === NO_SHAPE_NOVELTY) throw new Error(`${dataset.ids[i]}: a constant spectrum (no shape) is not an in-distribution reference; leave it out`);
          if (p.unknown) unknownBefore.push({ id: dataset.ids[i]!, score: p.novelty! });
          scores.push(p.novelty!);
          const s = dataset.spectra[i]!;
          hash.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
        });
      }
    } finally {
      await model.dispose();
    }
    const result = calibrateNovelty(bytes, args.model, { scores, sha256: hash.digest('hex'), source: inputs.join(', '), quantile: args.quantile });
    await writeFileAtomic(args.out, result.bytes);
    if (unknownBefore.length > 0) {
      // The highest scores first: those move the threshold most.
      unknownBefore.sort((a, b) => b.score - a.score);
      const named = unknownBefore.slice(0, 5).map((u) => `${u.id} ${Number(u.score.toPrecision(3))}`).join(', ') + (unknownBefore.length > 5 ? ` and ${unknownBefore.length - 5} more` : '');
      process.stderr.write(`warning: the model's own threshold called ${unknownBefore.length} of these reference spectra unknown (highest scores: ${named}); a reference spectrum unlike the rest raises the new threshold: check them, and calibrate without them if they are not what the instrument measures of known samples\n`);
    }
    const n = result.novelty;
    const before = n.thresholdFrom.reference!.replaced;
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ out: args.out, novelty: n, flaggedBefore: result.flaggedBefore })}\n`);
      return;
    }
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    process.stdout.write(
      [
        `wrote ${args.out}`,
        `  unknown:    novelty > ${Number(n.threshold.toPrecision(4))}, the ${100 * n.quantile} % quantile of ${scores.length} reference spectra (${n.thresholdFrom.method}${n.thresholdFrom.method === 'gamma' ? `: fewer than ${Math.ceil(1 / (1 - n.quantile))} for an empirical one` : ''})`,
        `  before:     novelty > ${Number(before.threshold.toPrecision(4))} (the ${100 * before.quantile} % quantile of ${thresholdSpectra(before)}), which flagged ${pct(result.flaggedBefore)} of these`,
        `  now flags:  ${pct(n.flagged.reference!)} of them`,
        '',
      ].join('\n'),
    );
  },
};
