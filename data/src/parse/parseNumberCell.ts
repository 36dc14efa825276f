/**
 * Reads one numeric cell. The message names the place (`file:line:column`) and what was expected:
 * a user must find the bad cell without a debugger. NaN and infinities are refused as well.
 */
export function parseNumberCell(cell: string, place: string): number {
  const text = cell.trim();
  if (text === '') throw new Error(`${place}: empty cell; expected a number`);
  const value = Number(text);
  if (Number.isNaN(value)) {
    if (/^[+-]?nan$/i.test(text)) throw new Error(`${place}: NaN value; expected a finite number`);
    throw new Error(`${place}: "${truncate(text)}" is not a number; expected a number`);
  }
  if (!Number.isFinite(value)) throw new Error(`${place}: infinite value "${truncate(text)}"; expected a finite number`);
  return value;
}

/** True when the cell reads as a number (finite or not): used to tell headers from data. */
export function isNumericCell(cell: string): boolean {
  const text = cell.trim();
  if (text === '') return false;
  return !Number.isNaN(Number(text)) || /^[+-]?(nan|inf|infinity)$/i.test(text);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
