import type { Explanation, Prediction } from '@spectracam/runtime';

const round = (v: number) => Number(v.toPrecision(6));

/** The fields every JSON line of predict and explain carries: id, true label when known, prediction, unknown-sample score, range flag. */
export function predictionFields(id: string, p: Prediction, label: string | undefined) {
  return {
    id,
    ...(label !== undefined ? { label } : {}),
    predicted: p.predicted,
    probabilities: Object.fromEntries(Object.entries(p.probabilities).map(([k, v]) => [k, round(v)])),
    ...(p.novelty !== undefined ? { novelty: round(p.novelty), unknown: p.unknown } : {}),
    ...(p.outOfRange !== undefined ? { outOfRange: p.outOfRange, rangeExcess: round(p.rangeExcess!) } : {}),
  };
}

/** One JSON line per spectrum: prediction fields, regions with bands, maps with --full. */
export function explanationJson(id: string, e: Explanation, full: boolean, label?: string): string {
  return JSON.stringify({
    ...predictionFields(id, e, label),
    explanations: e.maps.map((m) => ({
      class: m.class,
      peak: m.peak,
      regions: m.regions.map((r) => ({
        start: r.start,
        end: r.end,
        peak: r.peak,
        score: round(r.score),
        ...(r.band ? { band: r.band.name, bandPosition: r.band.position, assignment: r.band.assignment } : {}),
      })),
      ...(full && m.map ? { map: Array.from(m.map, round) } : {}),
    })),
  });
}
