export { topCount } from './topCount.js';
export { topVariables } from './topVariables.js';
export { topRegions, type Region } from './topRegions.js';
