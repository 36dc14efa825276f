export { validateBandTable, type Band, type BandTable } from './bandTable.js';
export { bandTables } from './bandTables.js';
export { annotateRegions, type AnnotatedRegion } from './annotateRegions.js';
