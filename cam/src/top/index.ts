export { topCount } from './topCount.js';
export { topVariables } from './topVariables.js';
export { topRegions, regionsOfTop, type Region } from './topRegions.js';
