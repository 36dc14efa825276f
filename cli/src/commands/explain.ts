import type { CommandModule } from 'yargs';
import type { Alignment, Device, ExplainMethod } from '@spectracam/runtime';
import { ATTRIBUTION_METHODS } from '@spectracam/format';
import { dataInputs, exitQuietlyOnClosedStdout, modelOptions } from '../options/modelOptions.js';
import type { ReaderArgs } from '../runtime/modelInputs.js';

interface ExplainArgs extends ReaderArgs {
  model: string;
  data: string | string[];
  class: string;
  top: number;
  alignment: Alignment;
  method: ExplainMethod;
  full: boolean;
  json: boolean;
  plot?: string;
  plotIndex: number;
  force: boolean;
  bands: string;
  device: Device;
  batchSize: number;
  threads?: number;
  extendEnds?: number;
  queue?: string;
  out?: string;
  shardSize: number;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <model> [data..]',
  describe: 'Classify spectra and explain each decision with a class activation map (or another method the file carries)',
  builder: (yargs) =>
    modelOptions(yargs)
      .option('class', { type: 'string', default: 'predicted', describe: 'Class to explain: predicted, all, or a class name' })
      .option('top', { type: 'number', default: 0.1, describe: 'Fraction of variables kept as top variables' })
      .option('alignment', { choices: ['receptive-field', 'stretch'] as const, default: 'receptive-field' as const, describe: 'Spline knots: receptive-field centres, or spread evenly (the study)' })
      .option('method', {
        choices: ['cam', ...ATTRIBUTION_METHODS] as ExplainMethod[],
        default: 'cam' as const,
        describe: 'cam (every file), or an input-resolution attribution the file carries (spectracam export --attributions)',
      })
      .option('full', { type: 'boolean', default: false, describe: 'With --json, include the scaled map of each requested class' })
      .option('plot', { type: 'string', describe: 'Write an SVG of one spectrum with its map and regions' })
      .option('plot-index', { type: 'number', default: 0, describe: 'Which spectrum --plot draws (0-based)' })
      .option('force', { type: 'boolean', default: false, describe: 'Let --plot replace a file that is not an earlier plot (never an input)' })
      .option('bands', { type: 'string', default: 'auto', describe: 'Band table naming regions: auto, raman, mid-ir, none or a JSON file' })
      .option('queue', { type: 'string', describe: 'explain on workers (spectracam worker) through this Redis queue, redis://HOST:PORT; needs --out' })
      .option('out', { type: 'string', describe: 'with --queue: folder of JSON-lines parts, one per shard (the lines of --json); rerun to finish an interrupted one' })
      .option('shard-size', { type: 'number', default: 10_000, describe: 'with --queue: spectra per shard (one job)' })
      .check((a) => {
        if (!(a.top > 0 && a.top <= 1)) throw new Error(`--top ${a.top}: expected a fraction in (0, 1]`);
        if ((a.queue === undefined) !== (a.out === undefined)) throw new Error('--queue and --out go together: the workers write their parts into --out');
        if (a.queue !== undefined && a.plot !== undefined) throw new Error('--plot draws one spectrum here; without --queue it works as before');
        return true;
      })
      .example('$0 explain model.onnx spectra.csv', 'predicted class and its top regions per spectrum')
      .example("$0 explain model.onnx sample.0 map.wdf 'runs/*.spa'", 'several files (OPUS, WDF, SPA, ...), folders and patterns at once')
      .example('$0 explain model.onnx spectra.csv --json --full --class all > maps.jsonl', 'every class map as JSON lines')
      .example('$0 explain model.onnx spectra.csv --plot first.svg --bands mid-ir', 'draw the first spectrum with its map')
      .example('$0 explain /shared/model.onnx /shared/scan.csv --queue redis://10.0.0.5:6379 --out /shared/scan-maps', 'on every machine running spectracam worker') as never,
  handler: async (args) => {
    if (args.queue) return (await import('../queue/explainQueuedCommand.js')).explainQueued({ ...args, queue: args.queue, out: args.out!, data: dataInputs(args.data) });
    exitQuietlyOnClosedStdout();
    const { loadModel } = await import('@spectracam/runtime');
    const { createClassStatistics, resampleLinear } = await import('@spectracam/cam');
    const { modelInputChunks, axisOption, labelsMatch, tsvCell } = await import('../runtime/modelInputs.js');
    const { bandTableOption } = await import('../runtime/bandTableOption.js');
    const { explanationJson } = await import('../runtime/explanationJson.js');
    const { noveltyCells, noveltySummary } = await import('../runtime/noveltyLines.js');
    const { explanationSvg } = await import('../plot/explanationSvg.js');
    const { checkOutput, writeFileAtomic } = await import('@spectracam/data');
    const { isOwnPlot } = await import('../options/ownOutputs.js');
    const { SingleBar, Presets } = (await import('cli-progress')).default;

    // The plot may never replace an input, nor a file that is not an earlier plot without --force.
    if (args.plot) await checkOutput(args.plot, { what: 'plot', inputs: [args.model, ...dataInputs(args.data), args.labels, args.groups], isOwn: isOwnPlot, force: args.force });
    const model = await loadModel(args.model, { device: args.device, batchSize: args.batchSize, threads: args.threads });
    try {
      const bands = await bandTableOption(args.bands, model.axis);
      // Spectra arrive a piece of the file at a time and explanations stream, so memory stays
      // bounded however long the file is.
      const bar = new SingleBar({ stream: process.stderr, format: 'explain {value} spectra, {speed} spectra/s' }, Presets.shades_classic);
      if (process.stderr.isTTY) bar.start(0, 0, { speed: '-' });
      const started = performance.now();
      let i = 0;
      let correct = 0;
      let labelled = 0;
      let outside = 0;
      let unknown = 0;
      let stats: ReturnType<typeof createClassStatistics> | undefined;
      for await (const dataset of modelInputChunks(dataInputs(args.data), args, model.unit)) {
        const scored = labelsMatch(dataset, model.classes);
        // Class patterns need the predicted class's full map; they accumulate piece by piece.
        if (scored) stats ??= createClassStatistics([...model.classes], model.axis.length, args.top);
        const options = {
          ...axisOption(dataset.axis, model.axis, args.extendEnds),
          names: dataset.ids,
          class: args.class,
          top: args.top,
          alignment: args.alignment,
          method: args.method,
          full: args.full || scored || args.plot !== undefined,
          ...(bands ? { bands } : {}),
        };
        let k = 0;
        for await (const e of model.explainStream(dataset.spectra, options)) {
          const id = dataset.ids[k]!;
          if (scored) {
            labelled++;
            if (e.predicted === dataset.labels[k]) correct++;
            const predictedMap = e.maps.find((m) => m.class === e.predicted)?.map;
            if (stats && predictedMap) stats.add(predictedMap, dataset.labels[k]!, e.predicted);
          }
          if (e.outOfRange) outside++;
          if (e.unknown) unknown++;
          if (args.json) process.stdout.write(`${explanationJson(id, e, args.full, scored ? dataset.labels[k] : undefined)}\n`);
          else {
            const regions = e.maps[0]!.regions.slice(0, 3).map((r) => `${r.start.toFixed(0)}-${r.end.toFixed(0)}${r.band ? ` (${r.band.name})` : ''}`);
            process.stdout.write(`${tsvCell(id)}\t${e.predicted}\t${e.probabilities[e.predicted]!.toFixed(4)}\t${e.maps[0]!.class}: ${regions.join(', ')}${noveltyCells(e)}${e.outOfRange ? '\tout-of-range' : ''}\n`);
          }
          if (args.plot && i === args.plotIndex) {
            const m = e.maps[0]!;
            const title = `${id}: predicted ${e.predicted} (${(100 * e.probabilities[e.predicted]!).toFixed(1)} %), map of ${m.class}`;
            // Drawn on the model's axis, where the map lives; the spectrum as the model saw it.
            const spectrum = options.axis ? resampleLinear(options.axis, dataset.spectra[k]!, model.axis, options.extendEnds) : dataset.spectra[k]!;
            await writeFileAtomic(args.plot, explanationSvg({ title, axis: model.axis, unit: model.unit, spectrum, map: m.map!, regions: m.regions }));
          }
          i++;
          k++;
          if (process.stderr.isTTY && i % 64 === 0) bar.update(i, { speed: (i / ((performance.now() - started) / 1000)).toFixed(0) });
        }
      }
      if (process.stderr.isTTY) {
        bar.update(i);
        bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const lines = [`explained ${i} spectra in ${seconds.toFixed(2)} s (${(i / seconds).toFixed(0)} spectra/s) on ${model.device}, ${args.method === 'cam' ? `cam, ${args.alignment} alignment` : args.method}`];
      if (labelled > 0) lines.push(`accuracy against the labels: ${((100 * correct) / labelled).toFixed(2)} %${labelled < i ? ` (${labelled} labelled spectra)` : ''}`);
      if (stats) {
        for (const [name, pattern] of Object.entries(stats.result())) {
          let peak = 0;
          for (let j = 1; j < pattern.mean.length; j++) if (pattern.mean[j]! > pattern.mean[peak]!) peak = j;
          if (pattern.n > 0) lines.push(`class ${name}: ${pattern.n} correctly classified, mean map peaks at ${model.axis[peak]!.toFixed(1)} ${model.unit}`);
        }
      }
      if (outside > 0) lines.push(`warning: ${outside} spectra lie far outside the training data's range (outOfRange); their classes and maps are guesses`);
      lines.push(...noveltySummary(model, unknown, i));
      if (args.plot) lines.push(`plot: ${args.plot}`);
      process.stderr.write(`${lines.join('\n')}\n`);
    } finally {
      await model.dispose();
    }
  },
};
