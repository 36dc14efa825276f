import type { Argv, CommandModule } from 'yargs';

interface SynthArgs {
  out: string;
  seed: number;
  spectra: number;
}

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth',
  describe: 'Write the built-in synthetic Raman data set (two strains, known discriminative bands) and its ground truth',
  builder: (yargs) =>
    yargs
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for synthetic.csv and ground-truth.json' })
      .option('seed', { type: 'number', default: 1, describe: 'random seed: the same seed writes the same data' })
      .option('spectra', { type: 'number', default: 853, describe: 'number of spectra (the study\'s E. coli set has 853)' })
      .example('$0 synth --out data/synthetic', '853 spectra x 1733 variables, 50-2000 cm-1')
      .example('$0 train --data data/synthetic/synthetic.csv --out runs/synthetic', 'then train on it') as unknown as Argv<SynthArgs>,
  handler: async (argv) => {
    const { generateSynthetic, writeSynthetic } = await import('@spectracam/data');
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
