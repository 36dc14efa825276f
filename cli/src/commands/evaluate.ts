import type { Argv, CommandModule } from 'yargs';
import { readerOptions, toReaderOptions } from '../options/readerOptions.js';
import type { ReaderArgv } from '../options/readerOptions.js';
import { abortOnSigint } from '../terminal/abortOnSigint.js';
import { RATIOS_DESCRIPTION, ratiosOption } from '../options/splitRatios.js';

interface EvaluateArgs extends ReaderArgv {
  out: string;
  partitions: number;
  repeats: number;
  baseline: 'pls-lda' | 'none';
  plsPreprocess: 'auto' | 'raman' | 'none';
  plsBaseline?: boolean;
  plsDerivative?: boolean;
  split: 'auto' | 'group-aware' | 'random';
  ratios?: string;
  backend: 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
  epochs?: number;
  batchSize?: number;
  lr?: number;
  l2?: number;
  patience?: number;
  preprocess?: 'minmax-variable' | 'minmax-global' | 'snv' | 'none' | 'auto';
  fraction: number;
  report: boolean;
  force: boolean;
  queue?: string;
}

const GROUP = 'Evaluation:';

const pct = (v: number) => `${(100 * v).toFixed(2)} %`;

export const evaluateCommand: CommandModule<object, EvaluateArgs> = {
  command: 'evaluate',
  describe: 'Monte-Carlo evaluation as in the study: CNN x repeats on a base + random partitions, PLS-LDA baseline, results.json and report.html',
  builder: (yargs) =>
    readerOptions(yargs)
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'evaluation folder (runs/, results.json, report.html); rerun to resume', group: GROUP })
      .option('partitions', { type: 'number', default: 5, describe: 'random partitions besides the base partition (split seed 0)', group: GROUP })
      .option('repeats', { type: 'number', default: 10, describe: 'CNN trainings per partition (init seeds 1..repeats)', group: GROUP })
      .option('baseline', { choices: ['pls-lda', 'none'] as const, default: 'pls-lda' as const, describe: 'baseline fitted once per partition', group: GROUP })
      .option('pls-preprocess', {
        choices: ['auto', 'raman', 'none'] as const,
        default: 'auto' as const,
        describe: "before PLS-LDA: raman = airPLS baseline + Savitzky-Golay first derivative (the study's for Raman), none = raw; auto = raman when the axis is in cm-1 and starts below 400 cm-1 (a Raman shift axis), else none",
        group: GROUP,
      })
      .option('pls-baseline', { type: 'boolean', describe: 'airPLS baseline correction before PLS-LDA (overrides --pls-preprocess)', group: GROUP })
      .option('pls-derivative', { type: 'boolean', describe: 'Savitzky-Golay first derivative before PLS-LDA (overrides --pls-preprocess)', group: GROUP })
      .option('split', { choices: ['auto', 'group-aware', 'random'] as const, default: 'auto' as const, describe: 'auto: group-aware when groups are known', group: GROUP })
      .option('ratios', { type: 'string', describe: RATIOS_DESCRIPTION, group: GROUP })
      .option('backend', { choices: ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const, default: 'auto' as const, group: GROUP })
      .option('epochs', { type: 'number', describe: 'maximum epochs per CNN (trainer default)', group: GROUP })
      .option('batch-size', { type: 'number', group: GROUP })
      .option('lr', { type: 'number', describe: 'Adam learning rate', group: GROUP })
      .option('l2', { type: 'number', group: GROUP })
      .option('patience', { type: 'number', group: GROUP })
      .option('preprocess', { choices: ['minmax-variable', 'minmax-global', 'snv', 'none', 'auto'] as const, group: GROUP })
      .option('fraction', { type: 'number', default: 0.1, describe: 'top fraction of variables for the frequency maps', group: GROUP })
      .option('report', { type: 'boolean', default: true, describe: 'write report.html (--no-report to skip)', group: GROUP })
      .option('force', { type: 'boolean', default: false, describe: 'retrain runs in --out that were made with other data, splits or settings (never touches other folders)', group: GROUP })
      .option('queue', { type: 'string', describe: 'train the runs on workers (spectracam worker) through this Redis queue, redis://HOST:PORT; --data and --out must be on storage every worker shares', group: GROUP })
      .check((a) => {
        for (const name of ['partitions', 'repeats'] as const) {
          const v = a[name];
          if (!(Number.isInteger(v) && v >= (name === 'repeats' ? 1 : 0))) throw new Error(`--${name} must be a whole number >= ${name === 'repeats' ? 1 : 0}, got ${String(v)}`);
        }
        ratiosOption(a.ratios);
        return true;
      })
      .example('$0 evaluate --data ../shared/data/fresh-meat-ftir/FreshMeatFTIR.csv --out eval/meat', 'meat: 5 partitions x 10 CNNs + PLS-LDA, group-aware')
      .example('$0 evaluate --data /shared/meat.csv --out /shared/eval/meat --backend wasm --queue redis://10.0.0.5:6379', 'the runs on every machine running spectracam worker')
      .example('$0 evaluate --data spectra.csv --out eval/x --partitions 2 --repeats 3 --epochs 100 --pls-preprocess raman', 'a quick Raman evaluation') as unknown as Argv<EvaluateArgs>,
  handler: async (argv) => {
    const [study, data] = await Promise.all([import('@spectracam/study'), import('@spectracam/data')]);
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const ratios = ratiosOption(argv.ratios);
    const dataset = await data.loadDataset(toReaderOptions(argv));
    for (const warning of dataset.warnings) process.stderr.write(`warning: ${warning}\n`);
    const raman = argv.plsPreprocess === 'raman' || (argv.plsPreprocess === 'auto' && study.looksRaman(dataset));
    const pls = { baseline: argv.plsBaseline ?? raman, derivative: argv.plsDerivative ?? raman };
    if (argv.baseline === 'pls-lda') {
      const how = pls.baseline || pls.derivative ? [pls.baseline ? 'airPLS baseline' : '', pls.derivative ? 'Savitzky-Golay first derivative' : ''].filter(Boolean).join(' + ') : 'raw spectra';
      process.stderr.write(`PLS-LDA on ${how}${argv.plsPreprocess === 'auto' ? ` (auto: ${raman ? 'a Raman shift axis' : 'not a Raman shift axis'}, ${dataset.axis[0]}..${dataset.axis[dataset.axis.length - 1]} ${dataset.unit})` : ''}\n`);
    }
    const interrupt = abortOnSigint('interrupted: stopping after the current batch; finished runs are kept, rerun the same command to resume');
    const bar = new SingleBar({ format: 'evaluate |{bar}| {value}/{total} runs | {message} | {left} left', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
    let started = false;
    const train = {
      ...(argv.epochs !== undefined ? { epochs: argv.epochs } : {}),
      ...(argv.batchSize !== undefined ? { batchSize: argv.batchSize } : {}),
      ...(argv.lr !== undefined ? { learningRate: argv.lr } : {}),
      ...(argv.l2 !== undefined ? { l2: argv.l2 } : {}),
      ...(argv.patience !== undefined ? { patience: argv.patience } : {}),
      ...(argv.preprocess !== undefined ? { preprocess: argv.preprocess } : {}),
      reader: toReaderOptions(argv) as unknown as Record<string, unknown>,
    };
    const progress = (done: number, total: number, message: string, left = '?') => {
      if (!started) {
        bar.start(total, done, { message, left });
        started = true;
      } else bar.update(done, { message, left });
    };
    const queued = argv.queue
      ? await (await import('../queue/queuedEvaluation.js')).startQueuedEvaluation({
          queue: argv.queue, dataset, reader: toReaderOptions(argv), out: argv.out, partitions: argv.partitions, repeats: argv.repeats,
          protocol: argv.split, ...(ratios ? { ratios } : {}), train, backend: argv.backend, signal: interrupt.signal,
          onProgress: (done, total, message) => progress(done, total, message),
          onLine: (line) => process.stderr.write(`${started ? '\n' : ''}${line}\n`),
        })
      : undefined;
    try {
      const results = await study.evaluate(
        {
          dataset,
          out: queued?.out ?? argv.out,
          ...(queued ? { trainer: queued.trainer } : {}),
          partitions: argv.partitions,
          repeats: argv.repeats,
          protocol: argv.split,
          ...(ratios ? { ratios } : {}),
          baseline: argv.baseline,
          plsPreprocess: pls,
          fraction: argv.fraction,
          backend: argv.backend,
          train,
          force: argv.force,
          inputs: [argv.data, argv.labels, argv.groups],
        },
        {
          signal: interrupt.signal,
          onProgress: (p) => {
            // Queued, the bar follows the workers; the evaluation's own phases only name what it does.
            if (queued && (p.phase === 'train' || p.phase === 'resume')) return;
            const left = queued || p.secondsLeft === undefined ? '?' : `${Math.round(p.secondsLeft / 60)} min ${Math.round(p.secondsLeft % 60)} s`;
            progress(p.done, p.total, p.message, left);
          },
        },
      );
      if (started) bar.stop();
      const lines = [`evaluation of ${dataset.source}: ${results.partitions.length} partitions (${results.settings.protocol}) x ${results.settings.repeats} CNNs, ${results.seconds.toFixed(0)} s`];
      for (const p of results.partitions) {
        lines.push(`  partition ${p.base ? 'base' : p.index}: CNN test ${pct(p.cnn.mean.test)} +- ${pct(p.cnn.std.test)}${p.plsLda ? `, PLS-LDA test ${pct(p.plsLda.accuracy.test)} (${p.plsLda.components} LVs)` : ''}`);
      }
      const s = results.summary;
      lines.push(`CNN: train ${pct(s.cnn.train.mean)}, validation ${pct(s.cnn.validation.mean)}, test ${pct(s.cnn.test.mean)} +- ${pct(s.cnn.test.std)}`);
      if (s.plsLda) lines.push(`PLS-LDA: train ${pct(s.plsLda.train.mean)}, validation ${pct(s.plsLda.validation.mean)}, test ${pct(s.plsLda.test.mean)}`);
      lines.push(`results: ${argv.out}/results.json`);
      if (argv.report) lines.push(`report: ${await study.writeReport(argv.out, results)}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      if (started) bar.stop();
      interrupt.release();
      await queued?.close();
    }
  },
};
