import type { ReaderArgs } from '../runtime/modelInputs.js';
import type { ExplainSettings } from './queueJobs.js';
import { abortOnSigint } from '../terminal/abortOnSigint.js';

interface ExplainQueuedArgs extends ReaderArgs, ExplainSettings {
  model: string;
  data: string[];
  queue: string;
  out: string;
  shardSize: number;
}

/** The terminal side of `explain --queue`: one bar over every shard, a summary when all are done. */
export async function explainQueued(args: ExplainQueuedArgs): Promise<void> {
  const { runQueuedExplain } = await import('./queuedExplain.js');
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream: process.stderr, format: 'explain |{bar}| {value}/{total} shards, {spectra} spectra | {message}', hideCursor: true }, Presets.shades_classic);
  let started = false;
  const interrupt = abortOnSigint('interrupted: the queued shards go on on the workers; rerun the same command to wait for them');
  const t0 = performance.now();
  try {
    const { model, data, queue, out, shardSize, class: cls, top, alignment, method, full, bands, extendEnds, ...reader } = args;
    const result = await runQueuedExplain({
      queue, model, data, out, shardSize, reader, settings: { class: cls, top, alignment, method, full, bands, ...(extendEnds ? { extendEnds } : {}) }, signal: interrupt.signal,
      onProgress: (p) => {
        // Without a terminal (a log file), one line once every shard is queued, instead of a bar.
        if (!process.stderr.isTTY) {
          if (/waiting for workers/.test(p.message)) process.stderr.write(`${p.message}\n`);
          return;
        }
        if (!started) {
          bar.start(p.shards, p.shardsDone, { spectra: p.spectra, message: p.message });
          started = true;
        } else {
          bar.setTotal(p.shards);
          bar.update(p.shardsDone, { spectra: p.spectra, message: p.message });
        }
      },
    });
    if (started) bar.stop();
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write(
      `explained ${result.spectra} spectra in ${result.shards} shards (${result.shards - result.kept} on the queue, ${result.kept} kept from an earlier run) in ${seconds.toFixed(2)} s\n` +
        `parts: ${out}/part-00000.jsonl .. ${result.parts.length > 0 ? result.parts[result.parts.length - 1]!.split('/').pop() : '(none)'}\n`,
    );
  } finally {
    if (started) bar.stop();
    interrupt.release();
  }
}
