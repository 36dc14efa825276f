import type { Argv, CommandModule } from 'yargs';

interface QuickstartArgs {
  out: string;
  seed: number;
  epochs?: number;
  backend: 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
}

const STEPS = ['synth', 'train', 'export', 'explain', 'report'] as const;

export const quickstartCommand: CommandModule<object, QuickstartArgs> = {
  command: 'quickstart',
  describe: 'The whole story on the built-in synthetic Raman data: generate, train, export, explain, report',
  builder: (yargs) =>
    yargs
      .option('out', { alias: 'o', type: 'string', default: 'spectracam-quickstart', describe: 'folder for everything it writes' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the data, split and weights' })
      .option('epochs', { type: 'number', describe: 'maximum training epochs (trainer default; early stopping ends sooner)' })
      .option('backend', { choices: ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'TensorFlow.js backend for training' })
      .example('$0 quickstart', 'writes ./spectracam-quickstart/{data,evaluation,model.onnx,explanations.jsonl,explanation.svg}')
      .example('$0 quickstart --out /tmp/qs --seed 2', 'another seed, another folder') as unknown as Argv<QuickstartArgs>,
  handler: async (argv) => {
    const { runQuickstart } = await import('../quickstart/runQuickstart.js');
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const bar = new SingleBar(
      { format: 'quickstart |{bar}| step {stepNo}/5 {step}: {message}', hideCursor: true, stream: process.stderr, clearOnComplete: true },
      Presets.shades_classic,
    );
    bar.start(STEPS.length, 0, { stepNo: 1, step: 'synth', message: '' });
    let result;
    try {
      result = await runQuickstart({ out: argv.out, seed: argv.seed, epochs: argv.epochs, backend: argv.backend }, (s) => {
        const k = STEPS.indexOf(s.step);
        bar.update(k + (s.fraction ?? 0), { stepNo: k + 1, step: s.step, message: s.message.slice(0, 60) });
      });
    } finally {
      bar.stop();
    }
    const f = result.files;
    const s = result.seconds;
    const total = Object.values(s).reduce((a, b) => a + b, 0);
    process.stdout.write(
      [
        `SpectraCAM quickstart: ${total.toFixed(0)} s (synth ${s.synth.toFixed(1)}, train ${s.train.toFixed(1)} on ${result.backend}, export ${s.export.toFixed(1)}, explain ${s.explain.toFixed(1)}, report ${s.report.toFixed(1)})`,
        '',
        `  test accuracy:               ${(100 * result.testAccuracy).toFixed(1)} %`,
        `  explanations on true bands:  ${(100 * result.onBand.share).toFixed(1)} % (${result.onBand.hits}/${result.onBand.correct} correctly classified test spectra: map peak within 10 cm-1 of a discriminative band's position)`,
        `  on the bands' regions:       ${(100 * result.onBandRegion.share).toFixed(1)} % (${result.onBandRegion.hits}/${result.onBandRegion.correct}: within 10 cm-1 of a band's position +- half its width, the pointing game of \`spectracam audit --truth\`)`,
        `  explain throughput:          ${result.throughput.toFixed(0)} spectra/s (cpu, predicted class, full map, regions)`,
        '',
        `  data:          ${f.data}`,
        `  ground truth:  ${f.groundTruth}`,
        `  trained run:   ${f.run}`,
        `  model:         ${f.model}`,
        `  explanations:  ${f.explanations}`,
        `  one explained: ${f.plot}`,
        `  report:        ${f.report}`,
        '',
        `next: spectracam explain ${f.model} ${f.data} --plot one.svg --plot-index 0`,
        '',
      ].join('\n'),
    );
  },
};
