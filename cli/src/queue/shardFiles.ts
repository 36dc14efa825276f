import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@spectracam/data';

/** What a shard's `.json` holds beside its `.f32` spectra. */
export interface ShardHeader {
  format: 'spectracam-explain-shard';
  source: string;
  ids: string[];
  labels: string[];
  axis: number[];
  unit: string;
  points: number;
}

export interface Shard extends Omit<ShardHeader, 'format' | 'axis'> {
  axis: Float64Array;
  spectra: Float32Array[];
}

/**
 * A shard's spectra as raw float32 (what the readers hold, so nothing is rounded) beside a JSON
 * header; the header is written last, so its presence means the shard is whole.
 */
export async function writeShard(path: string, shard: Shard): Promise<void> {
  const bytes = new Float32Array(shard.spectra.length * shard.points);
  shard.spectra.forEach((s, i) => bytes.set(s, i * shard.points));
  await writeFileAtomic(`${path}.f32`, new Uint8Array(bytes.buffer));
  const header: ShardHeader = { format: 'spectracam-explain-shard', source: shard.source, ids: shard.ids, labels: shard.labels, axis: [...shard.axis], unit: shard.unit, points: shard.points };
  await writeFileAtomic(`${path}.json`, JSON.stringify(header));
}

export async function readShard(path: string): Promise<Shard> {
  const header = JSON.parse(await readFile(`${path}.json`, 'utf8')) as ShardHeader;
  if (header.format !== 'spectracam-explain-shard') throw new Error(`${path}.json: not an explain shard (format ${String(header.format)})`);
  const raw = await readFile(`${path}.f32`);
  const expected = header.ids.length * header.points * 4;
  if (raw.byteLength !== expected) throw new Error(`${path}.f32: ${raw.byteLength} bytes, expected ${expected} (${header.ids.length} spectra x ${header.points} float32)`);
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const spectra = header.ids.map((_, i) => all.subarray(i * header.points, (i + 1) * header.points));
  return { ...header, axis: Float64Array.from(header.axis), spectra };
}
