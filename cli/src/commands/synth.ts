import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';

interface SynthArgs {
  out: string;
  seed: number;
  spectra: number;
  force: boolean;
}

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth',
  describe: 'Write the built-in synthetic Raman data set (two strains, known discriminative bands) and its ground truth',
  builder: (yargs) =>
    yargs
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for synthetic.csv and ground-truth.json' })
      .option('seed', { type: 'number', default: 1, describe: 'random seed: the same seed writes the same data' })
      .option('spectra', { type: 'number', default: 853, describe: 'number of spectra (the study\'s E. coli set has 853)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace files of these names that synth did not write' })
      .check((a) => {
        if (!Number.isSafeInteger(a.seed) || a.seed < 0) throw new Error(`--seed must be a whole number >= 0, got ${String(a['seed'])}`);
        if (!Number.isInteger(a.spectra) || a.spectra < 4) throw new Error(`--spectra must be a whole number >= 4, got ${String(a['spectra'])}`);
        return true;
      })
      .example('$0 synth --out data/synthetic', '853 spectra x 1733 variables, 50-2000 cm-1')
      .example('$0 train --data data/synthetic/synthetic.csv --out runs/synthetic', 'then train on it') as unknown as Argv<SynthArgs>,
  handler: async (argv) => {
    const { checkOutput, generateSynthetic, writeSynthetic, SYNTHETIC_FILES } = await import('@spectracam/data');
    const { isOwnSynthetic } = await import('../options/ownOutputs.js');
    for (const file of Object.values(SYNTHETIC_FILES)) {
      await checkOutput(join(argv.out, file), { what: 'synthetic data set', isOwn: () => isOwnSynthetic(argv.out), force: argv.force });
    }
    const started = performance.now();
    const result = generateSynthetic({ seed: argv.seed, spectra: argv.spectra });
    const paths = await writeSynthetic(argv.out, result);
    const { dataset, groundTruth } = result;
    const counts = dataset.classes.map((c) => `${c} ${dataset.labels.filter((l) => l === c).length}`).join(', ');
    const discriminative = groundTruth.bands.filter((b) => b.discriminative).map((b) => b.position).join(', ');
    process.stdout.write(
      [
        `wrote ${paths.spectra}`,
        `      ${paths.groundTruth}`,
        `  spectra:   ${dataset.spectra.length} (${counts}) in ${new Set(dataset.groups).size} replicate groups`,
        `  variables: ${dataset.axis.length}, ${dataset.axis[0]}-${dataset.axis[dataset.axis.length - 1]} cm-1`,
        `  bands:     ${groundTruth.bands.map((b) => b.position).join(', ')} cm-1; discriminative: ${discriminative}`,
        `  seed:      ${groundTruth.seed}; ${((performance.now() - started) / 1000).toFixed(2)} s`,
        '',
      ].join('\n'),
    );
  },
};
