/** Axis units the CLI accepts, each with the spellings instrument software uses for it. */
const UNITS: Record<string, readonly string[]> = {
  'cm-1': ['cm-1', '1/cm', 'cm^-1', 'cm⁻¹', 'wavenumber', 'wavenumbers'],
  nm: ['nm', 'nanometer', 'nanometers'],
  um: ['um', 'µm', 'μm', 'micrometer', 'micrometers', 'micron', 'microns'],
  index: ['index', 'variable', 'points'],
};

/** The canonical name of a unit, or undefined when it is not one the CLI knows. */
export function canonicalUnit(unit: string): string | undefined {
  const u = unit.trim().toLowerCase();
  for (const [name, spellings] of Object.entries(UNITS)) if (name === u || spellings.includes(u)) return name;
  return undefined;
}

/** --unit as given: a known unit, canonical. */
export function unitOption(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  const known = canonicalUnit(unit);
  if (!known) throw new Error(`--unit ${unit}: not a unit SpectraCAM knows; expected one of ${Object.keys(UNITS).join(', ')}`);
  return known;
}

/** Refuses data on an axis in another unit than the model's: resampling would mix wavenumbers and wavelengths. */
export function checkSameUnit(dataUnit: string, modelUnit: string, source: string): void {
  const a = canonicalUnit(dataUnit) ?? dataUnit;
  const b = canonicalUnit(modelUnit) ?? modelUnit;
  if (a !== b) {
    throw new Error(`${source}: the axis is in ${dataUnit} but the model's is in ${modelUnit}; convert the axis first (or correct --unit)`);
  }
}
