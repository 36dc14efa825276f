/**
 * The file an attribute's URL names (relative to the page, as for `<img src>`), named as the URL's
 * last segment; a model gets `.onnx` where its name lacks it, so the drop logic takes it as one.
 */
export async function fetchAsFile(attribute: 'model' | 'spectra', url: string): Promise<File> {
  const resolved = new URL(url, document.baseURI);
  const response = await fetch(resolved);
  if (!response.ok) throw new Error(`${attribute} ${url}: HTTP ${response.status} ${response.statusText}`);
  const name = decodeURIComponent(resolved.pathname.split('/').pop() || attribute);
  return new File([await response.arrayBuffer()], attribute === 'model' && !/\.onnx$/i.test(name) ? `${name}.onnx` : name);
}
