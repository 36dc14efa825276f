export { resampleLinear } from './resampleLinear.js';
export { commonAxis } from './commonAxis.js';
export { toAscending } from './toAscending.js';
