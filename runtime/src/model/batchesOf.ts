/** [start, rows] of consecutive batches of at most `size` rows covering `total` rows. */
export function* batchesOf(total: number, size: number): Generator<[number, number]> {
  if (!(size >= 1)) throw new RangeError(`batch size must be at least 1; got ${size}`);
  for (let start = 0; start < total; start += size) yield [start, Math.min(size, total - start)];
}
