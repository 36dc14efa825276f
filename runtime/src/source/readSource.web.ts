/** Model bytes in a browser: a string or URL is fetched (relative to the page), bytes pass through. */
export async function readSource(source: string | URL | Uint8Array): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array) return { bytes: source, name: 'model bytes' };
  const name = String(source);
  let response: Response;
  try {
    response = await fetch(source);
  } catch (error) {
    throw new Error(`cannot fetch model ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`cannot fetch model ${name}: HTTP ${response.status} ${response.statusText}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), name };
}
