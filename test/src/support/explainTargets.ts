import type { Alignment, SpectraModel } from '@spectracam/runtime';

/** Share of correctly classified spectra whose predicted-class map peaks near a discriminative band. */
export interface PeakOnBand {
  alignment: Alignment;
  tested: number;
  correct: number;
  /** Correct spectra whose map peak lies within `tolerance` of a discriminative band. */
  hits: number;
  share: number;
}

export async function peakOnBand(
  model: SpectraModel,
  spectra: Float32Array[],
  labels: string[],
  bands: number[],
  alignment: Alignment,
  tolerance = 10,
): Promise<PeakOnBand> {
  const explained = await model.explain(spectra, { alignment });
  let correct = 0;
  let hits = 0;
  explained.forEach((e, i) => {
    if (e.predicted !== labels[i]) return;
    correct++;
    if (bands.some((b) => Math.abs(e.maps[0]!.peak - b) <= tolerance)) hits++;
  });
  return { alignment, tested: spectra.length, correct, hits, share: correct ? hits / correct : 0 };
}

/**
 * Per class, over correctly classified spectra, how often the top variables "fall within" an axis
 * range, by two definitions: `peakRegion` = the top region holding the map's peak overlaps the
 * range; `majority` = at least half of the top variables lie inside it.
 */
export interface RangeShare {
  n: number;
  peakRegion: number;
  majority: number;
}

export async function topInRange(
  model: SpectraModel,
  spectra: Float32Array[],
  labels: string[],
  range: [number, number],
  alignment: Alignment = 'receptive-field',
  top = 0.1,
): Promise<Record<string, RangeShare>> {
  const [lo, hi] = range;
  const axis = model.axis;
  const out: Record<string, RangeShare> = Object.fromEntries(model.classes.map((c) => [c, { n: 0, peakRegion: 0, majority: 0 }]));
  for await (const [i, e] of enumerate(model.explainStream(spectra, { alignment, top }))) {
    if (e.predicted !== labels[i]) continue;
    const share = out[e.predicted]!;
    const m = e.maps[0]!;
    share.n++;
    const holding = m.regions.find((r) => r.startIndex <= m.peakIndex && m.peakIndex <= r.endIndex)!;
    const [a, b] = [Math.min(holding.start, holding.end), Math.max(holding.start, holding.end)];
    if (a <= hi && b >= lo) share.peakRegion++;
    let inside = 0;
    let total = 0;
    for (const r of m.regions) {
      for (let j = r.startIndex; j <= r.endIndex; j++) {
        total++;
        if (axis[j]! >= lo && axis[j]! <= hi) inside++;
      }
    }
    if (inside * 2 >= total) share.majority++;
  }
  for (const s of Object.values(out)) {
    if (s.n) {
      s.peakRegion /= s.n;
      s.majority /= s.n;
    }
  }
  return out;
}

async function* enumerate<T>(items: AsyncIterable<T>): AsyncGenerator<[number, T]> {
  let i = 0;
  for await (const item of items) yield [i++, item];
}
