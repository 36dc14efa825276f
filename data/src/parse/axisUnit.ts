/** An instrument file's X unit as the readers name it: wavenumbers (1/CM, cm-1, cm^-1) as `cm-1`, others as given. */
export function axisUnit(units: string | undefined): string | undefined {
  if (!units) return undefined;
  return /1\s*\/\s*cm|cm-1|cm\^-1/i.test(units) ? 'cm-1' : units;
}
