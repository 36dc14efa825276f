import raman from './raman.json' with { type: 'json' };
import midIr from './midIr.json' with { type: 'json' };
import { validateBandTable, type BandTable } from './bandTable.js';

/** Built-in band tables: the study's assignments plus standard Raman and mid-IR references. */
export const bandTables: { readonly raman: BandTable; readonly midIr: BandTable } = Object.freeze({
  raman: validateBandTable(raman, 'raman'),
  midIr: validateBandTable(midIr, 'midIr'),
});
