import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';

/**
 * sha256 (hex) over what a model learns from: ids, labels, unit, axis and spectra as loaded
 * (not the file bytes, so the same data read from CSV or a folder hashes alike). Numbers are
 * hashed as their little-endian IEEE bytes.
 */
export function datasetFingerprint(dataset: Dataset): string {
  const hash = createHash('sha256');
  hash.update(`spectracam-data-v1\n${dataset.unit}\n`);
  hash.update(JSON.stringify(dataset.ids));
  hash.update(JSON.stringify(dataset.labels));
  hash.update(littleEndian(dataset.axis));
  for (const spectrum of dataset.spectra) hash.update(littleEndian(spectrum));
  return hash.digest('hex');
}

function littleEndian(values: Float64Array | Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const size = values.BYTES_PER_ELEMENT;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let b = 0; b < size; b++) out[i + b] = bytes[i + size - 1 - b];
  return out;
}
