/**
 * Bounds the readers hold input to, so that a broken or hostile file is refused early and in
 * bounded memory rather than exhausting it. Browser-safe (no node: imports).
 */

/** Longest line a text reader accepts, in characters (256 Mi): V8 cannot hold a string of twice that. */
export const MAX_LINE_CHARS = 2 ** 28;

/** Bytes looked at to tell text from binary or UTF-16: the start of a file's first block. */
export const TEXT_PROBE_BYTES = 4096;

/**
 * Points a JCAMP-DX text may expand to per character of the file: compressed (DUP) data repeat
 * values, but real files come nowhere near 64 points per character.
 */
export const JCAMP_POINTS_PER_CHAR = 64;

/** Points a JCAMP-DX file may hold whatever its length (400 MB of float64 values). */
export const JCAMP_MAX_POINTS = 50_000_000;
