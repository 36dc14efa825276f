/**
 * Thermo Galactic SPC layout (SPC.H): the new format (version byte 0x4B little-endian, 0x4C
 * big-endian) has a 512-byte main header with fnpts (uint32) at byte 4 and fnsub (uint32) at
 * byte 24; the old format (0x4D) a 224-byte header with onpts as a float32 at byte 4. Each
 * subfile has a 32-byte subheader (subnpts, uint32, at its byte 16) and its Y values.
 */
const NEW_HEADER = 512;
const OLD_HEADER = 224;
const SUBHEADER = 32;
const TSPREC = 1; // Y as 16-bit integers
const TXYXYS = 64; // one X array per subfile
const TXVALS = 128; // X stored as float32, not evenly spaced

/**
 * Refuses an SPC file whose header declares more points and subfiles than its bytes can hold,
 * before spc-parser allocates for them: a header of random bytes declared 2.6 billion points and
 * drove the process to 21 GB. Reads the header itself; other problems are left to spc-parser.
 */
export function checkSpcSize(bytes: Uint8Array, source: string): void {
  const size = bytes.length;
  if (size < 2) return;
  const flags = bytes[0]!;
  const version = bytes[1]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const perY = flags & TSPREC ? 2 : 4;
  if (version === 0x4d) {
    if (size < OLD_HEADER + SUBHEADER) throw shortHeader(source, size, OLD_HEADER + SUBHEADER);
    const points = view.getFloat32(4, true);
    if (!(Number.isInteger(points) && points >= 0)) {
      throw new Error(`${source}: SPC header (old format) declares ${points} points; expected a whole number (truncated or not an SPC file)`);
    }
    const need = OLD_HEADER + SUBHEADER + points * perY;
    if (need > size) throw tooShort(source, `${points} points (old format)`, need, size);
    return;
  }
  if (version !== 0x4b && version !== 0x4c) return;
  if (size < NEW_HEADER) throw shortHeader(source, size, NEW_HEADER);
  const little = version === 0x4b;
  const points = view.getUint32(4, little);
  const subfiles = view.getUint32(24, little);
  if (flags & TXVALS && flags & TXYXYS) {
    checkXyxy(view, subfiles, perY, little, source);
    return;
  }
  // Evenly spaced X is computed; stored X (TXVALS) comes once, before the subfiles.
  const need = NEW_HEADER + (flags & TXVALS ? points * 4 : 0) + subfiles * (SUBHEADER + points * perY);
  if (need > size) throw tooShort(source, `${points} points x ${subfiles} subfile${subfiles === 1 ? '' : 's'}`, need, size);
}

/** Subfiles that each carry their own X: walked subheader by subheader (each one moves at least 32 bytes on). */
function checkXyxy(view: DataView, subfiles: number, perY: number, little: boolean, source: string): void {
  const size = view.byteLength;
  let offset = NEW_HEADER;
  for (let s = 0; s < subfiles; s++) {
    if (offset + SUBHEADER > size) {
      throw tooShort(source, `${subfiles} subfiles (each with its own X)`, offset + (subfiles - s) * SUBHEADER, size);
    }
    const points = view.getUint32(offset + 16, little);
    const need = offset + SUBHEADER + points * (4 + perY);
    if (need > size) throw new Error(`${source}: SPC subfile ${s + 1} declares ${points} points, which needs at least ${need} bytes; the file has ${size} (truncated or not an SPC file)`);
    offset = need;
  }
}

function tooShort(source: string, declared: string, need: number, size: number): Error {
  return new Error(`${source}: SPC header declares ${declared}, which needs at least ${need} bytes; the file has ${size} (truncated or not an SPC file)`);
}

function shortHeader(source: string, size: number, header: number): Error {
  return new Error(`${source}: ${size} bytes, shorter than the ${header}-byte SPC header; expected a Thermo Galactic SPC file (truncated?)`);
}
