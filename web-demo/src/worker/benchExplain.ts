import type { SpectraModel } from '@spectracam/runtime';
import type { SpectraPayload } from './protocol.js';

/**
 * Milliseconds per spectrum of `explain` (all classes, full maps) at a batch size, median of
 * `repeats` runs after one warm-up; rows are repeated to fill the batch.
 */
export async function benchExplain(model: SpectraModel, spectra: SpectraPayload, batch: number, repeats: number): Promise<number> {
  if (spectra.rows.length === 0) throw new RangeError('bench: no spectra loaded');
  const rows = Array.from({ length: batch }, (_, i) => spectra.rows[i % spectra.rows.length]!);
  const run = () => model.explain(rows, { axis: spectra.axis, extendEnds: spectra.extendEnds, class: 'all', full: true });
  await run();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]! / batch;
}
