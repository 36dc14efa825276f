export { topCount } from './topCount.js';
export { topVariables } from './topVariables.js';
export { topRegions, regionsOfTop, regionsAbove, regionsFromScan, type Region } from './topRegions.js';
export { TopScan, scanMap } from './topScan.js';
export { scanThreshold } from './selectTop.js';
export { createTopSummary, summaryFromScan, type TopSummary } from './topSummary.js';
