/**
 * The version every SpectraCAM package carries (they are released together); written into run
 * records and model files. A test holds it equal to each package.json.
 */
export const SPECTRACAM_VERSION = '0.1.0';

/** The producer record of a package: its name and the shared version. */
export function producer(name: string): { name: string; version: string } {
  return { name, version: SPECTRACAM_VERSION };
}
