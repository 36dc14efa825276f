/**
 * @spectracam/cam: class activation maps for spectra. Pure math (no I/O, no Node APIs), so it
 * runs in browsers, workers and Node alike.
 */
export * from './axis/index.js';
export * from './spline/index.js';
export * from './map/index.js';
export * from './top/index.js';
export * from './bands/index.js';
export * from './stats/index.js';
export * from './charts/index.js';
export * from './explain/index.js';
