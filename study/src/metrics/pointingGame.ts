/** A stretch of the axis where the evidence is known to be (a ground-truth band), in axis units. */
export interface TruthRegion {
  start: number;
  end: number;
}

export interface PointingScore {
  /** Maps whose maximum falls inside a region widened by the tolerance (Zhang et al. 2018). */
  hits: number;
  tested: number;
  share: number;
  /** Mean share of the map's (non-negative) mass inside the regions: the energy pointing game (Wang et al. 2020). */
  energy: number;
}

/**
 * The pointing game and the energy pointing game of maps (one per spectrum, on `axis`, values
 * >= 0 such as min-max scaled maps) against the regions where the evidence truly is.
 */
export function pointingGame(maps: readonly ArrayLike<number>[], axis: ArrayLike<number>, regions: readonly TruthRegion[], tolerance = 10): PointingScore {
  const inside = (x: number, widen: number) => regions.some((r) => x >= Math.min(r.start, r.end) - widen && x <= Math.max(r.start, r.end) + widen);
  const within = Array.from(axis, (x) => inside(x, 0));
  let hits = 0;
  let energy = 0;
  for (const map of maps) {
    let peak = 0;
    let total = 0;
    let mass = 0;
    for (let j = 0; j < map.length; j++) {
      if (map[j]! > map[peak]!) peak = j;
      const v = Math.max(0, map[j]!);
      total += v;
      if (within[j]) mass += v;
    }
    if (inside(axis[peak]!, tolerance)) hits++;
    energy += total > 0 ? mass / total : 0;
  }
  return { hits, tested: maps.length, share: maps.length ? hits / maps.length : 0, energy: maps.length ? energy / maps.length : 0 };
}
