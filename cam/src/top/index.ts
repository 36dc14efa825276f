export { topCount } from './topCount.js';
export { topVariables } from './topVariables.js';
export { topRegions, regionsOfTop, regionsAbove, type Region } from './topRegions.js';
export { RankSketch, SKETCH_BINS, sketchMap } from './rankSketch.js';
export { sketchThreshold } from './selectTop.js';
export { createTopSummary, summaryFromSketch, type TopSummary } from './topSummary.js';
