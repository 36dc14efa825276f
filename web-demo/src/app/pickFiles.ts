/** Splits dropped or picked files into the model (.onnx, at most one) and spectra files. */
export function pickFiles(files: Iterable<File>): { model?: File; spectra: File[] } {
  let model: File | undefined;
  const spectra: File[] = [];
  for (const f of files) {
    if (/\.onnx$/i.test(f.name)) model = f;
    else spectra.push(f);
  }
  return { model, spectra };
}
