import { splitDelimited } from './splitDelimited.js';

/**
 * Parses a side file mapping sample ids to a value (`id,label` or `id,group`). A first row whose
 * first cell is id/sample/name is a header. Returns a Map from trimmed id to trimmed value.
 */
export function parseSideFile(text: string, source: string): Map<string, string> {
  const { rows } = splitDelimited(text, source);
  const map = new Map<string, string>();
  const start = /^(id|sample|name|sample[ _-]?id|spectrum)$/i.test(rows[0].cells[0]?.trim() ?? '') ? 1 : 0;
  for (const row of rows.slice(start)) {
    if (row.cells.length < 2) throw new Error(`${source}:${row.line}: one cell; expected two columns, id and value`);
    const id = row.cells[0].trim();
    const value = row.cells[1].trim();
    if (value === '') throw new Error(`${source}:${row.line}:2: empty value for "${id}"; expected a label or group`);
    if (map.has(id) && map.get(id) !== value) {
      throw new Error(`${source}:${row.line}: "${id}" appears again with "${value}" (before: "${map.get(id)}"); expected one value per id`);
    }
    map.set(id, value);
  }
  if (map.size === 0) throw new Error(`${source}: no entries; expected lines of id and value`);
  return map;
}
