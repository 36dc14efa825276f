import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { RunRecord } from '@spectracam/trainer';
import { readerOptions, toReaderOptions } from '../options/readerOptions.js';
import type { ReaderArgv } from '../options/readerOptions.js';
import { abortOnSigint } from '../terminal/abortOnSigint.js';
import { RATIOS_DESCRIPTION, ratiosOption } from '../options/splitRatios.js';

interface TrainArgs extends Partial<ReaderArgv> {
  out?: string;
  force: boolean;
  resume?: string;
  backend: 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
  epochs?: number;
  batchSize?: number;
  lr?: number;
  l2?: number;
  patience?: number;
  noise?: number;
  architecture: 'default' | 'study';
  members?: number;
  variableWeights?: boolean;
  linearPath?: boolean;
  linearPathInput?: 'auto' | 'input' | 'derivative';
  threads?: number;
  preprocess?: 'minmax-variable' | 'minmax-global' | 'snv' | 'none' | 'auto';
  kernels?: string;
  strides?: string;
  padding?: 'same' | 'valid';
  split: 'auto' | 'group-aware' | 'random' | 'file';
  splitFile?: string;
  ratios?: string;
  seed: number;
}

const GROUP = 'Training:';

function triple(name: string, value: string | undefined): [number, number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`--${name} takes three positive integers separated by commas (e.g. 21,11,5), got '${value}'`);
  }
  return parts as [number, number, number];
}

/** The options that were given (undefined ones would otherwise erase the defaults when spread). */
function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: "Train the study's 1-D CNN on a data set (or the built-in synthetic one) and write a run directory",
  builder: (yargs) =>
    readerOptions(yargs, { dataRequired: false })
      .option('out', { alias: 'o', type: 'string', describe: 'run directory to write (run.json + model/); a new or empty folder', group: GROUP })
      .option('force', { type: 'boolean', default: false, describe: 'replace an earlier run directory at --out (never anything else)', group: GROUP })
      .option('resume', { type: 'string', describe: 'continue the interrupted run in this directory, with its recorded data and settings', group: GROUP })
      .option('backend', { choices: ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'TensorFlow.js backend; auto: the fastest present (tensorflow > webgpu > wasm > cpu)', group: GROUP })
      .option('epochs', { type: 'number', describe: 'maximum epochs (default: 1800 optimiser steps, at most 300 epochs)', group: GROUP })
      .option('batch-size', { type: 'number', describe: 'mini-batch size (default 16 below 200 training spectra, else 32)', group: GROUP })
      .option('lr', { type: 'number', describe: 'Adam learning rate (default 0.005 below 200 training spectra, else 0.003)', group: GROUP })
      .option('l2', { type: 'number', describe: 'L2 penalty on conv and dense kernels (default 0.001)', group: GROUP })
      .option('patience', { type: 'number', describe: 'early stopping: epochs without a validation loss lower by 1e-4 (default: 240 optimiser steps, 10 to 40 epochs)', group: GROUP })
      .option('noise', { type: 'number', describe: 'std of Gaussian noise added to training batches after preprocessing (default 0)', group: GROUP })
      .option('preprocess', { choices: ['minmax-variable', 'minmax-global', 'snv', 'none', 'auto'] as const, describe: "scaling fitted on the training part (default auto: min-max per variable, study Eq. 9, or SNV, whichever the linear path's cross-validation over train + validation scores higher; without a linear path, whichever one network validates better on)", group: GROUP })
      .option('architecture', { choices: ['default', 'study'] as const, default: 'default' as const, describe: "default: the study's network with a learned weight per variable, an ensemble of members; study: the study's network alone (reproduction)", group: GROUP })
      .option('members', { type: 'number', describe: 'networks in the ensemble, trained in parallel worker threads (default from --architecture)', group: GROUP })
      .option('variable-weights', { type: 'boolean', describe: 'a learned weight per input variable before Conv1 (default from --architecture)', group: GROUP })
      .option('linear-path', { type: 'boolean', describe: 'PLS-LDA fitted on the training part as a fixed linear path into the last layer; --no-linear-path without it (default from --architecture)', group: GROUP })
      .option('linear-path-input', { choices: ['auto', 'input', 'derivative'] as const, describe: "what the linear path reads: the network input, or the spectrum's Savitzky-Golay first derivative (auto: the derivative on a Raman axis, cm-1 below 400)", group: GROUP })
      .option('threads', { type: 'number', describe: 'worker threads training members side by side (default: one per core)', group: GROUP })
      .option('kernels', { type: 'string', describe: 'conv kernel sizes, e.g. 21,11,5 (default from the number of variables)', group: GROUP })
      .option('strides', { type: 'string', describe: 'conv strides, e.g. 2,2,1 (default from the number of variables)', group: GROUP })
      .option('padding', { choices: ['same', 'valid'] as const, describe: 'conv padding (default same)', group: GROUP })
      .option('split', { choices: ['auto', 'group-aware', 'random', 'file'] as const, default: 'auto' as const, describe: 'auto: group-aware when groups are known; random can put near-duplicates on both sides', group: GROUP })
      .option('split-file', { type: 'string', describe: 'CSV naming each spectrum\'s part (implies --split file)', group: GROUP })
      .option('ratios', { type: 'string', describe: `${RATIOS_DESCRIPTION} (not with --split-file)`, group: GROUP })
      .option('seed', { type: 'number', default: 1, describe: 'seeds split, initial weights and batch order (a whole number >= 0)', group: GROUP })
      .option('synthetic', { type: 'boolean', describe: 'train on the built-in synthetic data set (the default without --data)', group: GROUP })
      .example('$0 train --out runs/synthetic', 'the built-in synthetic Raman set, with the same defaults as any data')
      .example('$0 train --data ../shared/data/fresh-meat-ftir/FreshMeatFTIR.csv --out runs/meat --seed 3', 'meat, group-aware split')
      .example('$0 train --data spectra.csv --out runs/x --kernels 21,11,5 --strides 2,2,1 --backend wasm', 'explicit geometry and backend')
      .example('$0 train --resume runs/x', 'continue a training stopped with Ctrl-C')
      .check((a) => {
        if (!a.out && !a.resume) throw new Error('--out is missing: name the run directory to write (or --resume RUN)');
        if (a.resume && a.out && a.out !== a.resume) throw new Error('--resume continues the run in its own directory; leave out --out or give the same path');
        if (!Number.isSafeInteger(a.seed) || a.seed < 0) throw new Error(`--seed must be a whole number >= 0, got ${String(a['seed'])}`);
        ratiosOption(a.ratios);
        if (a.ratios !== undefined && a.splitFile !== undefined) throw new Error('--ratios and --split-file: the split file already names each spectrum\'s part; give one of them');
        for (const name of ['epochs', 'batch-size', 'patience', 'members', 'threads'] as const) {
          const v = a[name];
          if (v !== undefined && !(Number.isInteger(v) && (v as number) >= (name === 'patience' ? 0 : 1))) throw new Error(`--${name} must be a whole number${name === 'patience' ? ' >= 0' : ' >= 1'}, got ${String(v)}`);
        }
        for (const name of ['lr', 'l2', 'noise'] as const) {
          const v = a[name];
          if (v !== undefined && !(Number.isFinite(v) && (v as number) >= 0 && (name !== 'lr' || (v as number) > 0))) throw new Error(`--${name} must be a ${name === 'lr' ? 'positive' : 'non-negative'} number, got ${String(v)}`);
        }
        return true;
      }) as unknown as Argv<TrainArgs>,
  handler: async (argv) => {
    const kernels = triple('kernels', argv.kernels);
    const strides = triple('strides', argv.strides);
    const [trainer, data] = await Promise.all([import('@spectracam/trainer'), import('@spectracam/data')]);
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const out = (argv.resume ?? argv.out)!;
    const reader = argv.data ? toReaderOptions(argv as ReaderArgv) : undefined;
    // Checked before any work: never an input, never a folder that is not a run, writable.
    const state = await data.checkOutput(out, {
      what: 'run directory',
      folder: true,
      inputs: [argv.data, argv.labels, argv.groups, argv.splitFile],
      isOwn: trainer.isRunDirectory,
    });
    if (argv.resume && !state.own) throw new Error(`--resume ${out}: not a run directory written by spectracam train`);
    if (state.own && !argv.resume && !argv.force) {
      throw new Error(`${out} already holds a run; --force replaces it, --resume continues it if it was interrupted, or choose another --out`);
    }
    const previous = argv.resume ? await trainer.readRun(out) : undefined;
    if (previous && previous.record.status !== 'interrupted') {
      previous.model.dispose();
      throw new Error(`--resume ${out}: the run is complete; nothing to continue (train again with --force to replace it)`);
    }
    const backend = await trainer.setBackend(argv.backend);
    const dataset = previous
      ? await reloadRecordedData(previous.record, data)
      : reader ? await data.loadDataset(reader) : data.generateSynthetic({ seed: argv.seed }).dataset;
    for (const warning of dataset.warnings) process.stderr.write(`warning: ${warning}\n`);
    await mkdir(dirname(resolve(out)), { recursive: true });
    const unlock = await data.lockOutput(out, 'run directory');

    const interrupt = abortOnSigint('interrupted: finishing the current batch and keeping the best weights so far...');
    const bar = new SingleBar(
      { format: 'training |{bar}| epoch {value}/{total} | loss {loss} | val acc {valAcc} | best {best} | {eta_formatted} left', hideCursor: true, stream: process.stderr, etaBuffer: 20 },
      Presets.shades_classic,
    );
    let started = false;
    try {
      const { record, model, features } = await trainer.trainRun(
        dataset,
        previous ? { backend: argv.backend } : {
          ...defined({
            epochs: argv.epochs, batchSize: argv.batchSize, learningRate: argv.lr, l2: argv.l2, patience: argv.patience, noise: argv.noise,
            preprocess: argv.preprocess, kernels, strides, padding: argv.padding,
            ...(argv.architecture === 'study' ? trainer.STUDY_ARCHITECTURE : {}),
            ...defined({ members: argv.members, variableWeights: argv.variableWeights, linearReadout: argv.linearPath, linearReadoutInput: argv.linearPathInput, threads: argv.threads }),
          }),
          split: argv.splitFile ? 'file' : argv.split, splitFile: argv.splitFile, seed: argv.seed, ...defined({ ratios: ratiosOption(argv.ratios) }),
          reader: reader ? { ...reader } : { synthetic: true, seed: argv.seed },
        },
        {
          signal: interrupt.signal,
          onProgress: (p) => {
            if (p.stage !== 'train' || p.epoch === undefined) return;
            const payload = { loss: p.loss!.toFixed(4), valAcc: p.valAccuracy!.toFixed(3), best: p.bestEpoch };
            if (!started) {
              bar.start(p.epochs!, 0, payload);
              started = true;
            }
            bar.update(p.epoch, payload);
          },
        },
        previous,
      );
      if (started) bar.stop();
      if (record.split.warning) process.stderr.write(`warning: ${record.split.warning}\n`);
      await trainer.writeRun(out, record, model, { replace: state.own, features });
      const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)} %` : 'n/a');
      const t = record.training;
      process.stdout.write(
        [
          `${record.status === 'interrupted' ? 'interrupted; wrote the best checkpoint to' : previous ? 'resumed and wrote' : 'wrote'} ${out}`,
          `  data:      ${record.data.source || 'built-in synthetic'}: ${record.data.spectra} spectra x ${record.data.variables} variables, classes ${record.data.classes.join(', ')}`,
          `  split:     ${record.split.protocol} (train ${record.metrics.train.n}, validation ${record.metrics.validation.n}, test ${record.metrics.test.n}), seed ${record.split.seed}`,
          `  model:     kernels ${record.model.geometry.layers.map((l) => l.kernel).join(',')}, strides ${record.model.geometry.layers.map((l) => l.stride).join(',')}, ${record.preprocessing.kind}`,
          ...pathLine(record.model.linearReadout, pct),
          ...leftOutLine(record.training.pathLeftOut, pct),
          `  accuracy:  train ${pct(record.metrics.train.accuracy)}, validation ${pct(record.metrics.validation.accuracy)}, test ${pct(record.metrics.test.accuracy)}${record.training.fittedOn ? ' (the networks were fitted on train + validation)' : record.model.linearReadout?.selection ? ' (the path was fitted on train + validation)' : ''}`,
          `  balanced:  test ${pct(record.metrics.test.balancedAccuracy ?? Number.NaN)}; recall ${record.data.classes.map((c, i) => `${c} ${pct(record.metrics.test.recall?.[i] ?? Number.NaN)}`).join(', ')}`,
          `  training:  ${t.epochsRun} epochs (best ${t.bestEpoch}), backend ${backend}, ${t.secondsPerEpoch.toFixed(3)} s/epoch`,
          ...restartLine(t, trainer),
          '',
        ].join('\n'),
      );
      // A model that names one class for everything looks accurate on unbalanced data; say so.
      const predictedClasses = record.metrics.test.confusion.map((_, c) => record.metrics.test.confusion.reduce((n, row) => n + row[c]!, 0)).filter((n) => n > 0).length;
      if (record.metrics.test.n > 0 && predictedClasses <= 1 && record.data.classes.length > 1) {
        process.stderr.write(`warning: the model predicts one class only on the test part (accuracy ${pct(record.metrics.test.accuracy)} is the share of that class); train longer or check the data\n`);
      }
      // Where PLS-LDA alone separates the data with saturated probabilities, the network's own part gets
      // no gradient and stays at its zero start: the model then is the linear path, and users should know
      // (an interrupted run may not have taken a step at all, so it says nothing).
      const readout = record.model.linearReadout;
      if (record.status === 'complete' && readout && readout.components > 0 && trainer.classifierWeights(model).weight.every((w) => w === 0)) {
        process.stderr.write(
          `note: the linear path (PLS-LDA, ${readout.components} latent variables) separates the training part on its own, so the convolutional part learned nothing (classifier weights 0): this model decides as PLS-LDA does, and its maps show the path's evidence\n`,
        );
      }
      if (record.status === 'interrupted') process.stdout.write(`  continue:  spectracam train --resume ${out}\n`);
      model.dispose();
      if (record.status === 'interrupted') process.exitCode = interrupt.exitCode() ?? 130;
    } finally {
      if (started) bar.stop();
      interrupt.release();
      await unlock();
    }
  },
};

/** The data an interrupted run was trained on, read again the way its record says. */
async function reloadRecordedData(record: import('@spectracam/trainer').RunRecord, data: typeof import('@spectracam/data')) {
  const reader = record.data.reader as { data?: string; synthetic?: boolean; seed?: number };
  if (reader.synthetic) return data.generateSynthetic({ seed: reader.seed ?? 1 }).dataset;
  if (typeof reader.data !== 'string') throw new Error(`the run's record does not say where its data were read from (data.reader has no 'data'); it cannot be resumed`);
  return data.loadDataset(reader as import('@spectracam/data').ReaderOptions);
}

/** Which networks started again because a start learned nothing (trainer's fitMember); run.json keeps the counts. */
function restartLine(t: RunRecord['training'], rule: { MAX_RESTARTS: number; LEARNED_FRACTION: number }): string[] {
  const members = t.members ?? [{ seed: t.seed, restarts: t.restarts }];
  const restarted = members.filter((m) => (m.restarts ?? 0) > 0);
  if (restarted.length === 0) return [];
  const who = t.members ? `${restarted.length} of ${members.length} members` : 'the network';
  const each = restarted.map((m) => `seed ${m.seed}: ${m.restarts} ${m.restarts === 1 ? 'time' : 'times'}`).join(', ');
  const spent = restarted.filter((m) => m.restarts === rule.MAX_RESTARTS).map((m) => m.seed);
  const seeds = (list: number[]) => `${list.length === 1 ? 'seed' : 'seeds'} ${list.join(', ')}`;
  return [
    `  restarts:  ${who} started again from another initialisation (${each}): the earlier starts learned nothing (training loss never below ${rule.LEARNED_FRACTION} x the class prior's entropy)`,
    ...(spent.length > 0 ? [`             ${seeds(spent)} used all ${rule.MAX_RESTARTS} restarts and kept the last start; if the model predicts poorly, a lower --lr may let it learn`] : []),
  ];
}

/** Why a run has no linear path although it asked for one: its cross-validation found nothing above chance. */
function leftOutLine(selection: RunRecord['training']['pathLeftOut'], pct: (x: number) => string): string[] {
  if (!selection) return [];
  return [
    `  path:      left out: ${selection.folds}-fold cross-validation over train + validation (by ${selection.unit}) found no candidate above the no-information rate ${pct(selection.noInformationRate ?? Number.NaN)} (held-out accuracy ${heldOut(selection, pct)}); the networks fitted train + validation and stopped on their training loss, so the validation accuracy is not held out`,
  ];
}

/** How the linear path was chosen, when the run says (runs before the inner cross-validation do not). */
function pathLine(readout: RunRecord['model']['linearReadout'], pct: (x: number) => string): string[] {
  const selection = readout?.selection;
  if (!readout || !selection) return [];
  const on = readout.input === 'derivative' ? 'the derivative' : 'the input';
  const chance = selection.decidedBy === 'network' ? `; none above the no-information rate ${pct(selection.noInformationRate ?? Number.NaN)}, so one network per candidate chose by its validation loss` : '';
  return [`  path:      PLS-LDA on ${on}, ${readout.components} latent variables; ${selection.folds}-fold cross-validation over train + validation (by ${selection.unit}), held-out accuracy ${heldOut(selection, pct)}${chance}`];
}

/** Each candidate's held-out accuracy with its latent variables: "minmax-variable 62.05 % (2), snv 62.95 % (2)". */
function heldOut(selection: NonNullable<RunRecord['training']['pathLeftOut']>, pct: (x: number) => string): string {
  return selection.candidates.map((c) => `${c.preprocessing} ${pct(c.accuracy)} (${c.components})`).join(', ');
}
