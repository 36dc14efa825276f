import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Model bytes from a path, a file: or http(s): URL, or bytes; `name` is what errors quote. */
export async function readSource(source: string | URL | Uint8Array): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array) return { bytes: source, name: 'model bytes' };
  const url = source instanceof URL ? source : /^(https?|file):\/\//.test(source) ? new URL(source) : null;
  if (url && url.protocol !== 'file:') return fetchBytes(url);
  const path = url ? fileURLToPath(url) : (source as string);
  try {
    return { bytes: new Uint8Array(await readFile(path)), name: path };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read model ${path}: ${reason}`, { cause: error });
  }
}

export async function fetchBytes(url: URL | string): Promise<{ bytes: Uint8Array; name: string }> {
  const name = String(url);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`cannot fetch model ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`cannot fetch model ${name}: HTTP ${response.status} ${response.statusText}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), name };
}
