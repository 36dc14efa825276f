import type { Explanation } from '@spectracam/runtime';

/** One JSON line per spectrum: id, prediction, probabilities, regions with bands, maps with --full. */
export function explanationJson(id: string, e: Explanation, full: boolean): string {
  const round = (v: number) => Number(v.toPrecision(6));
  return JSON.stringify({
    id,
    predicted: e.predicted,
    probabilities: Object.fromEntries(Object.entries(e.probabilities).map(([k, v]) => [k, round(v)])),
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
