/** Everything on standard input, as bytes (formats are told from the bytes, as for a file). */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    throw new Error('- (standard input) is a terminal; pipe the data in (spectracam predict model.onnx - < spectra.csv)');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) throw new Error('- (standard input): nothing was read; expected spectra (a data file piped in)');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
