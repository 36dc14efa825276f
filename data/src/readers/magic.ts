/**
 * How the binary and header-marked formats are known by their first bytes. Kept apart from the
 * parsers, so that choosing a reader loads none of them (they load on first use).
 */

/** Bruker OPUS: 0A 0A FE FE. */
export function isOpus(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0a && bytes[2] === 0xfe && bytes[3] === 0xfe;
}

/** Renishaw WiRE: WDF1. */
export function isWdf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x57 && bytes[1] === 0x44 && bytes[2] === 0x46 && bytes[3] === 0x31;
}

export const SPA_MAGIC = 'Spectral Data File';

/** Thermo OMNIC SPA/SPG: "Spectral Data File". */
export function isSpa(bytes: Uint8Array): boolean {
  if (bytes.length < SPA_MAGIC.length) return false;
  for (let i = 0; i < SPA_MAGIC.length; i++) if (bytes[i] !== SPA_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Horiba LabSpec text: it starts with `#key=<TAB>value` header lines. */
export function looksLikeLabspec(head: string): boolean {
  return /^#[^\r\n=]{1,80}=\t[^\r\n]*\r?\n#[^\r\n=]{1,80}=/.test(head);
}
