import type { TopScan } from './topScan.js';
import { scanThreshold } from './selectTop.js';

/**
 * What an explanation needs from a map besides the map itself: its range, its first maximum, and
 * where its top k variables start (the k-th largest value and how many values exceed it). Filled
 * by summaryFromScan; reused map after map.
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

/** Fills `summary` from a map and its TopScan (1 <= k <= map length). */
export function summaryFromScan(map: ArrayLike<number>, k: number, scan: TopScan, summary: TopSummary): TopSummary {
  summary.min = scan.min;
  summary.max = scan.max;
  summary.peakIndex = scan.peakIndex;
  summary.ok = scan.ok;
  if (!summary.ok) return summary;
  const { threshold, above } = scanThreshold(map, k, scan);
  summary.threshold = threshold;
  summary.above = above;
  return summary;
}
