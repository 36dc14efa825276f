import type { CommandModule } from 'yargs';
import { ATTRIBUTION_METHODS, ATTRIBUTION_OUTPUTS, type AttributionMethod } from '@spectracam/format';
import { readerOptions, toReaderOptions, type ReaderArgv } from '../options/readerOptions.js';

interface AuditArgs extends Partial<ReaderArgv> {
  model: string;
  data?: string;
  out: string;
  truth?: string;
  regions?: string;
  methods?: string;
  tolerance: number;
  top: number;
  max: number;
  force: boolean;
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: 'audit <model> [data]',
  describe: 'Test the explanations of a model: pointing games, deletion/insertion against random and VIP, the randomisation cascade; audit.json + audit.html',
  builder: (yargs) =>
    readerOptions(yargs, { dataRequired: false })
      .positional('model', { type: 'string', demandOption: true, describe: 'SpectraCAM ONNX model' })
      .positional('data', { type: 'string', describe: 'labelled spectra (or --data)' })
      .option('out', { alias: 'o', type: 'string', default: 'audit', describe: 'folder for audit.json and audit.html' })
      .option('truth', { type: 'string', describe: "ground truth: a JSON file with `bands` ({position, width, discriminative}), as `spectracam synth` writes" })
      .option('regions', { type: 'string', describe: 'ground truth as axis ranges, e.g. 1730-1750,1640-1660' })
      .option('methods', { type: 'string', describe: 'methods to audit (default: cam and every attribution the file carries)' })
      .option('tolerance', { type: 'number', default: 10, describe: 'pointing-game tolerance in axis units' })
      .option('top', { type: 'number', default: 0.1, describe: 'top fraction of variables for the regions' })
      .option('max', { type: 'number', default: 200, describe: 'correctly classified spectra explained at most' })
      .option('force', { type: 'boolean', default: false, describe: 'replace audit files that SpectraCAM did not write' })
      .example('$0 audit model.onnx data/synthetic.csv --truth data/ground-truth.json', 'every method against the known bands')
      .example('$0 audit meat.onnx FreshMeatFTIR.csv --regions 1730-1750', 'meat: the fat band') as never,
  handler: async (argv) => {
    const data = argv.data;
    if (!data) throw new Error('DATA is missing: give labelled spectra as the second argument or with --data');
    const [{ readFile, mkdir }, { join }, dataPkg, { runAudit }, { auditHtml }] = await Promise.all([
      import('node:fs/promises'), import('node:path'), import('@spectracam/data'), import('../audit/runAudit.js'), import('../audit/auditHtml.js'),
    ]);
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const ownAudit = async (dir: string) => (await readFile(join(dir, 'audit.json'), 'utf8').catch(() => '')).includes('"spectracam-audit"');
    for (const file of ['audit.json', 'audit.html']) {
      await dataPkg.checkOutput(join(argv.out, file), { what: 'audit', inputs: [argv.model, data, argv.truth], isOwn: () => ownAudit(argv.out), force: argv.force });
    }
    const bytes = new Uint8Array(await readFile(argv.model).catch((e: Error) => { throw new Error(`cannot read model ${argv.model}: ${e.message}`); }));
    const dataset = await dataPkg.loadDataset(toReaderOptions({ ...argv, data } as ReaderArgv));
    const truth = argv.truth
      ? ((JSON.parse(await readFile(argv.truth, 'utf8')) as { bands?: { position: number; width: number; discriminative?: boolean }[] }).bands ?? [])
          .filter((b) => b.discriminative !== false)
          .map((b) => ({ start: b.position - b.width / 2, end: b.position + b.width / 2 }))
      : argv.regions
        ? argv.regions.split(',').map((r) => {
            const [a, b] = r.split('-').map(Number);
            if (!Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`--regions: '${r}' is not a range like 1730-1750`);
            return { start: a!, end: b! };
          })
        : undefined;
    const { decodeModel } = await import('@spectracam/format/onnx');
    const outputs = decodeModel(bytes, argv.model).outputs;
    const carried = ATTRIBUTION_METHODS.filter((m) => outputs.includes(ATTRIBUTION_OUTPUTS[m]));
    const methods = (argv.methods ? argv.methods.split(',') : ['cam', ...carried]) as ('cam' | AttributionMethod)[];
    const bar = new SingleBar({ format: 'audit |{bar}| {value}/{total} {step}', stream: process.stderr }, Presets.shades_classic);
    bar.start(methods.length + 3, 0, { step: '' });
    let result;
    try {
      result = await runAudit({ model: argv.model, bytes, dataset, methods, truth, tolerance: argv.tolerance, top: argv.top, max: argv.max, onProgress: (step, done) => bar.update(done, { step }) });
    } finally {
      bar.stop();
    }
    await mkdir(argv.out, { recursive: true });
    await dataPkg.writeFileAtomic(join(argv.out, 'audit.json'), `${JSON.stringify(result)}\n`);
    await dataPkg.writeFileAtomic(join(argv.out, 'audit.html'), auditHtml(result));
    const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
    const lines = [`audit of ${argv.model} on ${result.data.explained} correctly classified spectra (${result.seconds.toFixed(1)} s); deletion AUC of random orderings ${f(result.random.deletionAuc)}${result.vip ? `, VIP ${f(result.vip.deletionAuc)}` : ''}`];
    for (const m of result.methods) {
      lines.push(`  ${m.method.padEnd(16)} pointing ${f(m.pointing?.share)}  energy ${f(m.pointing?.energy)}  deletion ${f(m.curves.deletionAuc)} (${f(m.curves.deletionAuc / result.random.deletionAuc)} x random)  insertion ${f(m.curves.insertionAuc)}  randomised classifier/conv3 rho ${m.randomisation.slice(0, 2).map((r) => f(r.spearman)).join('/')}${m.passesSanity ? '' : '  FAILS the sanity check'}`);
      if (m.topRegionOnTruthByClass) lines.push(`  ${''.padEnd(16)} top region on the truth ${f(m.topRegionOnTruth)}: ${Object.entries(m.topRegionOnTruthByClass).map(([c, v]) => `${c} ${f(v)}`).join(', ')}`);
    }
    const ref = result.truthReference;
    if (ref) lines.push(`  reference: ${ref.vipPointing ? `PLS-LDA's VIP peaks at ${Number(ref.vipPeak!.toFixed(1))} (${ref.vipPointing.hits ? 'on' : 'off'} the truth, energy ${f(ref.vipPointing.energy)}); ` : ''}a flat map's energy ${f(ref.flatEnergy)}`);
    lines.push(`wrote ${join(argv.out, 'audit.json')} and ${join(argv.out, 'audit.html')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
