export { buildReport, REPORT_FIGURES } from './buildReport.js';
export { writeReport } from './writeReport.js';
export { renderSvg } from './renderSvg.js';
export { escapeHtml } from './escapeHtml.js';
export { bandNotes, bandTableFor } from './bandNotes.js';
export type { ClassBandNote } from './bandNotes.js';
