export { explanationSvg } from './explanationSvg.js';
export type { ExplanationPlot } from './explanationSvg.js';
