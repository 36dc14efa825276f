import type { RankSketch } from './rankSketch.js';
import { sketchThreshold } from './selectTop.js';

/**
 * What an explanation needs from a map besides the map itself: its range, its first maximum, and
 * where its top k variables start (the k-th largest value and how many values exceed it). Filled
 * by summaryFromSketch; reused map after map.
 */
export interface TopSummary {
  min: number;
  max: number;
  peakIndex: number;
  threshold: number;
  above: number;
  /** False for a map with a non-finite value or no range: callers take their checked path. */
  ok: boolean;
}

export function createTopSummary(): TopSummary {
  return { min: 0, max: 0, peakIndex: 0, threshold: 0, above: 0, ok: false };
}

/** Fills `summary` from a map and its RankSketch (1 <= k <= map length). */
export function summaryFromSketch(map: ArrayLike<number>, k: number, sketch: RankSketch, summary: TopSummary): TopSummary {
  summary.min = sketch.min;
  summary.max = sketch.max;
  summary.peakIndex = sketch.peakIndex;
  summary.ok = sketch.ok && Number.isFinite(sketch.max - sketch.min);
  if (!summary.ok) return summary;
  const { threshold, above } = sketchThreshold(map, k, sketch);
  summary.threshold = threshold;
  summary.above = above;
  return summary;
}
